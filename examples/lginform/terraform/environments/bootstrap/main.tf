# The Terraform state bucket (versioned, KMS-encrypted, TLS-only, logged) and
# the roles GitHub Actions assumes with OIDC: one read-only plan role, and an
# apply role per environment that only its GitHub environment's jobs can assume.
data "aws_caller_identity" "current" {}

locals {
  bucket_prefix = "lginform-terraform-${data.aws_caller_identity.current.account_id}"
}

module "state_key" {
  source      = "../../modules/kms-key"
  name        = "lginform-terraform-state"
  description = "Terraform state of the lginform stacks"
}

module "state_access_logs" {
  source      = "../../modules/log-bucket"
  bucket_name = "${local.bucket_prefix}-access-logs"
}

module "state_bucket" {
  source          = "../../modules/secure-bucket"
  bucket_name     = "${local.bucket_prefix}-state"
  kms_key_arn     = module.state_key.key_arn
  log_bucket_name = module.state_access_logs.bucket_name
  # Old state versions are how a bad apply is undone: keep them a year.
  noncurrent_version_expiration_days = 365
}

module "github_oidc" {
  source               = "../../modules/github-oidc"
  name                 = "lginform"
  github_repository    = var.github_repository
  state_bucket_arn     = module.state_bucket.bucket_arn
  state_kms_key_arn    = module.state_key.key_arn
  apply_environments   = var.apply_environments
  create_oidc_provider = var.create_oidc_provider
}
