# A Lambda function (nodejs24.x) run each day by EventBridge Scheduler. Failed
# runs, after Lambda's own retries, land in an encrypted dead-letter queue
# that raises an alarm; every run is traced with X-Ray and logged as JSON to
# an encrypted log group.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 365
  kms_key_id        = var.kms_key_arn
}

resource "aws_sqs_queue" "failed_runs" {
  name                      = "${var.name}-failed-runs"
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600 # 14 days, SQS's longest
}

data "aws_iam_policy_document" "trust_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "function" {
  name_prefix        = "${substr(var.name, 0, 37)}-"
  assume_role_policy = data.aws_iam_policy_document.trust_lambda.json
}

# Least privilege: its own logs, queue and key, and its own prefixes of the lake.
data "aws_iam_policy_document" "function" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }
  statement {
    sid       = "ReportFailedRuns"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failed_runs.arn]
  }
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
    sid       = "UseTheKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"] # X-Ray has no resource-level permissions for these
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "run-${var.name}"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_272:Code signing needs an AWS Signer profile and signed uploads; the zip is built and deployed only by the reviewed deployment workflow from a commit on main.
  #checkov:skip=CKV_AWS_117:The function talks only to a public API and S3; outside a VPC it needs no NAT gateway.
  function_name                  = var.name
  description                    = var.description
  role                           = aws_iam_role.function.arn
  filename                       = var.package_path
  source_code_hash               = filebase64sha256(var.package_path)
  handler                        = "index.handler"
  runtime                        = "nodejs24.x"
  architectures                  = ["arm64"] # Graviton: cheaper per GB-second than x86
  memory_size                    = 512
  timeout                        = 300
  reserved_concurrent_executions = 1 # a schedule and a manual re-run never write the same date side by side
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = merge({ NODE_OPTIONS = "--enable-source-maps" }, var.environment)
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.failed_runs.arn
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  depends_on = [aws_iam_role_policy.function, aws_cloudwatch_log_group.function]
}

# Asynchronous invocations (the scheduler's) are retried twice by Lambda; a
# run that still fails is sent to the dead-letter queue with its error.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 6 * 60 * 60
  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed_runs.arn
    }
  }
}

data "aws_iam_policy_document" "trust_scheduler" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name_prefix        = "${substr(var.name, 0, 27)}-scheduler-"
  assume_role_policy = data.aws_iam_policy_document.trust_scheduler.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeThisFunctionOnly"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.this.arn]
  }
  statement {
    sid       = "ReportUndeliveredRuns"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failed_runs.arn]
  }
  statement {
    sid       = "EncryptScheduleAndMessages"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-${var.name}"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "daily" {
  name                         = var.name
  description                  = "Runs ${var.name} each day; the handler works out the logical date (the day before, in London)."
  schedule_expression          = "cron(0 6 * * ? *)"
  schedule_expression_timezone = "Europe/London"
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this.arn
    role_arn = aws_iam_role.scheduler.arn
    # The time the run was due, not when it started: a late or retried run
    # still picks the right logical date.
    input = jsonencode({
      source        = "aws.scheduler"
      "detail-type" = "Scheduled Event"
      time          = "<aws.scheduler.scheduled-time>"
      detail        = {}
    })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.failed_runs.arn
    }
  }
}

# One message in the dead-letter queue means a day was not run.
resource "aws_cloudwatch_metric_alarm" "failed_runs" {
  alarm_name          = "${var.name}-failed-runs"
  alarm_description   = "A scheduled run of ${var.name} failed after its retries: read the message in ${aws_sqs_queue.failed_runs.name}, fix the cause, then re-run that date."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.failed_runs.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
}
