output "function_name" {
  description = "The function's name."
  value       = aws_lambda_function.this.function_name
}

output "failed_runs_queue_url" {
  description = "The dead-letter queue: one message per run that failed after its retries."
  value       = aws_sqs_queue.failed_runs.url
}
