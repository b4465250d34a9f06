# PostgreSQL 18 on RDS, reachable only from the security groups named in
# client_security_groups, inside private subnets. Connections must use TLS;
# the pipeline signs in with IAM (rds-db:connect) rather than a password.
data "aws_iam_policy_document" "monitoring_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name_prefix        = "${var.name}-rds-monitoring-"
  assume_role_policy = data.aws_iam_policy_document.monitoring_trust.json
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_subnet_group" "this" {
  name_prefix = "${var.name}-"
  description = "Private subnets of ${var.name}"
  subnet_ids  = var.private_subnet_ids
}

resource "aws_security_group" "database" {
  name_prefix = "${var.name}-database-"
  description = "PostgreSQL for ${var.name}: 5432 from the pipeline's hosts only"
  vpc_id      = var.vpc_id

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_clients" {
  for_each                     = var.client_security_groups
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = each.value
}

# #region rds-force-ssl
resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-postgres18-"
  family      = "postgres18"
  description = "TLS only, with connection and slow-statement logging"

  parameter {
    name  = "rds.force_ssl"
    value = "1" # refuse any connection that is not TLS
  }
  parameter {
    name  = "ssl_min_protocol_version"
    value = "TLSv1.2"
  }
  parameter {
    name  = "log_connections"
    value = "1"
  }
  parameter {
    name  = "log_disconnections"
    value = "1"
  }
  parameter {
    name  = "log_statement"
    value = "ddl" # schema changes, not every query (queries may contain personal data)
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000" # statements slower than a second
  }

  lifecycle {
    create_before_destroy = true
  }
}
# #endregion rds-force-ssl

# Created before the instance so the retention and the key apply from the first line.
resource "aws_cloudwatch_log_group" "postgresql" {
  for_each          = toset(["postgresql", "upgrade", "iam-db-auth-error"])
  name              = "/aws/rds/instance/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_157:Multi-AZ is a variable: true in prod (asserted by test/terraform.test.ts), false in dev where a few minutes of downtime costs less than a standby.
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  db_name        = var.database_name
  port           = 5432

  # Network: private subnets only, no public address, one security group.
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.database.id]
  publicly_accessible    = false
  multi_az               = var.multi_az

  # Credentials: RDS generates the master password and keeps it in Secrets
  # Manager; applications use IAM database authentication.
  username                            = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  iam_database_authentication_enabled = true

  # Storage and backups.
  storage_type                = "gp3"
  allocated_storage           = var.allocated_storage_gb
  max_allocated_storage       = var.max_allocated_storage_gb
  storage_encrypted           = true
  kms_key_id                  = var.kms_key_arn
  backup_retention_period     = var.backup_retention_days
  backup_window               = "01:00-02:00"
  maintenance_window          = "sun:03:00-sun:04:00"
  copy_tags_to_snapshot       = true
  deletion_protection         = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${var.name}-final"
  delete_automated_backups    = false
  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  parameter_group_name        = aws_db_parameter_group.this.name
  ca_cert_identifier          = "rds-ca-rsa2048-g1"

  # Monitoring. CloudWatch Database Insights in Standard mode (no extra
  # charge) shows database load by wait, statement and user for 7 days. It
  # replaced the Performance Insights console in 2026, and still needs
  # Performance Insights turned on to collect per-statement figures.
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade", "iam-db-auth-error"]
  database_insights_mode                = "standard"
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.monitoring.arn

  depends_on = [aws_cloudwatch_log_group.postgresql, aws_iam_role_policy_attachment.monitoring]
}
