variable "name" {
  description = "Prefix of the alarm and topic names, e.g. loom-production."
  type        = string
}

variable "stage" {
  description = "Stage name: the Stage dimension of the application's metrics."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key of the SNS topic (its policy must let CloudWatch use it)."
  type        = string
}

variable "email_addresses" {
  description = "Addresses subscribed to the alarms (each confirms once by email)."
  type        = list(string)
  default     = []
}

variable "endpoints" {
  description = "Other subscriptions, e.g. { protocol = \"https\", endpoint = \"https://events.example.com/...\" } for a paging service."
  type = list(object({
    protocol = string
    endpoint = string
  }))
  default = []
}

variable "runbook_url" {
  description = "Address of the operations runbook; each alarm links <runbook_url>#alarm-<name>."
  type        = string
  default     = "docs/operations.md"
}

variable "alb_arn_suffix" {
  description = "LoadBalancer dimension of the load balancer's metrics."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "TargetGroup dimension of the web target group's metrics."
  type        = string
}

variable "alb_5xx_rate_percent" {
  description = "Share of requests (in %) ending in a 5xx within 5 minutes that raises the alarm."
  type        = number
  default     = 2
}

variable "alb_5xx_min_requests" {
  description = "Requests within 5 minutes below which the 5xx share is not judged."
  type        = number
  default     = 50
}

variable "alb_p95_seconds" {
  description = "95th percentile response time (seconds) that raises the alarm."
  type        = number
  default     = 1.5
}

variable "db_identifier" {
  description = "RDS instance the application uses."
  type        = string
}

variable "db_replica_identifiers" {
  description = "Read replicas of the database, each with a lag alarm."
  type        = list(string)
  default     = []
}

variable "db_cpu_percent" {
  description = "Database CPU (%) that raises the alarm."
  type        = number
  default     = 80
}

variable "db_free_storage_gib" {
  description = "Free database storage (GiB) below which the alarm is raised."
  type        = number
  default     = 10
}

variable "db_max_connections" {
  description = "Database connections above which the alarm is raised (keep it below the instance's max_connections)."
  type        = number
  default     = 400
}

variable "db_replica_lag_seconds" {
  description = "Replica lag (seconds) that raises the alarm."
  type        = number
  default     = 60
}

variable "cache_replication_group_id" {
  description = "ElastiCache replication group of the broker."
  type        = string
}

variable "cache_node_count" {
  description = "Nodes in the replication group."
  type        = number
}

variable "cache_cpu_percent" {
  description = "Redis engine CPU (%) that raises the alarm."
  type        = number
  default     = 80
}

variable "cache_memory_percent" {
  description = "Redis memory use (%) that raises the alarm."
  type        = number
  default     = 80
}

variable "app_alarms" {
  description = "Create the alarms on the application's own metrics (turn off until a release publishes them)."
  type        = bool
  default     = true
}

variable "app_namespace" {
  description = "CloudWatch namespace of the application's metrics."
  type        = string
  default     = "Loom"
}

variable "queue_depth_thresholds" {
  description = "Celery queue => waiting tasks that raise its alarm."
  type        = map(number)
  default = {
    default     = 1000
    mail        = 500
    hooks       = 1000
    maintenance = 200
  }
}

variable "oldest_queued_seconds" {
  description = "Age (seconds) of the oldest waiting job that raises the alarm."
  type        = number
  default     = 900
}

variable "failed_jobs_threshold" {
  description = "Jobs failed for good within 5 minutes above which the alarm is raised."
  type        = number
  default     = 0
}

variable "dead_lettered_hooks_threshold" {
  description = "Dead-lettered hook deliveries within an hour above which the alarm is raised."
  type        = number
  default     = 10
}

variable "dead_lettered_mails_threshold" {
  description = "Dead-lettered emails within 5 minutes above which the alarm is raised."
  type        = number
  default     = 0
}
