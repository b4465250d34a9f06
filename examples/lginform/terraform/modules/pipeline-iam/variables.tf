variable "name" {
  description = "Name prefix of the policies, e.g. lginform-prod."
  type        = string
}

variable "lake_bucket_arn" {
  description = "ARN of the data-lake bucket."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.lake_bucket_arn))
    error_message = "lake_bucket_arn must be a bucket ARN (arn:aws:s3:::<bucket>), not an object ARN."
  }
}

variable "source_name" {
  description = "The pipeline's folder in each zone: it may touch raw/<source_name>/* and quarantine/<source_name>/* only."
  type        = string
  default     = "lginform"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}$", var.source_name))
    error_message = "source_name must be lower-case letters, digits and hyphens (no wildcards)."
  }
}

variable "kms_key_arn" {
  description = "The one KMS key the pipeline may use (lake objects and its secret)."
  type        = string
}

variable "secret_arn" {
  description = "The one secret the pipeline may read: the LG Inform Plus API keys."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[^*]+$", var.secret_arn))
    error_message = "secret_arn must be the full ARN of one secret, with no wildcard."
  }
}

variable "database" {
  description = "The RDS instance's resource id and the database user the load step signs in as with IAM; null for no database access."
  type = object({
    resource_id = string
    user        = string
  })
  default = null
}
