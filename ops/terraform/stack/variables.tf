# Defaults are the production values; envs/<stage>/terraform.tfvars sets the stage, the
# account's values and whatever differs (development is smaller and less protected).

variable "stage" {
  description = "Stage name: development or production. Names every resource (loom-<stage>-...)."
  type        = string

  validation {
    condition     = contains(["development", "production"], var.stage)
    error_message = "stage must be development or production."
  }
}

variable "aws_region" {
  description = "AWS region of the stage."
  type        = string
  default     = "eu-central-1"
}

variable "availability_zones" {
  description = "Two (or three) zones of aws_region for the subnets; the first two are where the stage has run so far."
  type        = list(string)
  default     = ["eu-central-1a", "eu-central-1b"]
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.20.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
  type        = bool
  default     = false
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
  description = "Protect the database, the load balancers and the buckets against deletion."
  type        = bool
  default     = true
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
    web       = { instance_type = "m7i.large", min_size = 2, max_size = 8, desired_capacity = 2, processes = ["web"], cpu_target = 60 }
    worker    = { instance_type = "m7i.large", min_size = 2, max_size = 8, desired_capacity = 2, processes = ["worker"], cpu_target = 70 }
    scheduler = { instance_type = "t3.small", min_size = 1, max_size = 1, desired_capacity = 1, processes = ["beat"] }
  }
}

variable "secret_rotation_versions" {
  description = "Generated secret name => version; raise a number to rotate that secret."
  type        = map(number)
  default     = {}
}

variable "waf_rate_limit" {
  description = "Requests one client address may send per waf_rate_limit_window_seconds before the web ACL blocks it."
  type        = number
  default     = 3000
}

variable "waf_rate_limit_window_seconds" {
  description = "Window of the WAF rate limit (60, 120, 300 or 600 seconds)."
  type        = number
  default     = 300
}

variable "waf_managed_rules_mode" {
  description = "block: the AWS managed rules block what they match; count: they only record it (a trial period)."
  type        = string
  default     = "block"
}

variable "waf_managed_rule_groups" {
  description = "AWS managed rule groups of the web ACL with the rules that only count (see modules/waf); null keeps the module's list."
  type = map(object({
    name        = string
    priority    = number
    count_rules = optional(list(string), [])
  }))
  default = null
}

variable "waf_log_retention_days" {
  description = "Days the WAF request logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}
