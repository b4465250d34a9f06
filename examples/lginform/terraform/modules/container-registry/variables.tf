variable "name" {
  description = "Repository name, e.g. lginform-pipeline."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/-]{1,255}$", var.name))
    error_message = "name must be lower-case letters, digits, '.', '_', '/' and '-'."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key that encrypts the images."
  type        = string
}

variable "images_to_keep" {
  description = "How many tagged images to keep; older ones are deleted by a lifecycle policy."
  type        = number
  default     = 30

  validation {
    condition     = var.images_to_keep >= 5
    error_message = "images_to_keep must be at least 5, so a rollback target is always there."
  }
}
