provider "aws" {
  region = var.aws_region

  # Tags on every resource, for cost reports and for finding an owner.
  default_tags {
    tags = {
      Project     = "__PIPELINE_NAME__"
      Environment = "__ENVIRONMENT__"
      ManagedBy   = "terraform"
      Owner       = "__OWNER__"
    }
  }
}
