output "endpoint" {
  description = "host:port of the database."
  value       = aws_db_instance.this.endpoint
}

output "address" {
  description = "Host name of the database."
  value       = aws_db_instance.this.address
}

output "database_name" {
  description = "The database the pipeline loads into."
  value       = aws_db_instance.this.db_name
}

output "resource_id" {
  description = "The instance's resource id (db-...), part of the rds-db:connect ARN."
  value       = aws_db_instance.this.resource_id
}

output "security_group_id" {
  description = "The database's security group."
  value       = aws_security_group.database.id
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret with the administrator's password (managed and rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
