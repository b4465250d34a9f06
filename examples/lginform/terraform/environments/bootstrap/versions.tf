terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.73"
    }
  }

  # Run once per account, by a person with administrator rights, before any
  # workflow can: it makes the bucket the other environments keep their state
  # in, and the roles the workflows assume. Its own state starts local; after
  # the first apply, move it into the bucket it made:
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # with a backend "s3" block like environments/prod's (key lginform/bootstrap/terraform.tfstate).
}
