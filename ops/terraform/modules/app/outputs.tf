output "alb_dns_name" {
  description = "DNS name of the load balancer; point the public host name at it (CNAME or alias)."
  value       = aws_lb.web.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone of the load balancer, for a Route 53 alias record."
  value       = aws_lb.web.zone_id
}

output "bastion_public_ip" {
  description = "Elastic IP of the bastion."
  value       = aws_eip.bastion.public_ip
}

output "artifacts_bucket" {
  description = "Bucket holding release archives and Ansible trees."
  value       = aws_s3_bucket.artifacts.bucket
}

output "release_parameter" {
  description = "SSM parameter naming the live release."
  value       = aws_ssm_parameter.release.name
}

output "autoscaling_group_names" {
  description = "Autoscaling group name by fleet."
  value       = { for k, g in aws_autoscaling_group.fleet : k => g.name }
}

output "alb_arn" {
  description = "ARN of the load balancer (the web ACL is associated with it)."
  value       = aws_lb.web.arn
}

output "alb_arn_suffix" {
  description = "Load balancer dimension of its CloudWatch metrics."
  value       = aws_lb.web.arn_suffix
}

output "target_group_arn_suffix" {
  description = "Target group dimension of its CloudWatch metrics."
  value       = aws_lb_target_group.web.arn_suffix
}
