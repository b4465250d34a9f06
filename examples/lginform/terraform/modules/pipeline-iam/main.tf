# What the pipeline may do, and nothing more: its own prefixes of its own
# bucket, its own key (only through S3 and Secrets Manager), its own secret,
# and (for the load step) signing in to its own database user with IAM.
# Roles attach these policies; no role of the pipeline has a *FullAccess policy.
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  own_prefixes = ["raw/${var.source_name}/", "quarantine/${var.source_name}/"]
  own_objects  = [for prefix in local.own_prefixes : "${var.lake_bucket_arn}/${prefix}*"]
}

# #region least-privilege-policy
data "aws_iam_policy_document" "extract_and_land" {
  statement {
    sid       = "ListTheLakeBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.lake_bucket_arn]
    # Not limited by s3:prefix: S3 answers 404 (not 403) for a missing key
    # only to a caller that may list the bucket, and the pipeline's
    # "already landed?" checks rely on that. Listing shows key names, not data.
  }

  statement {
    sid       = "ReadAndWriteOwnPrefixesOnly"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = local.own_objects
  }

  statement {
    sid       = "UseOwnKeyThroughS3AndSecretsManagerOnly"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values = [
        "s3.${data.aws_region.current.region}.amazonaws.com",
        "secretsmanager.${data.aws_region.current.region}.amazonaws.com",
      ]
    }
  }

  statement {
    sid       = "ReadOwnSecretOnly"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.secret_arn]
  }
}
# #endregion least-privilege-policy

resource "aws_iam_policy" "extract_and_land" {
  name_prefix = "${var.name}-extract-and-land-"
  description = "lginform pipeline: read/write raw/${var.source_name}/ and quarantine/${var.source_name}/ of its lake bucket, use its KMS key, read its API-keys secret."
  policy      = data.aws_iam_policy_document.extract_and_land.json
}

data "aws_iam_policy_document" "connect_to_database" {
  count = var.database == null ? 0 : 1
  statement {
    sid       = "SignInToOwnDatabaseUserWithIam"
    effect    = "Allow"
    actions   = ["rds-db:connect"]
    resources = ["arn:${data.aws_partition.current.partition}:rds-db:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:dbuser:${var.database.resource_id}/${var.database.user}"]
  }
}

resource "aws_iam_policy" "connect_to_database" {
  count       = var.database == null ? 0 : 1
  name_prefix = "${var.name}-connect-to-database-"
  description = "lginform pipeline: sign in to its own database user with IAM database authentication."
  policy      = data.aws_iam_policy_document.connect_to_database[0].json
}
