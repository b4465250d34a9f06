# The test environment of the lginform pipeline: the shared stack with test's
# sizes. The deployment workflow applies every change on main here first and
# runs the pipeline once (a smoke run) before prod is planned. Its database
# has prod's instance class, so a change that needs more memory shows here;
# one zone and one NAT gateway keep it cheaper than prod.
module "lginform" {
  source = "../../modules/pipeline-stack"

  environment                    = "test"
  vpc_cidr                       = "10.42.0.0/16"
  nat_gateway_per_zone           = false
  database_instance_class        = "db.t4g.small"
  database_multi_az              = false
  database_backup_retention_days = 7
  force_destroy_buckets          = false
  lambda_package_path            = var.lambda_package_path
}
