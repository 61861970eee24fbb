output "arns" {
  description = "Key ARN by purpose."
  value       = { for purpose, key in aws_kms_key.this : purpose => key.arn }
}
