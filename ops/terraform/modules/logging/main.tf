data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "current" {}

# Load balancer access logs: one line per request, kept for incident analysis.
resource "aws_s3_bucket" "alb_logs" {
  # checkov:skip=CKV_AWS_18:This bucket is the access log; logging its own reads would log the log.
  # checkov:skip=CKV_AWS_21:Log objects are written once and expire; versions would only keep expired logs longer.
  # checkov:skip=CKV_AWS_144:Access logs are for incident analysis in this region; a second copy is not worth its cost.
  # checkov:skip=CKV_AWS_145:Load balancers can only write to buckets encrypted with S3-managed keys (SSE-S3).
  # checkov:skip=CKV2_AWS_62:Nothing reacts to new log objects; they are read during an investigation.
  bucket_prefix = "${var.name}-alb-logs-"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Load balancers can only write to buckets encrypted with S3-managed keys.
resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = var.access_log_retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "alb_logs" {
  statement {
    sid       = "LoadBalancerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_logs.arn}/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
    }
  }

  statement {
    sid       = "LoadBalancerLogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_logs.arn}/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  policy = data.aws_iam_policy_document.alb_logs.json

  depends_on = [aws_s3_bucket_public_access_block.alb_logs]
}

# RDS creates these groups on first export with no expiry; creating them first sets one.
resource "aws_cloudwatch_log_group" "database" {
  for_each = toset(flatten([
    for id in var.database_identifiers : [
      "/aws/rds/instance/${id}/postgresql",
      "/aws/rds/instance/${id}/upgrade",
    ]
  ]))

  # checkov:skip=CKV_AWS_338:Retention is a setting (log_retention_days: 90 days in production).
  name              = each.value
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}
