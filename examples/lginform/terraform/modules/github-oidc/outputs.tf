output "plan_role_arn" {
  description = "role-to-assume for terraform plan on pull requests (repository variable AWS_PLAN_ROLE_ARN)."
  value       = aws_iam_role.plan.arn
}

output "apply_role_arn" {
  description = "role-to-assume for the production environment's jobs (environment variable AWS_APPLY_ROLE_ARN)."
  value       = aws_iam_role.apply.arn
}
