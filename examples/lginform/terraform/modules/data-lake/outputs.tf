output "bucket_name" {
  description = "Name of the lake bucket."
  value       = module.bucket.bucket_name
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = module.bucket.bucket_arn
}

output "lake_url" {
  description = "LAKE_URL for the pipeline (s3://<bucket>)."
  value       = "s3://${module.bucket.bucket_name}"
}

output "source_prefixes" {
  description = "The prefixes the pipeline of this source writes: raw and quarantine."
  value       = ["raw/${var.source_name}/", "quarantine/${var.source_name}/"]
}
