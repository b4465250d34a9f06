output "arn" {
  description = "The key's ARN, for encryption settings and IAM policies."
  value       = aws_kms_key.this.arn
}
