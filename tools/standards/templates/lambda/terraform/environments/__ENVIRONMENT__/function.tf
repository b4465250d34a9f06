# The pipeline as a Lambda function, run each day by EventBridge Scheduler.
# npm run build writes dist/lambda/index.mjs; the deploy workflow zips it
# into dist/lambda.zip before plan.
module "function" {
  source          = "../../modules/pipeline-function"
  name            = local.name
  description     = "__PIPELINE_NAME__ (__ENVIRONMENT__): bank holidays to the lake, for the day before"
  package_path    = "${path.root}/../../../dist/lambda.zip"
  kms_key_arn     = module.key.arn
  lake_bucket_arn = module.lake.bucket_arn
  lake_source     = "__PIPELINE_NAME__"
  environment = {
    LAKE_URL = "s3://${module.lake.bucket_name}"
  }
}

output "function_name" {
  description = "The Lambda function, to invoke it by hand for a re-run."
  value       = module.function.function_name
}
