# Short-lived AWS credentials for GitHub Actions, with no stored access keys.
# A workflow job asks GitHub for an OIDC token, and AWS STS swaps it for a
# role's credentials when the token's claims match the role's trust policy:
# - plan (read-only, plus the state lock): any pull request of this
#   repository, and the main branch, which plans prod before the approval;
# - apply, one role per environment: only jobs of that environment's GitHub
#   environment (test, production), which GitHub holds until its protection
#   rules pass (for production, a required reviewer's approval).
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
  # The subject claim (sub) each role accepts. GitHub writes it as
  # repo:OWNER/REPO:pull_request for a pull request, repo:OWNER/REPO:ref:<ref>
  # for a push, and repo:OWNER/REPO:environment:<name> for any job that names
  # an environment, whatever the event.
  subjects = merge(
    { plan = ["repo:${var.github_repository}:pull_request", "repo:${var.github_repository}:ref:refs/heads/${var.plan_branch}"] },
    { for env, github_environment in var.apply_environments : "apply-${env}" => ["repo:${var.github_repository}:environment:${github_environment}"] },
  )
}

# #region oidc-trust
data "aws_iam_policy_document" "trust" {
  for_each = local.subjects
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
      values   = each.value
    }
  }
}
# #endregion oidc-trust

resource "aws_iam_role" "plan" {
  name                 = "${var.name}-github-plan"
  description          = "terraform plan (read-only) from pull requests and ${var.plan_branch} of ${var.github_repository}"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = 3600
}

resource "aws_iam_role" "apply" {
  for_each             = var.apply_environments
  name                 = "${var.name}-github-apply-${each.key}"
  description          = "terraform apply, image push and DAG deployment to ${each.key}, from the ${each.value} environment of ${var.github_repository}"
  assume_role_policy   = data.aws_iam_policy_document.trust["apply-${each.key}"].json
  max_session_duration = 3600
}

# Plan reads every resource type the configuration manages.
resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

# Plan reads every state and takes only the lock; apply reads and writes its
# own environment's state (and lock) and no other.
data "aws_iam_policy_document" "plan_state" {
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
    resources = ["${var.state_bucket_arn}/*.tflock"]
  }
  statement {
    sid       = "UseTheStateKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.state_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan_state.json
}

data "aws_iam_policy_document" "apply_state" {
  for_each = var.apply_environments
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [var.state_bucket_arn]
  }
  statement {
    sid       = "ReadAndWriteOwnStateAndLock"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.state_bucket_arn}/${var.name}/${each.key}/*"]
  }
  statement {
    sid       = "UseTheStateKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.state_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "apply_state" {
  for_each = var.apply_environments
  name     = "terraform-state"
  role     = aws_iam_role.apply[each.key].id
  policy   = data.aws_iam_policy_document.apply_state[each.key].json
}

resource "aws_iam_role_policy_attachment" "apply_services" {
  for_each   = var.apply_environments
  role       = aws_iam_role.apply[each.key].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/PowerUserAccess"
}

locals {
  # Each environment's stack names its IAM roles, policies and instance
  # profiles <name>-<environment>-..., and keeps its state under
  # <name>/<environment>/ (the key in its versions.tf).
  managed = { for env, _ in var.apply_environments : env => {
    roles    = "${local.iam_arn}:role/${var.name}-${env}-*"
    policies = "${local.iam_arn}:policy/${var.name}-${env}-*"
    profiles = "${local.iam_arn}:instance-profile/${var.name}-${env}-*"
  } }
  # The AWS managed policies the stack attaches; nothing broader can be attached.
  attachable_aws_policies = [
    "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
  ]
}

data "aws_iam_policy_document" "apply_iam" {
  for_each = local.managed
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
    resources = [each.value.roles, each.value.policies, each.value.profiles]
  }
  statement {
    sid       = "AttachOnlyOwnPoliciesAndTheTwoAwsOnesTheStackUses"
    actions   = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
    resources = [each.value.roles]
    condition {
      test     = "ArnLike"
      variable = "iam:PolicyARN"
      values   = concat([each.value.policies], local.attachable_aws_policies)
    }
  }
  statement {
    sid       = "PassOwnRolesToTheStacksServices"
    actions   = ["iam:PassRole"]
    resources = [each.value.roles]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com", "lambda.amazonaws.com", "scheduler.amazonaws.com", "monitoring.rds.amazonaws.com", "vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "apply_iam" {
  for_each = var.apply_environments
  name     = "manage-own-iam"
  role     = aws_iam_role.apply[each.key].id
  policy   = data.aws_iam_policy_document.apply_iam[each.key].json
}
