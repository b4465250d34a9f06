variable "name" {
  description = "The pipeline and environment, e.g. my-pipeline-prod; names the policy."
  type        = string
}

variable "airflow_role_name" {
  description = "The IAM role of the Airflow host's instance profile."
  type        = string
}

variable "lake_bucket_arn" {
  description = "The lake bucket's ARN."
  type        = string
}

variable "lake_source" {
  description = "The source's name in lake keys (raw/<source>/, clean/<source>/)."
  type        = string
}

variable "kms_key_arn" {
  description = "The lake's KMS key."
  type        = string
}
