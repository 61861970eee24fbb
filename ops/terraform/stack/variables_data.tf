# Database, Redis and file storage.

variable "database_slots" {
  description = <<-EOT
    Database instances by slot. A slot with restore_source_identifier is created by
    point-in-time recovery (restore_time RFC 3339 UTC, null = latest) and keeps its source's
    storage key. aws_managed_key = true keeps an instance that was created on the AWS-managed
    RDS key there (a new key would replace it); other new slots use the stage's
    customer-managed key.
  EOT
  type = map(object({
    restore_source_identifier = optional(string)
    restore_time              = optional(string)
    deletion_protection       = optional(bool)
    aws_managed_key           = optional(bool, false)
  }))
  default = { blue = {} }
}

variable "active_database_slot" {
  description = "Slot the application uses."
  type        = string
  default     = "blue"

  validation {
    condition     = contains(keys(var.database_slots), var.active_database_slot)
    error_message = "active_database_slot must be one of the keys of database_slots."
  }
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "db_allocated_storage" {
  description = "Initial database storage in GiB."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  description = "Database storage autoscaling ceiling in GiB."
  type        = number
  default     = 1000
}

variable "db_multi_az" {
  description = "Synchronous standby in a second zone."
  type        = bool
  default     = true
}

variable "db_backup_retention_days" {
  description = "Automated backup retention = point-in-time recovery window."
  type        = number
  default     = 35
}

variable "db_backup_region" {
  description = "Region that keeps a copy of the automated backups (point-in-time recovery when the stage's region is down); null: no copy."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = var.db_backup_region != var.aws_region
    error_message = "db_backup_region must differ from aws_region (or be null)."
  }
}

variable "db_backup_replication_retention_days" {
  description = "Days of automated backups kept in the backup region."
  type        = number
  default     = 14
}

variable "db_apply_immediately" {
  description = "Apply database changes (instance class, storage) now rather than in the weekly maintenance window."
  type        = bool
  default     = false
}

variable "db_performance_insights" {
  description = "Enable Performance Insights."
  type        = bool
  default     = true
}

variable "db_monitoring_interval" {
  description = "Seconds between enhanced monitoring samples of the database (0 turns it off)."
  type        = number
  default     = 30
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.m7g.large"
}

variable "cache_node_count" {
  description = "Redis primary plus replicas."
  type        = number
  default     = 2
}

variable "cache_snapshot_retention_days" {
  description = "Days of Redis snapshots."
  type        = number
  default     = 3
}

variable "files_expiration_days" {
  description = "Days after which uploads and exports in the files bucket are deleted."
  type        = number
  default     = 7
}
