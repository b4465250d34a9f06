output "lake_url" {
  description = "LAKE_URL for the pipeline."
  value       = module.lake.lake_url
}

output "api_keys_secret_name" {
  description = "Put the LG Inform Plus keys here (aws secretsmanager put-secret-value)."
  value       = module.api_keys.secret_name
}

output "api_keys_secret_arn" {
  description = "LGINFORM_SECRET_ARN for the pipeline."
  value       = module.api_keys.secret_arn
}

output "database_endpoint" {
  description = "host:port of the warehouse (reachable from the Airflow host only)."
  value       = module.database.endpoint
}

output "database_master_user_secret_arn" {
  description = "The administrator's password, kept and rotated by RDS."
  value       = module.database.master_user_secret_arn
}

output "airflow_instance_id" {
  description = "Target for `aws ssm start-session` and the DAG deployment."
  value       = module.airflow_host.instance_id
}

output "dags_bucket_name" {
  description = "Where the deployment workflow syncs the DAGs."
  value       = module.airflow_host.dags_bucket_name
}

output "ecr_repository_url" {
  description = "Where the deployment workflow pushes the pipeline's image."
  value       = module.registry.repository_url
}

output "extract_function_name" {
  description = "The scheduled extract-and-land Lambda function."
  value       = module.extract_lambda.function_name
}

output "kms_key_arn" {
  description = "The environment's KMS key."
  value       = module.key.key_arn
}
