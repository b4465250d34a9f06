output "plan_role_arn" {
  description = "role-to-assume for terraform plan on pull requests and on the plan branch (repository variable AWS_PLAN_ROLE_ARN)."
  value       = aws_iam_role.plan.arn
}

output "apply_role_arns" {
  description = "role-to-assume per environment, e.g. test and prod (variable AWS_APPLY_ROLE_ARN of the matching GitHub environment)."
  value       = { for env, role in aws_iam_role.apply : env => role.arn }
}
