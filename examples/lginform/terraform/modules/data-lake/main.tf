# The data lake: one bucket, zones as prefixes. raw/<source>/ keeps every API
# response exactly as received (immutable, gzip); quarantine/<source>/ keeps
# responses that failed validation, with their reasons, for a while.

# #region lifecycle-rules
locals {
  lifecycle_rules = [
    {
      id     = "raw-to-cheaper-storage"
      prefix = "raw/${var.source_name}/"
      transitions = [
        { days = var.raw_infrequent_access_after_days, storage_class = "STANDARD_IA" },
        { days = var.raw_glacier_ir_after_days, storage_class = "GLACIER_IR" },
      ]
    },
    {
      id              = "quarantine-expires"
      prefix          = "quarantine/${var.source_name}/"
      expiration_days = var.quarantine_expiration_days
    },
  ]
}
# #endregion lifecycle-rules

module "bucket" {
  source = "../secure-bucket"

  bucket_name     = var.bucket_name
  kms_key_arn     = var.kms_key_arn
  log_bucket_name = var.log_bucket_name
  lifecycle_rules = local.lifecycle_rules
  force_destroy   = var.force_destroy
}
