variable "bucket_name" {
  description = "Globally unique bucket name (3-63 lower-case letters, digits and hyphens)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for default encryption (SSE-KMS). Uploads naming another key are refused."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_bucket_name" {
  description = "Bucket that receives this bucket's server access logs (see the log-bucket module)."
  type        = string
}

variable "lifecycle_rules" {
  description = "Rules by key prefix: move objects to cheaper storage classes after some days and/or expire them. Every bucket also aborts incomplete uploads and expires old versions."
  type = list(object({
    id              = string
    prefix          = string
    transitions     = optional(list(object({ days = number, storage_class = string })), [])
    expiration_days = optional(number)
  }))
  default = []

  validation {
    condition = alltrue(flatten([
      for rule in var.lifecycle_rules : [
        for transition in rule.transitions : contains(["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], transition.storage_class)
      ]
    ]))
    error_message = "Each transition's storage_class must be STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days an overwritten or deleted object's old version is kept before it is removed for good."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete a bucket that still holds objects. Keep false outside throwaway environments."
  type        = bool
  default     = false
}
