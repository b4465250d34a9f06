variable "name" {
  description = "Function name, e.g. lginform-prod-extract-and-land."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits, '-' or '_'."
  }
}

variable "description" {
  description = "What the function does, shown in the console."
  type        = string
}

variable "package_path" {
  description = "The zip of the esbuild bundle (lambda/build.ts, then zip): built by the deployment workflow before plan."
  type        = string

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must point at a .zip file."
  }
}

variable "handler" {
  description = "<file without extension>.<exported function> inside the zip."
  type        = string
  default     = "index.handler"
}

variable "environment" {
  description = "Environment variables (configuration only: secrets are read from Secrets Manager at run time). Encrypted with kms_key_arn."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.environment) : !can(regex("(?i)(secret_access_key|password|private_key|application_key)$", key))])
    error_message = "environment must not carry secrets (keys, passwords): put them in Secrets Manager and pass the secret's ARN."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the environment variables, the log group and the dead-letter queue."
  type        = string
}

variable "policy_arns" {
  description = "The step's own policies to attach to the function's role, by a name known before apply."
  type        = map(string)
  default     = {}
}

variable "memory_mb" {
  description = "Memory in MB (CPU grows with it). The bundle streams responses to S3, so 512 MB is ample."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240
    error_message = "memory_mb must be between 128 and 10240."
  }
}

variable "timeout_seconds" {
  description = "Longest run in seconds. Lambda's ceiling is 900 (15 minutes): a step that may take longer belongs on the Airflow host."
  type        = number
  default     = 600

  validation {
    condition     = var.timeout_seconds >= 10 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be between 10 and 900 (Lambda's 15-minute limit)."
  }
}

variable "reserved_concurrency" {
  description = "Runs at once. 1: a schedule and a manual re-run never land the same date side by side."
  type        = number
  default     = 1

  validation {
    condition     = var.reserved_concurrency >= 1 && var.reserved_concurrency <= 10
    error_message = "reserved_concurrency must be between 1 and 10."
  }
}

variable "schedule_expression" {
  description = "When to run, as an EventBridge Scheduler cron() or rate() expression, in schedule_timezone."
  type        = string
  default     = "cron(30 2 * * ? *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be cron(...) or rate(...)."
  }
}

variable "schedule_timezone" {
  description = "Time zone of the schedule: Europe/London keeps 02:30 at 02:30 through BST changes."
  type        = string
  default     = "Europe/London"
}

variable "log_retention_days" {
  description = "Days the function's logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention of a year or more (365, 400, 545, 731, ...)."
  }
}

variable "vpc_config" {
  description = "Subnets and security groups, only for a step that must reach something private such as RDS; null keeps the function out of the VPC (no NAT needed)."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

variable "alarm_actions" {
  description = "Where the failed-runs alarm goes, e.g. an SNS topic that e-mails the team. Empty: the alarm shows in the console only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.alarm_actions : can(regex("^arn:aws[a-z-]*:sns:", arn))])
    error_message = "alarm_actions must be SNS topic ARNs."
  }
}
