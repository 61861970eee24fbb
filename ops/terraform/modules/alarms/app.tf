# Metrics the application publishes to CloudWatch once a minute (runtime/metrics: namespace
# var.app_namespace, dimension Stage; QueueDepth also Queue). The counters (FailedJobs,
# DeadLettered*) are the number since the previous publication, so their sum over a period
# is the number in that period.

resource "aws_cloudwatch_metric_alarm" "queue_depth" {
  for_each = var.app_alarms ? var.queue_depth_thresholds : {}

  alarm_name          = "${local.prefix}queue-depth-${each.key}"
  alarm_description   = "Celery queue ${each.key}: more than ${each.value} tasks waiting for 15 minutes. ${local.runbook["queue-depth"]}"
  namespace           = var.app_namespace
  metric_name         = "QueueDepth"
  dimensions          = merge(local.app_dimensions, { Queue = each.key })
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "oldest_queued" {
  count = var.app_alarms ? 1 : 0

  alarm_name          = "${local.prefix}oldest-queued"
  alarm_description   = "The oldest waiting job has waited more than ${var.oldest_queued_seconds} s for 10 minutes. ${local.runbook["oldest-queued"]}"
  namespace           = var.app_namespace
  metric_name         = "OldestQueuedSeconds"
  dimensions          = local.app_dimensions
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.oldest_queued_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "failed_jobs" {
  count = var.app_alarms ? 1 : 0

  alarm_name          = "${local.prefix}failed-jobs"
  alarm_description   = "More than ${var.failed_jobs_threshold} jobs failed for good within 5 minutes. ${local.runbook["failed-jobs"]}"
  namespace           = var.app_namespace
  metric_name         = "FailedJobs"
  dimensions          = local.app_dimensions
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.failed_jobs_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "dead_lettered_hooks" {
  count = var.app_alarms ? 1 : 0

  alarm_name          = "${local.prefix}dead-lettered-hooks"
  alarm_description   = "More than ${var.dead_lettered_hooks_threshold} hook deliveries gave up within an hour. ${local.runbook["dead-lettered-hooks"]}"
  namespace           = var.app_namespace
  metric_name         = "DeadLetteredHooks"
  dimensions          = local.app_dimensions
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.dead_lettered_hooks_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "dead_lettered_mails" {
  count = var.app_alarms ? 1 : 0

  alarm_name          = "${local.prefix}dead-lettered-mails"
  alarm_description   = "More than ${var.dead_lettered_mails_threshold} emails gave up within 5 minutes. ${local.runbook["dead-lettered-mails"]}"
  namespace           = var.app_namespace
  metric_name         = "DeadLetteredMails"
  dimensions          = local.app_dimensions
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.dead_lettered_mails_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

# The alarms above stay quiet when the application stops publishing; this one does not.
# QueueDepth of the default queue arrives every minute while the publisher runs.
resource "aws_cloudwatch_metric_alarm" "app_metrics_missing" {
  count = var.app_alarms ? 1 : 0

  alarm_name          = "${local.prefix}app-metrics-missing"
  alarm_description   = "No QueueDepth for the default queue for 15 minutes: the application's metrics publisher (or everything behind it) is down. ${local.runbook["app-metrics-missing"]}"
  namespace           = var.app_namespace
  metric_name         = "QueueDepth"
  dimensions          = merge(local.app_dimensions, { Queue = "default" })
  statistic           = "SampleCount"
  period              = 900
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}
