output "identifier" {
  description = "RDS instance identifier."
  value       = aws_db_instance.this.identifier
}

output "address" {
  description = "Host name of the instance."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the instance."
  value       = aws_db_instance.this.port
}

output "db_name" {
  description = "Name of the application database."
  value       = aws_db_instance.this.db_name
}

output "master_username" {
  description = "Master user name."
  value       = aws_db_instance.this.username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret (JSON with username and password) that RDS keeps for the master user."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "latest_restorable_time" {
  description = "Latest time the instance can be restored to."
  value       = aws_db_instance.this.latest_restorable_time
}

output "arn" {
  description = "ARN of the instance."
  value       = aws_db_instance.this.arn
}

output "multi_az" {
  description = "Whether the instance keeps a standby in a second zone."
  value       = aws_db_instance.this.multi_az
}

output "backup_replication_arn" {
  description = "ARN of the automated backups copied to the backup region; null without a copy."
  value       = one(aws_db_instance_automated_backups_replication.this[*].id)
}
