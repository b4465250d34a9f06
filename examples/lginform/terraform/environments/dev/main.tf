# The dev environment of the lginform pipeline: the shared stack with dev's sizes.
module "lginform" {
  source = "../../modules/pipeline-stack"

  environment                    = "dev"
  vpc_cidr                       = "10.41.0.0/16"
  nat_gateway_per_zone           = false
  database_instance_class        = "db.t4g.micro"
  database_multi_az              = false
  database_backup_retention_days = 7
  force_destroy_buckets          = true
  lambda_package_path            = var.lambda_package_path
}
