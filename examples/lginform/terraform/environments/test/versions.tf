terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.73"
    }
  }

  # #region state-backend
  # State in S3 with S3's own locking (use_lockfile, Terraform 1.10 and
  # later): a .tflock object next to the state, written with a conditional
  # put, so no DynamoDB table is needed. The bucket comes from
  # environments/bootstrap and is passed at init, as it holds the account id:
  #   terraform init -backend-config="bucket=<state bucket>"
  backend "s3" {
    key          = "lginform/test/terraform.tfstate"
    region       = "eu-west-2"
    encrypt      = true
    use_lockfile = true
  }
  # #endregion state-backend
}
