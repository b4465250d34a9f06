# Short-lived AWS credentials for GitHub Actions, with no stored access keys.
# A workflow job asks GitHub for an OIDC token, and AWS STS swaps it for a
# role's credentials when the token's claims match the role's trust policy:
# - plan: any pull request of this repository (read-only, plus the state lock);
# - apply: only jobs of the `production` environment, which GitHub holds
#   until a reviewer approves (Settings > Environments > production).
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  iam_arn   = "arn:${local.partition}:iam::${local.account}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1
  url   = "https://token.actions.githubusercontent.com"
}

locals {
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
}

# #region oidc-trust
data "aws_iam_policy_document" "trust" {
  for_each = {
    plan  = "repo:${var.github_repository}:pull_request"
    apply = "repo:${var.github_repository}:environment:production"
  }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals" # exact match: no other repository, branch or environment
      variable = "token.actions.githubusercontent.com:sub"
      values   = [each.value]
    }
  }
}
# #endregion oidc-trust

resource "aws_iam_role" "plan" {
  name                 = "${var.name}-github-plan"
  description          = "terraform plan from pull requests of ${var.github_repository}"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = 3600
}

resource "aws_iam_role" "apply" {
  name                 = "${var.name}-github-apply"
  description          = "terraform apply, image push and DAG deployment from the production environment of ${var.github_repository}"
  assume_role_policy   = data.aws_iam_policy_document.trust["apply"].json
  max_session_duration = 3600
}

# Plan reads every resource type the configuration manages.
resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "state" {
  for_each = { plan = false, apply = true }
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [var.state_bucket_arn]
  }
  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = ["${var.state_bucket_arn}/*"]
  }
  statement {
    sid       = "TakeAndReleaseTheLock" # S3 native locking: a .tflock object beside the state
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = each.value ? ["${var.state_bucket_arn}/*"] : ["${var.state_bucket_arn}/*.tflock"]
  }
  statement {
    sid       = "UseTheStateKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.state_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "state" {
  for_each = { plan = aws_iam_role.plan.id, apply = aws_iam_role.apply.id }
  name     = "terraform-state"
  role     = each.value
  policy   = data.aws_iam_policy_document.state[each.key].json
}

# Apply creates and changes the stack's resources. PowerUserAccess covers
# every service but IAM; IAM is allowed only on names with the project's
# prefix, so apply cannot grant itself or anything else more rights.
resource "aws_iam_role_policy_attachment" "apply_services" {
  role       = aws_iam_role.apply.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/PowerUserAccess"
}

locals {
  managed_roles    = [for prefix in var.managed_name_prefixes : "${local.iam_arn}:role/${prefix}*"]
  managed_policies = [for prefix in var.managed_name_prefixes : "${local.iam_arn}:policy/${prefix}*"]
  managed_profiles = [for prefix in var.managed_name_prefixes : "${local.iam_arn}:instance-profile/${prefix}*"]
  # The AWS managed policies the stack attaches; nothing broader can be attached.
  attachable_aws_policies = [
    "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
  ]
}

data "aws_iam_policy_document" "apply_iam" {
  statement {
    sid = "ManageOwnRolesPoliciesAndProfiles"
    actions = [
      "iam:AddRoleToInstanceProfile", "iam:CreateInstanceProfile", "iam:CreatePolicy", "iam:CreatePolicyVersion",
      "iam:CreateRole", "iam:DeleteInstanceProfile", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:DeleteRole",
      "iam:DeleteRolePolicy", "iam:GetInstanceProfile", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:GetRole",
      "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListPolicyVersions",
      "iam:ListRolePolicies", "iam:PutRolePolicy", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
      "iam:TagPolicy", "iam:TagRole", "iam:UntagInstanceProfile", "iam:UntagPolicy", "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
    ]
    resources = concat(local.managed_roles, local.managed_policies, local.managed_profiles)
  }
  statement {
    sid       = "AttachOnlyOwnPoliciesAndTheTwoAwsOnesTheStackUses"
    actions   = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
    resources = local.managed_roles
    condition {
      test     = "ArnLike"
      variable = "iam:PolicyARN"
      values   = concat(local.managed_policies, local.attachable_aws_policies)
    }
  }
  statement {
    sid       = "PassOwnRolesToTheStacksServices"
    actions   = ["iam:PassRole"]
    resources = local.managed_roles
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com", "lambda.amazonaws.com", "scheduler.amazonaws.com", "monitoring.rds.amazonaws.com", "vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "apply_iam" {
  name   = "manage-own-iam"
  role   = aws_iam_role.apply.id
  policy = data.aws_iam_policy_document.apply_iam.json
}
