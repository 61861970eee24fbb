# Alarms of one stage, all sent to one encrypted SNS topic. Each alarm's description links
# its runbook section (docs/operations.md#alarm-<name>). Database and Redis alarms keep their
# state when data is missing. The load balancer reports nothing without traffic, and the
# application's metrics stop only when their publisher does, which app-metrics-missing
# reports on its own: for those alarms missing data is not a fault (notBreaching).

locals {
  prefix = "${var.name}-"

  # The application's metrics (namespace var.app_namespace) carry the stage as a dimension.
  app_dimensions = { Stage = var.stage }

  runbook = { for n in [
    "alb-5xx-rate", "alb-p95-latency",
    "db-cpu", "db-free-storage", "db-connections", "db-replica-lag",
    "cache-cpu", "cache-memory",
    "queue-depth", "oldest-queued", "failed-jobs", "dead-lettered-hooks", "dead-lettered-mails",
    "app-metrics-missing",
  ] : n => "Runbook: ${var.runbook_url}#alarm-${n}" }

  actions = [aws_sns_topic.alarms.arn]
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.email_addresses)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_sns_topic_subscription" "endpoint" {
  for_each = { for e in var.endpoints : "${e.protocol}:${e.endpoint}" => e }

  topic_arn              = aws_sns_topic.alarms.arn
  protocol               = each.value.protocol
  endpoint               = each.value.endpoint
  endpoint_auto_confirms = each.value.protocol == "https"
}
