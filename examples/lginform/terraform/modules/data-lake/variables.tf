variable "bucket_name" {
  description = "Globally unique name of the data-lake bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer managed KMS key that encrypts every object in the lake."
  type        = string
}

variable "log_bucket_name" {
  description = "Bucket that receives the lake's server access logs."
  type        = string
}

variable "source_name" {
  description = "The source system's folder in each zone (raw/<source>/, quarantine/<source>/)."
  type        = string
  default     = "lginform"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}$", var.source_name))
    error_message = "source_name must be lower-case letters, digits and hyphens, as in the lake's keys."
  }
}

variable "raw_infrequent_access_after_days" {
  description = "Days after which raw responses move to S3 Standard-IA (they are read when loaded, then rarely). At least 30: S3's minimum for Standard-IA."
  type        = number
  default     = 30

  validation {
    condition     = var.raw_infrequent_access_after_days >= 30
    error_message = "raw_infrequent_access_after_days must be at least 30 (S3 does not move objects to Standard-IA sooner)."
  }
}

variable "raw_glacier_ir_after_days" {
  description = "Days after which raw responses move to Glacier Instant Retrieval (kept for re-loads and audits, read rarely)."
  type        = number
  default     = 180

  validation {
    condition     = var.raw_glacier_ir_after_days >= 90 && var.raw_glacier_ir_after_days >= var.raw_infrequent_access_after_days + 30
    error_message = "raw_glacier_ir_after_days must be at least 90, and at least 30 days after the Standard-IA move (S3 keeps objects in Standard-IA for 30 days before moving them on)."
  }
}

variable "quarantine_expiration_days" {
  description = "Days a quarantined response is kept for investigation before it is deleted."
  type        = number
  default     = 90

  validation {
    condition     = var.quarantine_expiration_days >= 7 && var.quarantine_expiration_days <= 730
    error_message = "quarantine_expiration_days must be between 7 and 730."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the lake while it holds objects. Only for throwaway environments."
  type        = bool
  default     = false
}
