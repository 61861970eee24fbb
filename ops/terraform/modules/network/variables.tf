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

variable "az_count" {
  description = "Number of availability zones to spread the subnets over."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3: RDS Multi-AZ and the load balancer need at least two zones."
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
