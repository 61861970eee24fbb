output "alb_logs_bucket" {
  description = "Bucket receiving the load balancer access logs (prefix alb/)."
  # Taken from the policy so that the load balancer is created only once it may write.
  value = aws_s3_bucket_policy.alb_logs.bucket
}

output "logstash_host" {
  description = "Logstash beats input host; empty when log shipping is off."
  value       = var.logstash_host
}

output "logstash_port" {
  description = "Logstash beats input port."
  value       = var.logstash_port
}
