output "bucket_name" {
  description = "The lake bucket's name."
  value       = aws_s3_bucket.this.bucket
}

output "bucket_arn" {
  description = "The lake bucket's ARN, for IAM policies."
  value       = aws_s3_bucket.this.arn
}
