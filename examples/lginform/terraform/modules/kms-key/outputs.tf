output "key_arn" {
  description = "ARN of the key: what resources and IAM policies refer to."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "ID of the key."
  value       = aws_kms_key.this.key_id
}

output "alias_name" {
  description = "The key's alias, e.g. alias/lginform-prod."
  value       = aws_kms_alias.this.name
}
