variable "bucket_name" {
  description = "Globally unique name of the bucket that receives S3 server access logs."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "retention_days" {
  description = "Days access logs are kept (at least 365, the council's audit-log retention)."
  type        = number
  default     = 400

  validation {
    condition     = var.retention_days >= 365
    error_message = "retention_days must be at least 365."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the bucket while it holds logs. Keep false outside throwaway environments."
  type        = bool
  default     = false
}
