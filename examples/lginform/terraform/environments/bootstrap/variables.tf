variable "aws_region" {
  description = "Region of the state bucket (the backend blocks of dev, test and prod name it too)."
  type        = string
  default     = "eu-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as eu-west-2."
  }
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflows plan and apply."
  type        = string
  default     = "rbk-lbs/data-engineering-standards"
}

variable "apply_environments" {
  description = "The environments the deployment workflow applies, each with the GitHub environment whose jobs may assume its apply role. dev is applied by engineers, not by the workflow."
  type        = map(string)
  default     = { test = "test", prod = "production" }
}

variable "create_oidc_provider" {
  description = "false when the account already has GitHub's OIDC provider (there can be one per account)."
  type        = bool
  default     = true
}
