variable "name" {
  description = "Identifier of the database instance and prefix of its companions, e.g. lginform-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,52}[a-z0-9]$", var.name))
    error_message = "name must start with a letter, hold lower-case letters, digits and hyphens, and be at most 54 characters."
  }
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets in at least two availability zones. The database gets no public address."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two availability zones."
  }
}

variable "client_security_groups" {
  description = "Security groups allowed to connect on 5432, by a name known before apply (e.g. { airflow_host = sg-... }). Nothing else can reach the database."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for storage, Database Insights, logs and the master password secret."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL major version (minor versions are applied in the maintenance window)."
  type        = string
  default     = "18"

  validation {
    condition     = can(regex("^18(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be PostgreSQL 18 (e.g. 18 or 18.4): the version the example's tests run against."
  }
}

variable "instance_class" {
  description = "Instance size. db.t4g.micro is enough for the example's volumes; watch CPU credits in CloudWatch."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS class such as db.t4g.micro."
  }
}

variable "allocated_storage_gb" {
  description = "Initial storage in GB; it grows by itself up to max_allocated_storage_gb."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage_gb >= 20 && var.allocated_storage_gb <= 1000
    error_message = "allocated_storage_gb must be between 20 and 1000."
  }
}

variable "max_allocated_storage_gb" {
  description = "Upper bound for storage autoscaling in GB."
  type        = number
  default     = 100

  validation {
    condition     = var.max_allocated_storage_gb >= var.allocated_storage_gb
    error_message = "max_allocated_storage_gb must be at least allocated_storage_gb."
  }
}

variable "database_name" {
  description = "Name of the database the pipeline loads into."
  type        = string
  default     = "warehouse"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be lower-case letters, digits and underscores, starting with a letter."
  }
}

variable "master_username" {
  description = "The administrator's user name. Its password is generated and kept in Secrets Manager by RDS."
  type        = string
  default     = "warehouse_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["postgres", "admin", "rdsadmin"], var.master_username)
    error_message = "master_username must be up to 16 lower-case letters, digits and underscores, and not a reserved name."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups and point-in-time recovery (7-35)."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 7 and 35."
  }
}

variable "multi_az" {
  description = "A standby in a second zone with automatic failover (about twice the cost). true for production."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days the exported PostgreSQL logs are kept in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "log_retention_days must be at least 365."
  }
}
