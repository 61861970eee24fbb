variable "identifier" {
  description = "RDS instance identifier, e.g. loom-production-blue. Also names the subnet and parameter groups."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two zones."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the instance."
  type        = list(string)
}

variable "engine_version" {
  description = "PostgreSQL version. A major version alone lets RDS apply minor upgrades in the maintenance window."
  type        = string
  default     = "16"
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
}

variable "max_allocated_storage" {
  description = "Storage autoscaling ceiling in GiB."
  type        = number
}

variable "multi_az" {
  description = "Keep a synchronous standby in a second zone with automatic failover."
  type        = bool
}

variable "backup_retention_days" {
  description = "Days of automated backups, which is also the point-in-time recovery window (1-35)."
  type        = number

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35: 0 would disable backups and point-in-time recovery."
  }
}

variable "backup_window" {
  description = "Daily UTC window for the automated snapshot."
  type        = string
  default     = "02:00-03:00"
}

variable "maintenance_window" {
  description = "Weekly UTC window for patches; must not overlap the backup window."
  type        = string
  default     = "sun:03:30-sun:04:30"
}

variable "deletion_protection" {
  description = "Refuse to delete the instance. When true, a final snapshot is also taken on deletion."
  type        = bool
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the maintenance window."
  type        = bool
  default     = false
}

variable "performance_insights" {
  description = "Enable Performance Insights (7 days, free tier)."
  type        = bool
  default     = false
}

variable "db_name" {
  description = "Name of the application database (ignored when restoring)."
  type        = string
  default     = "loom"
}

variable "master_username" {
  description = "Master user (ignored when restoring). Its password is managed by RDS in Secrets Manager; the application uses its own role."
  type        = string
  default     = "loom_admin"
}

variable "restore" {
  description = "Create the instance by point-in-time recovery of another instance. restore_time is RFC 3339 UTC; null means the latest restorable time. Never change it after creation: it forces a new instance."
  type = object({
    source_identifier = string
    restore_time      = optional(string)
  })
  default = null
}

variable "kms_key_arn" {
  description = "Customer-managed key of the storage and of Performance Insights. Null keeps the AWS-managed key (for an instance created before the customer-managed key existed: a new key replaces the instance). A restored instance keeps its source's storage key whatever this says."
  type        = string
  default     = null
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed key of the master user secret that RDS keeps in Secrets Manager."
  type        = string
}

variable "monitoring_interval" {
  description = "Seconds between enhanced monitoring samples (0 turns it off; 1, 5, 10, 15, 30 or 60)."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "monitoring_interval must be one of 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "backup_replication" {
  description = "Copy the automated backups to the region of the aws.backup provider, encrypted with kms_key_arn (a key of that region) and kept retention_days. Null: no copy."
  type = object({
    kms_key_arn    = string
    retention_days = number
  })
  default = null

  validation {
    condition     = var.backup_replication == null || try(var.backup_replication.retention_days >= 1 && var.backup_replication.retention_days <= 35, false)
    error_message = "backup_replication.retention_days must be between 1 and 35."
  }
}
