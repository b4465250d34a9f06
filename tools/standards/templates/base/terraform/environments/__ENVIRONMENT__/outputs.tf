output "lake_url" {
  description = "LAKE_URL for the pipeline in this environment."
  value       = "s3://${module.lake.bucket_name}"
}
