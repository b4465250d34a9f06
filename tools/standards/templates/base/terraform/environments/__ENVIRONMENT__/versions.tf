terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # State in S3 with S3's own locking (use_lockfile): no DynamoDB table. The
  # bucket is the platform team's and holds the account id, so it is passed
  # at init: terraform init -backend-config="bucket=<state bucket>"
  backend "s3" {
    key          = "__PIPELINE_NAME__/__ENVIRONMENT__/terraform.tfstate"
    region       = "eu-west-2"
    encrypt      = true
    use_lockfile = true
  }
}
