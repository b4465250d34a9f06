output "instance_id" {
  description = "The host's instance id: the target of `aws ssm start-session` and Run Command."
  value       = aws_instance.host.id
}

output "security_group_id" {
  description = "The host's security group, for the database's ingress rule."
  value       = aws_security_group.host.id
}

output "role_name" {
  description = "Name of the host's IAM role."
  value       = aws_iam_role.host.name
}

output "dags_bucket_name" {
  description = "Bucket the deployment workflow syncs the DAGs to (under dags/)."
  value       = module.dags_bucket.bucket_name
}
