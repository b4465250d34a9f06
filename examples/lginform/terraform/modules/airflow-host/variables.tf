variable "name" {
  description = "Name prefix for the host and its companions, e.g. lginform-prod."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the host."
  type        = string
}

variable "subnet_id" {
  description = "A private subnet (no route from the internet; egress through NAT)."
  type        = string
}

variable "instance_type" {
  description = "Graviton (arm64) instance type. Airflow 3 with its scheduler, API server and a worker wants 4 GiB or more."
  type        = string
  default     = "t4g.medium"

  validation {
    condition     = can(regex("^[a-z][0-9]+g[a-z]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be a Graviton (arm64) type such as t4g.medium or m7g.large: the AMI is arm64."
  }
}

variable "root_volume_size_gb" {
  description = "Size of the encrypted root volume (logs, the Airflow metadata database, images)."
  type        = number
  default     = 30

  validation {
    condition     = var.root_volume_size_gb >= 20 && var.root_volume_size_gb <= 500
    error_message = "root_volume_size_gb must be between 20 and 500."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the root volume and the DAGs bucket."
  type        = string
}

variable "dags_bucket_name" {
  description = "Globally unique name of the bucket the deployment workflow syncs the DAGs to; the host copies them from there."
  type        = string
}

variable "log_bucket_name" {
  description = "Bucket for the DAGs bucket's access logs."
  type        = string
}

variable "pipeline_policy_arns" {
  description = "Policies of the pipeline's steps to attach to the host's role, by a name known before apply (e.g. { extract_and_land = arn }). The host runs every step."
  type        = map(string)
}

variable "database_security_group_id" {
  description = "The database's security group: the host may open connections to it on 5432 and nowhere else but HTTPS."
  type        = string
}

variable "ecr_repository_arn" {
  description = "The pipeline's image repository, which the host may pull from."
  type        = string
}
