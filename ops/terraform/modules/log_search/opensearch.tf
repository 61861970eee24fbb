# Amazon OpenSearch Service holds the stage's logs; OpenSearch Dashboards (the open fork of
# Kibana) searches them. The domain lives in the private subnets and answers HTTPS (TLS 1.2
# or newer) only to Logstash and to operators' tunnels through the bastion. Fine-grained
# access control decides what each signed-in identity may do: the master user is the role
# of the operators signed in through Cognito (dashboards_auth.tf); Logstash writes with its
# task role, mapped to the logstash role once (docs/operations.md).

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  domain_name  = "${var.name}-logs"
  zone_aware   = var.instance_count > 1
  domain_arn   = "arn:aws:es:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:domain/${local.domain_name}"
  domain_logs  = ["AUDIT_LOGS", "ES_APPLICATION_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"]
  subnet_count = local.zone_aware ? 2 : 1
}

resource "aws_cloudwatch_log_group" "domain" {
  # checkov:skip=CKV_AWS_338:Retention is a setting (log_retention_days).
  for_each = toset(local.domain_logs)

  name              = "/aws/opensearch/${local.domain_name}/${lower(each.key)}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
}

data "aws_iam_policy_document" "domain_log_delivery" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for g in aws_cloudwatch_log_group.domain : "${g.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["es.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.domain_arn]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "domain" {
  policy_name     = "${local.domain_name}-log-delivery"
  policy_document = data.aws_iam_policy_document.domain_log_delivery.json
}

# Only these two roles may send requests at all; fine-grained access control then decides
# per index. Requests are signed (SigV4) by Logstash and by Dashboards for Cognito users.
data "aws_iam_policy_document" "domain_access" {
  statement {
    actions   = ["es:ESHttp*"]
    resources = ["${local.domain_arn}/*"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.operators.arn, aws_iam_role.logstash_task.arn]
    }
  }
}

resource "aws_opensearch_domain" "logs" {
  # checkov:skip=CKV2_AWS_59:Dedicated master nodes are a setting (dedicated_master_count, 3 in production); development runs one small node.
  domain_name     = local.domain_name
  engine_version  = var.engine_version
  access_policies = data.aws_iam_policy_document.domain_access.json

  cluster_config {
    instance_type            = var.instance_type
    instance_count           = var.instance_count
    zone_awareness_enabled   = local.zone_aware
    dedicated_master_enabled = var.dedicated_master_count > 0
    dedicated_master_count   = var.dedicated_master_count > 0 ? var.dedicated_master_count : null
    dedicated_master_type    = var.dedicated_master_count > 0 ? var.dedicated_master_type : null

    dynamic "zone_awareness_config" {
      for_each = local.zone_aware ? [1] : []

      content {
        availability_zone_count = 2
      }
    }
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.volume_size
  }

  vpc_options {
    subnet_ids         = slice(var.subnet_ids, 0, local.subnet_count)
    security_group_ids = [aws_security_group.domain.id]
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false

    master_user_options {
      master_user_arn = aws_iam_role.operators.arn
    }
  }

  cognito_options {
    enabled          = true
    user_pool_id     = aws_cognito_user_pool.operators.id
    identity_pool_id = aws_cognito_identity_pool.operators.id
    role_arn         = aws_iam_role.cognito_access.arn
  }

  software_update_options {
    auto_software_update_enabled = true
  }

  # Audit logs record who read and changed what (fine-grained access control); slow logs
  # need thresholds in the index settings before they write anything.
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.domain["AUDIT_LOGS"].arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.domain["ES_APPLICATION_LOGS"].arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.domain["SEARCH_SLOW_LOGS"].arn
    enabled                  = true
  }

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.domain["INDEX_SLOW_LOGS"].arn
    enabled                  = true
  }

  depends_on = [aws_cloudwatch_log_resource_policy.domain]
}
