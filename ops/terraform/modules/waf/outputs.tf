output "web_acl_arn" {
  description = "ARN of the web ACL."
  value       = aws_wafv2_web_acl.this.arn
}

output "log_group" {
  description = "CloudWatch log group of the WAF request logs."
  value       = aws_cloudwatch_log_group.waf.name
}
