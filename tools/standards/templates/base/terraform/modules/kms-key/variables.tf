variable "name" {
  description = "The key's alias, without alias/, e.g. my-pipeline-prod."
  type        = string
}

variable "description" {
  description = "What the key protects, shown in the console."
  type        = string
}
