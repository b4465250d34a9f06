# The team's Airflow host runs the pipeline (ADR 0004); it belongs to the
# platform team. Here the host's role gets access to this pipeline's own
# prefixes of the lake, and nothing else.
variable "airflow_role_name" {
  description = "The IAM role of the Airflow host's instance profile (the platform team's); the deploy workflow passes it as TF_VAR_airflow_role_name."
  type        = string
}

module "airflow_access" {
  source            = "../../modules/airflow-access"
  name              = local.name
  airflow_role_name = var.airflow_role_name
  lake_bucket_arn   = module.lake.bucket_arn
  lake_source       = "__PIPELINE_NAME__"
  kms_key_arn       = module.key.arn
}
