provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "lginform"
      Environment = "shared"
      ManagedBy   = "terraform"
      Repository  = var.github_repository
      Owner       = "data-platform"
    }
  }
}
