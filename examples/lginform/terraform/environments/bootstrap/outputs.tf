output "state_bucket" {
  description = "Pass to terraform init in dev, test and prod: -backend-config=\"bucket=<this>\" (repository variable TF_STATE_BUCKET)."
  value       = module.state_bucket.bucket_name
}

output "plan_role_arn" {
  description = "Repository variable AWS_PLAN_ROLE_ARN."
  value       = module.github_oidc.plan_role_arn
}

output "apply_role_arns" {
  description = "Per environment (test, prod): variable AWS_APPLY_ROLE_ARN of its GitHub environment (test, production)."
  value       = module.github_oidc.apply_role_arns
}
