variable "name" {
  description = "Prefix for resource names, e.g. loom-production (the domain is <name>-logs, at most 28 characters)."
  type        = string

  validation {
    condition     = length(var.name) <= 23
    error_message = "name must be at most 23 characters: OpenSearch domain names (<name>-logs) are limited to 28."
  }
}

variable "vpc_id" {
  description = "VPC of the domain, Logstash and its load balancer."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, one per zone (the domain uses the first two, or the first one with a single node)."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups (by a fixed key) allowed to send beats to the Logstash endpoint."
  type        = map(string)
}

variable "operator_security_group_ids" {
  description = "Security groups (by a fixed key) allowed to reach the domain on 443 (the bastion, for Dashboards)."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key of the domain's storage."
  type        = string
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key of the CloudWatch log groups."
  type        = string
}

variable "log_retention_days" {
  description = "Days the domain's own logs (audit, slow, application) and Logstash's output are kept in CloudWatch Logs."
  type        = number
  default     = 90
}

variable "engine_version" {
  description = "OpenSearch version of the domain."
  type        = string
  default     = "OpenSearch_2.17"
}

variable "instance_type" {
  description = "Instance type of the data nodes."
  type        = string
}

variable "instance_count" {
  description = "Data nodes; two or more spread over two zones."
  type        = number

  validation {
    condition     = var.instance_count == 1 || var.instance_count % 2 == 0
    error_message = "instance_count must be 1 or an even number (two zones)."
  }
}

variable "dedicated_master_count" {
  description = "Dedicated master nodes (0 or 3). Production clusters should have three."
  type        = number
  default     = 0

  validation {
    condition     = contains([0, 3], var.dedicated_master_count)
    error_message = "dedicated_master_count must be 0 or 3."
  }
}

variable "dedicated_master_type" {
  description = "Instance type of the dedicated master nodes."
  type        = string
  default     = "m7g.large.search"
}

variable "volume_size" {
  description = "EBS storage of each data node in GiB."
  type        = number
}

variable "deletion_protection" {
  description = "Protect the load balancer and the operators' user pool against deletion."
  type        = bool
}

variable "logstash_host_name" {
  description = "DNS name filebeat connects to (a private zone in the VPC points it at the load balancer); logstash_certificate_arn must cover it."
  type        = string
}

variable "logstash_certificate_arn" {
  description = "ACM certificate of logstash_host_name, in the stage's region."
  type        = string
}

variable "logstash_port" {
  description = "Port of the beats input, on the load balancer (TLS) and on the tasks."
  type        = number
  default     = 5044
}

variable "logstash_app_port" {
  description = "Port of the JSON-lines input for the application's own log handler (loom_logstash_direct), on the load balancer (TLS) and on the tasks."
  type        = number
  default     = 5959
}

variable "logstash_image" {
  description = "Container image of Logstash with the OpenSearch output plugin."
  type        = string
  default     = "opensearchproject/logstash-oss-with-opensearch-output-plugin:8.9.0"
}

variable "logstash_count" {
  description = "Logstash tasks behind the load balancer."
  type        = number
  default     = 2
}

variable "logstash_cpu" {
  description = "CPU units of a Logstash task (1024 = 1 vCPU)."
  type        = number
  default     = 1024
}

variable "logstash_memory" {
  description = "Memory of a Logstash task in MiB; half of it is the JVM heap."
  type        = number
  default     = 2048
}
