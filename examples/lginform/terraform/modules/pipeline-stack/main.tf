# Everything one environment of the lginform pipeline needs, from the
# modules beside this one. environments/dev and environments/prod call this
# with their own sizes, so the two cannot drift apart in shape.
data "aws_caller_identity" "current" {}

locals {
  name = "${var.name_prefix}-${var.environment}"
  # Bucket names are global: the account id keeps them unique.
  bucket_prefix = "${local.name}-${data.aws_caller_identity.current.account_id}"
}

module "key" {
  source                  = "../kms-key"
  name                    = local.name
  description             = "lginform ${var.environment}: lake, API secret, database, logs, queues"
  deletion_window_in_days = 30
}

module "network" {
  source               = "../network"
  name                 = local.name
  cidr_block           = var.vpc_cidr
  nat_gateway_per_zone = var.nat_gateway_per_zone
  kms_key_arn          = module.key.key_arn
}

module "access_logs" {
  source        = "../log-bucket"
  bucket_name   = "${local.bucket_prefix}-access-logs"
  force_destroy = var.force_destroy_buckets
}

module "lake" {
  source                     = "../data-lake"
  bucket_name                = "${local.bucket_prefix}-lake"
  kms_key_arn                = module.key.key_arn
  log_bucket_name            = module.access_logs.bucket_name
  quarantine_expiration_days = var.quarantine_expiration_days
  force_destroy              = var.force_destroy_buckets
}

module "api_keys" {
  source                  = "../secrets"
  name                    = "${var.name_prefix}/${var.environment}/api-keys"
  kms_key_arn             = module.key.key_arn
  recovery_window_in_days = var.environment == "prod" ? 30 : 7
}

module "database" {
  source                = "../database"
  name                  = local.name
  vpc_id                = module.network.vpc_id
  private_subnet_ids    = module.network.private_subnet_ids
  kms_key_arn           = module.key.key_arn
  instance_class        = var.database_instance_class
  multi_az              = var.database_multi_az
  backup_retention_days = var.database_backup_retention_days
  client_security_groups = {
    airflow_host = module.airflow_host.security_group_id
  }
}

module "pipeline_iam" {
  source          = "../pipeline-iam"
  name            = local.name
  lake_bucket_arn = module.lake.bucket_arn
  kms_key_arn     = module.key.key_arn
  secret_arn      = module.api_keys.secret_arn
  database = {
    resource_id = module.database.resource_id
    user        = var.database_iam_user
  }
}

module "registry" {
  source      = "../container-registry"
  name        = "${local.name}-pipeline"
  kms_key_arn = module.key.key_arn
}

module "airflow_host" {
  source                     = "../airflow-host"
  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_id                  = module.network.private_subnet_ids[0]
  instance_type              = var.airflow_instance_type
  kms_key_arn                = module.key.key_arn
  dags_bucket_name           = "${local.bucket_prefix}-airflow-dags"
  log_bucket_name            = module.access_logs.bucket_name
  database_security_group_id = module.database.security_group_id
  ecr_repository_arn         = module.registry.repository_arn
  pipeline_policy_arns = {
    extract_and_land    = module.pipeline_iam.extract_and_land_policy_arn
    connect_to_database = module.pipeline_iam.connect_to_database_policy_arn
  }
}

# The serverless variant of the extract-and-land step: the same code as the
# CLI's extract, run by EventBridge Scheduler. Load and dbt stay on Airflow.
module "extract_lambda" {
  source              = "../scheduled-lambda"
  name                = "${local.name}-extract-and-land"
  description         = "lginform: extract yesterday's LG Inform Plus data and land it in the raw zone"
  package_path        = var.lambda_package_path
  kms_key_arn         = module.key.key_arn
  schedule_expression = var.extract_schedule
  policy_arns = {
    extract_and_land = module.pipeline_iam.extract_and_land_policy_arn
  }
  environment = {
    LAKE_URL            = module.lake.lake_url
    LGINFORM_BASE_URL   = var.lginform_base_url
    LGINFORM_SECRET_ARN = module.api_keys.secret_arn
    LOG_LEVEL           = "info"
  }
}
