# One role per fleet, so that only the fleet running beat (which runs the migrations) can
# read the database master secret.

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "fleet" {
  for_each = var.fleets

  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
}

resource "aws_iam_instance_profile" "fleet" {
  for_each = var.fleets

  name = "${var.name}-${each.key}"
  role = aws_iam_role.fleet[each.key].name
}

data "aws_iam_policy_document" "fleet" {
  for_each = var.fleets

  statement {
    sid       = "ReadApplicationSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = var.secret_arns
  }

  dynamic "statement" {
    for_each = contains(each.value.processes, "beat") ? [var.database_master_secret_arn] : []

    content {
      sid       = "ReadDatabaseMasterSecret"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "DecryptApplicationSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.name}.amazonaws.com"]
    }
  }

  # Shared file storage (CSV uploads and exports): web and worker processes only.
  dynamic "statement" {
    for_each = length(setintersection(each.value.processes, ["web", "worker"])) > 0 ? [1] : []

    content {
      sid       = "UseSharedFiles"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
      resources = ["${var.files_bucket_arn}/${var.files_prefix}*"]
    }
  }

  # Listing lets a missing object answer 404 instead of 403.
  dynamic "statement" {
    for_each = length(setintersection(each.value.processes, ["web", "worker"])) > 0 ? [1] : []

    content {
      sid       = "ListSharedFiles"
      actions   = ["s3:ListBucket"]
      resources = [var.files_bucket_arn]

      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["${var.files_prefix}*"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(setintersection(each.value.processes, ["web", "worker"])) > 0 ? [1] : []

    content {
      sid       = "EncryptSharedFiles"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [var.files_kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }

  # The application publishes its queue and job metrics; PutMetricData has no resource-level
  # permissions, so the namespace condition is the limit.
  statement {
    sid       = "PublishApplicationMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace]
    }
  }

  statement {
    sid       = "ReadReleases"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/releases/*", "${aws_s3_bucket.artifacts.arn}/ops/*"]
  }

  statement {
    sid       = "ReportFailedBoot"
    actions   = ["autoscaling:SetInstanceHealth"]
    resources = ["arn:aws:autoscaling:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:autoScalingGroup:*:autoScalingGroupName/${var.name}-${each.key}"]
  }

  statement {
    sid       = "ReadLiveRelease"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.release.arn]
  }
}

resource "aws_iam_role_policy" "fleet" {
  for_each = var.fleets

  name   = "loom-instance"
  role   = aws_iam_role.fleet[each.key].id
  policy = data.aws_iam_policy_document.fleet[each.key].json
}
