# What the Airflow host may do for this pipeline: read and write its own
# prefixes of the lake, with the lake's key. A policy of its own on the
# host's role, so removing the pipeline removes exactly this access.
data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "ReadAndWriteOwnLakePrefixes"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.lake_bucket_arn}/raw/${var.lake_source}/*", "${var.lake_bucket_arn}/clean/${var.lake_source}/*"]
  }
  statement {
    sid       = "ListOwnLakePrefixes"
    actions   = ["s3:ListBucket"]
    resources = [var.lake_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["raw/${var.lake_source}/*", "clean/${var.lake_source}/*"]
    }
  }
  statement {
    sid       = "UseTheLakeKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "pipeline-${var.name}"
  role   = var.airflow_role_name
  policy = data.aws_iam_policy_document.pipeline.json
}
