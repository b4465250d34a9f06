variable "name" {
  description = "Name of the key, used in its alias (alias/<name>) and tags, e.g. lginform-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,62}$", var.name))
    error_message = "name must be 3-63 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "description" {
  description = "What the key protects, shown in the KMS console."
  type        = string
}

variable "deletion_window_in_days" {
  description = "Days a deleted key can still be recovered (7-30). Data encrypted with a deleted key is lost for good."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30
    error_message = "deletion_window_in_days must be between 7 and 30."
  }
}

variable "allow_cloudwatch_logs" {
  description = "Let CloudWatch Logs in this account and region encrypt log groups with the key (log groups cannot use a key through IAM alone)."
  type        = bool
  default     = true
}
