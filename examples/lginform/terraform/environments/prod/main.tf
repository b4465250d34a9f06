# The prod environment of the lginform pipeline: the shared stack with prod's sizes.
module "lginform" {
  source = "../../modules/pipeline-stack"

  environment                    = "prod"
  vpc_cidr                       = "10.40.0.0/16"
  nat_gateway_per_zone           = true
  database_instance_class        = "db.t4g.small"
  database_multi_az              = true
  database_backup_retention_days = 35
  force_destroy_buckets          = false
  lambda_package_path            = var.lambda_package_path
}
