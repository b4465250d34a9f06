variable "name" {
  description = "The function's name, e.g. my-pipeline-prod."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits, '-' or '_'."
  }
}

variable "description" {
  description = "What the function does, shown in the console."
  type        = string
}

variable "package_path" {
  description = "The zip of the bundle (npm run build, then zip dist/lambda): built by the deploy workflow before plan."
  type        = string

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must point at a .zip file."
  }
}

variable "kms_key_arn" {
  description = "The customer managed KMS key for the settings, the log group, the queue and the schedule."
  type        = string
}

variable "lake_bucket_arn" {
  description = "The lake bucket's ARN; the function may use only its own prefixes in it."
  type        = string
}

variable "lake_source" {
  description = "The source's name in lake keys (raw/<source>/, clean/<source>/)."
  type        = string
}

variable "environment" {
  description = "Environment variables: configuration only, never secrets (read those from Secrets Manager at run time)."
  type        = map(string)
  default     = {}
}

variable "alarm_actions" {
  description = "Where the failed-runs alarm goes, e.g. the team's SNS topic. TODO: set it."
  type        = list(string)
  default     = []
}
