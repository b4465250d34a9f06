# The Airflow host: one EC2 instance in a private subnet. People and the
# deployment workflow reach it through SSM Session Manager / Run Command,
# which needs no inbound port, no SSH key and no bastion.
data "aws_ssm_parameter" "al2023_arm64" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

data "aws_region" "current" {}

module "dags_bucket" {
  source          = "../secure-bucket"
  bucket_name     = var.dags_bucket_name
  kms_key_arn     = var.kms_key_arn
  log_bucket_name = var.log_bucket_name
}

data "aws_iam_policy_document" "trust_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "host" {
  name_prefix        = "${var.name}-airflow-host-"
  assume_role_policy = data.aws_iam_policy_document.trust_ec2.json
}

# Session Manager and Run Command: the only way in.
resource "aws_iam_role_policy_attachment" "ssm_core" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy_attachment" "pipeline" {
  for_each   = var.pipeline_policy_arns
  role       = aws_iam_role.host.name
  policy_arn = each.value
}

data "aws_iam_policy_document" "host" {
  statement {
    sid       = "ReadTheDags"
    actions   = ["s3:GetObject"]
    resources = ["${module.dags_bucket.bucket_arn}/dags/*"]
  }
  statement {
    sid       = "ListTheDags"
    actions   = ["s3:ListBucket"]
    resources = [module.dags_bucket.bucket_arn]
  }
  statement {
    sid       = "DecryptTheDagsThroughS3"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
  statement {
    sid       = "PullThePipelineImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [var.ecr_repository_arn]
  }
  statement {
    sid       = "SignInToEcr"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # GetAuthorizationToken has no resource-level permissions
  }
}

resource "aws_iam_role_policy" "host" {
  name   = "dags-and-image"
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host.json
}

resource "aws_iam_instance_profile" "host" {
  name_prefix = "${var.name}-airflow-host-"
  role        = aws_iam_role.host.name
}

# #region no-inbound
resource "aws_security_group" "host" {
  name_prefix = "${var.name}-airflow-host-"
  description = "Airflow host: no inbound rules at all (reached through SSM); HTTPS and PostgreSQL out"
  vpc_id      = var.vpc_id

  lifecycle {
    create_before_destroy = true
  }
}

# No aws_vpc_security_group_ingress_rule for this group: nothing can open a
# connection to the host. Port 8080 (the Airflow UI) is reached with an SSM
# port-forwarding session, e.g.
#   aws ssm start-session --target <instance-id> --document-name AWS-StartPortForwardingSession \
#     --parameters portNumber=8080,localPortNumber=8080

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.host.id
  description       = "HTTPS: the LG Inform Plus API, AWS endpoints (SSM, S3, ECR, Secrets Manager) and package registries"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "postgres" {
  security_group_id            = aws_security_group.host.id
  description                  = "PostgreSQL: the pipeline's database only"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.database_security_group_id
}
# #endregion no-inbound

resource "aws_instance" "host" {
  ami                         = data.aws_ssm_parameter.al2023_arm64.insecure_value
  instance_type               = var.instance_type
  subnet_id                   = var.subnet_id
  vpc_security_group_ids      = [aws_security_group.host.id]
  iam_instance_profile        = aws_iam_instance_profile.host.name
  associate_public_ip_address = false
  ebs_optimized               = true
  monitoring                  = true # one-minute CloudWatch metrics

  # #region imdsv2
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only: a session token defeats SSRF-style credential theft
    http_put_response_hop_limit = 2          # the pipeline's container is one network hop further away
    instance_metadata_tags      = "disabled"
  }
  # #endregion imdsv2

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size_gb
    encrypted             = true
    kms_key_id            = var.kms_key_arn
    delete_on_termination = true
  }

  # Docker for the pipeline's image, and the folders Airflow uses. Airflow
  # itself is installed by the deployment workflow (Run Command), from the
  # same pinned requirements file the tests use.
  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y docker python3.11
    systemctl enable --now docker
    useradd --system --create-home --home-dir /opt/airflow airflow || true
    usermod -aG docker airflow
    install -d -o airflow -g airflow /opt/airflow/dags /opt/airflow/logs
  EOT

  tags = { Name = "${var.name}-airflow" }

  lifecycle {
    ignore_changes = [ami] # a new AMI is rolled out on purpose, not by every plan
  }
}
