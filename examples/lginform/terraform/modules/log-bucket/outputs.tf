output "bucket_name" {
  description = "Name of the access-log bucket, for other buckets' logging configuration."
  value       = aws_s3_bucket.logs.id
}

output "bucket_arn" {
  description = "ARN of the access-log bucket."
  value       = aws_s3_bucket.logs.arn
}
