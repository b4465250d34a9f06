output "function_name" {
  description = "Name of the function, for `aws lambda invoke`."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "failed_runs_queue_url" {
  description = "Dead-letter queue of failed runs."
  value       = aws_sqs_queue.failed_runs.url
}

output "failed_runs_alarm_name" {
  description = "Alarm that fires when a run fails for good; point an SNS topic at it for e-mail."
  value       = aws_cloudwatch_metric_alarm.failed_runs.alarm_name
}
