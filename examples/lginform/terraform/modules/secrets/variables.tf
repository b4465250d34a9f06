variable "name" {
  description = "Secret name, e.g. lginform/prod/api-keys. The values are put in by hand (see the description), never by Terraform."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", var.name))
    error_message = "name may hold letters, digits and /_+=.@- only."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key that encrypts the secret."
  type        = string
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can be restored (7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30
    error_message = "recovery_window_in_days must be between 7 and 30."
  }
}
