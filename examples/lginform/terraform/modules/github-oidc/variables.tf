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
  description = "The Terraform state bucket: plan reads every state and takes the lock; each apply role also writes its own environment's state."
  type        = string
}

variable "state_kms_key_arn" {
  description = "The key that encrypts the state bucket."
  type        = string
}

variable "apply_environments" {
  description = "One apply role per environment of the stack (the key, e.g. test, as in environments/test) and the GitHub environment whose jobs alone may assume it (the value, e.g. production). Each role may touch only the IAM names <name>-<key>-* and the state under <name>/<key>/, never its own role."
  type        = map(string)
  default     = { test = "test", prod = "production" }

  validation {
    condition     = length(var.apply_environments) > 0 && alltrue([for env, github_environment in var.apply_environments : can(regex("^[a-z][a-z0-9]{1,9}$", env)) && can(regex("^[A-Za-z0-9_.-]+$", github_environment))])
    error_message = "Each key must be an environment name such as test (lower-case letters and digits) and each value a GitHub environment name with no wildcard."
  }
}

variable "plan_branch" {
  description = "The branch whose pushes may assume the read-only plan role (prod is planned there before its approval), besides pull requests."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.plan_branch))
    error_message = "plan_branch must be one branch name, with no wildcard."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider; false when another stack already made it (there is one per account)."
  type        = bool
  default     = true
}
