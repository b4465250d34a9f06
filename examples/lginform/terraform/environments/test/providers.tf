provider "aws" {
  region = var.aws_region

  # Tags on every resource, for cost reports and for finding an owner.
  default_tags {
    tags = {
      Project            = "lginform"
      Environment        = "test"
      ManagedBy          = "terraform"
      Repository         = var.repository
      Owner              = "data-platform"
      DataClassification = "official"
    }
  }
}
