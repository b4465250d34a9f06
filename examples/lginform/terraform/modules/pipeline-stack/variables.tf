variable "environment" {
  description = "Which environment this is: dev, test or prod. Part of every name."
  type        = string

  validation {
    condition     = contains(["dev", "test", "prod"], var.environment)
    error_message = "environment must be dev, test or prod."
  }
}

variable "name_prefix" {
  description = "First part of every name; IAM names must start with it for the deployment role to manage them."
  type        = string
  default     = "lginform"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "name_prefix must be 2-21 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "IPv4 range of the environment's VPC (must not overlap another VPC it peers with)."
  type        = string
}

variable "nat_gateway_per_zone" {
  description = "A NAT gateway per availability zone (resilient) instead of one (cheaper)."
  type        = bool
  default     = false
}

variable "database_instance_class" {
  description = "RDS instance class of the warehouse."
  type        = string
  default     = "db.t4g.micro"
}

variable "database_multi_az" {
  description = "Run the warehouse with a standby in a second zone."
  type        = bool
}

variable "database_backup_retention_days" {
  description = "Days of automated backups (7-35)."
  type        = number
  default     = 14
}

variable "database_iam_user" {
  description = "The PostgreSQL user the pipeline signs in as with IAM (created once with GRANT rds_iam TO <user>)."
  type        = string
  default     = "lginform_loader"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_iam_user))
    error_message = "database_iam_user must be a lower-case PostgreSQL identifier."
  }
}

variable "airflow_instance_type" {
  description = "Instance type of the Airflow host (Graviton)."
  type        = string
  default     = "t4g.medium"
}

variable "lambda_package_path" {
  description = "Path of the zipped Lambda bundle, built by the deployment workflow (npm run build:lambda, then zip)."
  type        = string
}

variable "lginform_base_url" {
  description = "The LG Inform Plus API the pipeline calls."
  type        = string
  default     = "https://webservices.esd.org.uk"

  validation {
    condition     = startswith(var.lginform_base_url, "https://")
    error_message = "lginform_base_url must be an https:// URL: the requests carry a signature."
  }
}

variable "extract_schedule" {
  description = "When the extract-and-land Lambda runs (EventBridge Scheduler expression, London time)."
  type        = string
  default     = "cron(30 2 * * ? *)"
}

variable "quarantine_expiration_days" {
  description = "Days quarantined responses are kept."
  type        = number
  default     = 90
}

variable "force_destroy_buckets" {
  description = "Let `terraform destroy` delete buckets that hold objects. Only for throwaway environments."
  type        = bool
  default     = false
}
