# The active database instance; replica lag only where read replicas exist (a Multi-AZ
# standby is synchronous and reports no lag).

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${local.prefix}db-cpu"
  alarm_description   = "Database ${var.db_identifier}: CPU above ${var.db_cpu_percent}% for 15 minutes. ${local.runbook["db-cpu"]}"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.db_identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_cpu_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "db_free_storage" {
  alarm_name          = "${local.prefix}db-free-storage"
  alarm_description   = "Database ${var.db_identifier}: less than ${var.db_free_storage_gib} GiB of free storage. ${local.runbook["db-free-storage"]}"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.db_identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.db_free_storage_gib * 1024 * 1024 * 1024
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${local.prefix}db-connections"
  alarm_description   = "Database ${var.db_identifier}: more than ${var.db_max_connections} connections for 15 minutes. ${local.runbook["db-connections"]}"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = var.db_identifier }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_max_connections
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "db_replica_lag" {
  for_each = toset(var.db_replica_identifiers)

  alarm_name          = "${local.prefix}db-replica-lag-${each.value}"
  alarm_description   = "Read replica ${each.value}: more than ${var.db_replica_lag_seconds} s behind for 10 minutes. ${local.runbook["db-replica-lag"]}"
  namespace           = "AWS/RDS"
  metric_name         = "ReplicaLag"
  dimensions          = { DBInstanceIdentifier = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_replica_lag_seconds
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}
