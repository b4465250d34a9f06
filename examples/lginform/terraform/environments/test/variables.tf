variable "aws_region" {
  description = "AWS region of the environment. London (eu-west-2) keeps the councils' data in the UK."
  type        = string
  default     = "eu-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as eu-west-2."
  }
}

variable "repository" {
  description = "The repository that holds this configuration, for the Repository tag."
  type        = string
  default     = "rbk-lbs/data-engineering-standards"
}

variable "lambda_package_path" {
  description = "The zipped Lambda bundle. The deployment workflow builds it (npm run build:lambda -w @rbk-lbs/example-lginform, then zip) before plan."
  type        = string
  default     = "../../../.data/lambda/extract-and-land.zip"
}
