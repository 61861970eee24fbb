output "prefix" {
  description = "Name prefix of every secret of this environment."
  value       = local.prefix
}

output "secret_arns" {
  description = "ARNs of all secrets of this environment, for the instances' IAM policy."
  value = concat(
    [for s in aws_secretsmanager_secret.generated : s.arn],
    [for s in aws_secretsmanager_secret.supplied : s.arn],
  )
}

output "supplied_names" {
  description = "Secrets an operator must set before the first deploy."
  value       = var.supplied_names
}
