output "policy_name" {
  description = "The inline policy added to the Airflow host's role."
  value       = aws_iam_role_policy.pipeline.name
}
