output "lake_url" {
  description = "LAKE_URL for the pipeline."
  value       = module.lginform.lake_url
}

output "api_keys_secret_name" {
  description = "Put the LG Inform Plus keys here: aws secretsmanager put-secret-value --secret-id <name> --secret-string file://keys.json"
  value       = module.lginform.api_keys_secret_name
}

output "database_endpoint" {
  description = "host:port of the warehouse (reachable from the Airflow host only)."
  value       = module.lginform.database_endpoint
}

output "airflow_instance_id" {
  description = "Connect with: aws ssm start-session --target <id>"
  value       = module.lginform.airflow_instance_id
}

output "dags_bucket_name" {
  description = "Where the deployment workflow syncs the DAGs."
  value       = module.lginform.dags_bucket_name
}

output "ecr_repository_url" {
  description = "Where the deployment workflow pushes the pipeline's image."
  value       = module.lginform.ecr_repository_url
}

output "extract_function_name" {
  description = "The scheduled extract-and-land Lambda function."
  value       = module.lginform.extract_function_name
}
