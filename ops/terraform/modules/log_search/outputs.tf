output "domain_endpoint" {
  description = "HTTPS endpoint of the OpenSearch domain (inside the VPC)."
  value       = aws_opensearch_domain.logs.endpoint
}

output "dashboards_url" {
  description = "OpenSearch Dashboards (inside the VPC: reach it through the bastion)."
  value       = "https://${aws_opensearch_domain.logs.dashboard_endpoint}"
}

output "logstash_host" {
  description = "Host filebeat sends to (TLS)."
  value       = var.logstash_host_name
}

output "logstash_port" {
  description = "Port filebeat sends to (TLS)."
  value       = var.logstash_port
}

output "logstash_app_port" {
  description = "Port the application's own log handler sends JSON lines to (TLS)."
  value       = var.logstash_app_port
}

output "logstash_role_arn" {
  description = "IAM role Logstash writes with; map it to the logstash role in Dashboards once."
  value       = aws_iam_role.logstash_task.arn
}

output "operators_user_pool_id" {
  description = "Cognito user pool of the operators who may sign in to Dashboards."
  value       = aws_cognito_user_pool.operators.id
}
