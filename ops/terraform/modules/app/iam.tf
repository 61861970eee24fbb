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
