variable "bucket_name" {
  description = "The bucket's name, unique across AWS: 3-63 lower-case letters, digits and hyphens."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lower-case letters, digits and hyphens."
  }
}

variable "kms_key_arn" {
  description = "The customer managed KMS key that encrypts every object."
  type        = string
}

variable "access_log_bucket" {
  description = "The account's bucket for S3 access logs (the platform team's)."
  type        = string
}
