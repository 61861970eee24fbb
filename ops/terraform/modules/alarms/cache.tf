# Redis is the Celery broker and never evicts (noeviction): full memory rejects new tasks.
# One alarm per node; cluster-mode-disabled nodes are named <group>-001, <group>-002...

locals {
  # Keyed by node number, which is known before the group exists.
  cache_nodes = { for i in range(var.cache_node_count) : format("%03d", i + 1) => format("%s-%03d", var.cache_replication_group_id, i + 1) }
}

resource "aws_cloudwatch_metric_alarm" "cache_cpu" {
  for_each = local.cache_nodes

  alarm_name          = "${local.prefix}cache-cpu-${each.value}"
  alarm_description   = "Redis node ${each.value}: engine CPU above ${var.cache_cpu_percent}% for 15 minutes. ${local.runbook["cache-cpu"]}"
  namespace           = "AWS/ElastiCache"
  metric_name         = "EngineCPUUtilization"
  dimensions          = { CacheClusterId = each.value }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.cache_cpu_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "cache_memory" {
  for_each = local.cache_nodes

  alarm_name          = "${local.prefix}cache-memory-${each.value}"
  alarm_description   = "Redis node ${each.value}: more than ${var.cache_memory_percent}% of its memory used for 10 minutes; at 100% new tasks are refused. ${local.runbook["cache-memory"]}"
  namespace           = "AWS/ElastiCache"
  metric_name         = "DatabaseMemoryUsagePercentage"
  dimensions          = { CacheClusterId = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.cache_memory_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}
