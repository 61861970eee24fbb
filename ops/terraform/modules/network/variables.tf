variable "name" {
  description = "Prefix for resource names, e.g. loom-production."
  type        = string
}

variable "cidr_block" {
  description = "CIDR block of the VPC. A /16 leaves room for the /24 public and /20 private subnets."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && try(tonumber(split("/", var.cidr_block)[1]) <= 16, false)
    error_message = "cidr_block must be a valid CIDR block of size /16 or larger."
  }
}

variable "availability_zones" {
  description = "Zones to spread the subnets over, e.g. [\"eu-central-1a\", \"eu-central-1b\"]. Changing them replaces subnets."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3
    error_message = "availability_zones must name 2 or 3 zones: RDS Multi-AZ and the load balancer need at least two."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheaper) instead of one per zone (survives a zone outage)."
  type        = bool
  default     = false
}

variable "admin_cidr_blocks" {
  description = "Networks allowed to reach the bastion over SSH."
  type        = list(string)
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key of the flow log group."
  type        = string
}

variable "flow_log_retention_days" {
  description = "Days the VPC flow logs are kept in CloudWatch Logs."
  type        = number
  default     = 90
}
