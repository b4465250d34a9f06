output "extract_and_land_policy_arn" {
  description = "Policy for the extract-and-land step (Lambda and the Airflow host)."
  value       = aws_iam_policy.extract_and_land.arn
}

output "connect_to_database_policy_arn" {
  description = "Policy for the load step's IAM sign-in to PostgreSQL; null when no database was given."
  value       = var.database == null ? null : aws_iam_policy.connect_to_database[0].arn
}
