variable "aws_region" {
  description = "The region of every resource."
  type        = string
  default     = "eu-west-2"
}

variable "access_log_bucket" {
  description = "The account's bucket for S3 access logs (the platform team's); the deploy workflow passes it as TF_VAR_access_log_bucket."
  type        = string
}
