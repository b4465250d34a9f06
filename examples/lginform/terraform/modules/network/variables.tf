variable "name" {
  description = "Name prefix for the network's resources, e.g. lginform-prod."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC; private and public subnets are carved from it (/20 each)."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 18
    error_message = "cidr_block must be an IPv4 CIDR of /18 or larger, e.g. 10.40.0.0/16."
  }
}

variable "zone_letters" {
  description = "Availability zones by their letter in the region (a, b, c): named, so the subnets never move when AWS adds a zone. RDS needs two or more."
  type        = list(string)
  default     = ["a", "b"]

  validation {
    condition     = length(var.zone_letters) >= 2 && length(var.zone_letters) <= 3 && alltrue([for letter in var.zone_letters : can(regex("^[a-f]$", letter))])
    error_message = "zone_letters must list 2 or 3 letters from a to f, e.g. [\"a\", \"b\"]."
  }
}

variable "nat_gateway_per_zone" {
  description = "One NAT gateway per zone (survives a zone failure) instead of one shared (cheaper). Each costs about 35 USD a month plus data."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "KMS key for the flow-log group."
  type        = string
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs are kept in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch Logs retention of a year or more (365, 400, 545, 731, ...)."
  }
}
