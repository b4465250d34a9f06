variable "name" {
  description = "Name prefix of the roles, e.g. lginform."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows may assume the roles."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name, with no wildcard."
  }
}

variable "state_bucket_arn" {
  description = "The Terraform state bucket: plan reads the state and takes the lock, apply also writes."
  type        = string
}

variable "state_kms_key_arn" {
  description = "The key that encrypts the state bucket."
  type        = string
}

variable "managed_name_prefixes" {
  description = "Prefixes of the IAM roles, policies and instance profiles that apply may create and change (one per environment); it may touch no others, its own roles included."
  type        = list(string)
  default     = ["lginform-dev-", "lginform-prod-"]

  validation {
    condition     = length(var.managed_name_prefixes) > 0 && alltrue([for prefix in var.managed_name_prefixes : can(regex("^[A-Za-z0-9+=,.@_-]+-$", prefix))])
    error_message = "Each prefix must be a literal IAM name prefix ending in '-', with no wildcard."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider; false when another stack already made it (there is one per account)."
  type        = bool
  default     = true
}
