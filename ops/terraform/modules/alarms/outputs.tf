output "topic_arn" {
  description = "SNS topic the alarms notify."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of every alarm of the stage."
  value = concat(
    [aws_cloudwatch_metric_alarm.alb_5xx_rate.alarm_name, aws_cloudwatch_metric_alarm.alb_p95_latency.alarm_name],
    [aws_cloudwatch_metric_alarm.db_cpu.alarm_name, aws_cloudwatch_metric_alarm.db_free_storage.alarm_name, aws_cloudwatch_metric_alarm.db_connections.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.db_replica_lag : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.cache_cpu : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.cache_memory : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.queue_depth : a.alarm_name],
    aws_cloudwatch_metric_alarm.oldest_queued[*].alarm_name,
    aws_cloudwatch_metric_alarm.failed_jobs[*].alarm_name,
    aws_cloudwatch_metric_alarm.dead_lettered_hooks[*].alarm_name,
    aws_cloudwatch_metric_alarm.dead_lettered_mails[*].alarm_name,
    aws_cloudwatch_metric_alarm.app_metrics_missing[*].alarm_name,
  )
}
