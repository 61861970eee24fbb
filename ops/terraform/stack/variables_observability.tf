# Logs, log search and alarms.

variable "log_retention_days" {
  description = "Retention of CloudWatch log groups (database, flow logs, log search) and of access logs in S3."
  type        = number
  default     = 90
}

variable "logstash_host" {
  description = "An outside Logstash beats input when log_search_enabled is false; empty keeps logs in journald only."
  type        = string
  default     = ""
}

variable "logstash_port" {
  description = "Port of the outside Logstash beats input."
  type        = number
  default     = 5044
}

variable "log_search_enabled" {
  description = "Run the stage's log search: Amazon OpenSearch Service with Dashboards, fed by Logstash on Fargate."
  type        = bool
  default     = true
}

variable "logstash_host_name" {
  description = "DNS name of the Logstash endpoint (TLS), e.g. logs.loom.example.com; must be covered by logstash_certificate_arn."
  type        = string
  default     = null

  validation {
    condition     = !var.log_search_enabled || var.logstash_host_name != null
    error_message = "logstash_host_name is required when log_search_enabled is true."
  }
}

variable "logstash_certificate_arn" {
  description = "ACM certificate of logstash_host_name; null uses certificate_arn (for example a wildcard certificate)."
  type        = string
  default     = null
}

variable "logstash_count" {
  description = "Logstash tasks behind the endpoint."
  type        = number
  default     = 2
}

variable "log_search_instance_type" {
  description = "Instance type of the OpenSearch data nodes."
  type        = string
  default     = "m7g.large.search"
}

variable "log_search_instance_count" {
  description = "OpenSearch data nodes (1, or an even number over two zones)."
  type        = number
  default     = 2
}

variable "log_search_dedicated_master_count" {
  description = "Dedicated OpenSearch master nodes (0 or 3)."
  type        = number
  default     = 3
}

variable "log_search_volume_size" {
  description = "Storage of each OpenSearch data node in GiB."
  type        = number
  default     = 100
}

variable "alarm_email_addresses" {
  description = "Email addresses that receive the alarms (each confirms the subscription once)."
  type        = list(string)
  default     = []
}

variable "alarm_endpoints" {
  description = "Other alarm subscriptions, e.g. [{ protocol = \"https\", endpoint = \"https://events.example.com/...\" }]."
  type = list(object({
    protocol = string
    endpoint = string
  }))
  default = []
}

variable "runbook_url" {
  description = "Address of docs/operations.md as operators open it; each alarm links <runbook_url>#alarm-<name>."
  type        = string
  default     = "docs/operations.md"
}

variable "alarm_db_free_storage_gib" {
  description = "Free database storage (GiB) below which an alarm is raised."
  type        = number
  default     = 10
}

variable "alarm_db_max_connections" {
  description = "Database connections above which an alarm is raised."
  type        = number
  default     = 400
}

variable "app_alarms" {
  description = "Alarms on the application's own metrics (namespace Loom); turn off until a release publishes them."
  type        = bool
  default     = true
}
