variable "name" {
  description = "Prefix for resource names, e.g. loom-production."
  type        = string
}

variable "logstash_host" {
  description = "Host name of the Logstash beats input (or an OpenSearch ingest pipeline in front of it) that receives the logs. Empty: logs stay in journald on the instances."
  type        = string
  default     = ""
}

variable "logstash_port" {
  description = "Port of the Logstash beats input."
  type        = number
  default     = 5044
}

variable "database_identifiers" {
  description = "RDS instance identifiers whose exported logs get a log group with a retention period."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the CloudWatch log groups (database logs)."
  type        = number
  default     = 30
}

variable "access_log_retention_days" {
  description = "Days the load balancer access logs are kept in S3."
  type        = number
  default     = 90
}

variable "force_destroy" {
  description = "Allow deleting the access log bucket while it still holds logs."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key of the CloudWatch log groups."
  type        = string
}
