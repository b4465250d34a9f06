output "secret_arn" {
  description = "ARN of the API-keys secret: LGINFORM_SECRET_ARN for the pipeline, and the only secret its role may read."
  value       = aws_secretsmanager_secret.api_keys.arn
}

output "secret_name" {
  description = "Name of the API-keys secret, for put-secret-value."
  value       = aws_secretsmanager_secret.api_keys.name
}
