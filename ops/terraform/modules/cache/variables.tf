variable "name" {
  description = "Replication group ID and name of its subnet and parameter groups (at most 40 characters)."
  type        = string

  validation {
    condition     = length(var.name) <= 40
    error_message = "name must be at most 40 characters (ElastiCache limit)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the cache nodes."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the cache nodes."
  type        = list(string)
}

variable "node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "node_count" {
  description = "Primary plus replicas. Two or more turn on automatic failover across zones."
  type        = number

  validation {
    condition     = var.node_count >= 1 && var.node_count <= 6
    error_message = "node_count must be between 1 and 6."
  }
}

variable "engine_version" {
  description = "Redis engine version."
  type        = string
  default     = "7.1"
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots (0 disables them). The broker holds queued tasks, not business data."
  type        = number
  default     = 1
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the maintenance window."
  type        = bool
  default     = false
}
