# The __ENVIRONMENT__ environment of __PIPELINE_NAME__: its KMS key and its data lake.
data "aws_caller_identity" "current" {}

locals {
  name = "__PIPELINE_NAME__-__ENVIRONMENT__"
}

module "key" {
  source      = "../../modules/kms-key"
  name        = local.name
  description = "__PIPELINE_NAME__ (__ENVIRONMENT__): the lake, logs and settings"
}

module "lake" {
  source = "../../modules/data-lake"
  # Bucket names are global: the account id keeps this one ours.
  bucket_name       = "${local.name}-lake-${data.aws_caller_identity.current.account_id}"
  kms_key_arn       = module.key.arn
  access_log_bucket = var.access_log_bucket
}
