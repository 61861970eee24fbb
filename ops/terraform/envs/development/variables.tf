# Defaults here are the development sizes (small, single zone where that is cheaper);
# terraform.tfvars holds the account-specific values.

variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-central-1"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.10.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
  type        = bool
  default     = true
}

variable "admin_cidr_blocks" {
  description = "Networks allowed to SSH to the bastion."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate of the public host name."
  type        = string
}

variable "ssh_key_name" {
  description = "EC2 key pair for the admin user of the instances."
  type        = string
  default     = null
}

variable "ami_id" {
  description = "Pin an AMI; null follows the newest Debian 12 image (a new image rolls the fleets)."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Protect the database, the load balancer and the buckets against deletion."
  type        = bool
  default     = false
}

variable "database_slots" {
  description = "Database instances by slot. A slot with restore_source_identifier is created by point-in-time recovery (restore_time RFC 3339 UTC, null = latest)."
  type = map(object({
    restore_source_identifier = optional(string)
    restore_time              = optional(string)
    deletion_protection       = optional(bool)
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
  default     = "db.t4g.small"
}

variable "db_allocated_storage" {
  description = "Initial database storage in GiB."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage" {
  description = "Database storage autoscaling ceiling in GiB."
  type        = number
  default     = 100
}

variable "db_multi_az" {
  description = "Synchronous standby in a second zone."
  type        = bool
  default     = false
}

variable "db_backup_retention_days" {
  description = "Automated backup retention = point-in-time recovery window."
  type        = number
  default     = 7
}

variable "db_apply_immediately" {
  description = "Apply database changes (instance class, storage) now rather than in the weekly maintenance window."
  type        = bool
  default     = false
}

variable "db_performance_insights" {
  description = "Enable Performance Insights."
  type        = bool
  default     = false
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.micro"
}

variable "cache_node_count" {
  description = "Redis primary plus replicas."
  type        = number
  default     = 1
}

variable "cache_snapshot_retention_days" {
  description = "Days of Redis snapshots."
  type        = number
  default     = 1
}

variable "fleets" {
  description = "Autoscaling groups (see modules/app)."
  type = map(object({
    instance_type    = string
    min_size         = number
    max_size         = number
    desired_capacity = number
    processes        = list(string)
    cpu_target       = optional(number)
  }))
  default = {
    web       = { instance_type = "t3.small", min_size = 1, max_size = 2, desired_capacity = 1, processes = ["web"], cpu_target = 70 }
    worker    = { instance_type = "t3.small", min_size = 1, max_size = 2, desired_capacity = 1, processes = ["worker"], cpu_target = 80 }
    scheduler = { instance_type = "t3.small", min_size = 1, max_size = 1, desired_capacity = 1, processes = ["beat"] }
  }
}

variable "logstash_host" {
  description = "Logstash beats input host; empty keeps logs in journald only."
  type        = string
  default     = ""
}

variable "logstash_port" {
  description = "Logstash beats input port."
  type        = number
  default     = 5044
}

variable "log_retention_days" {
  description = "Retention of database logs in CloudWatch and access logs in S3."
  type        = number
  default     = 14
}

variable "secret_rotation_versions" {
  description = "Generated secret name => version; raise a number to rotate that secret."
  type        = map(number)
  default     = {}
}
