variable "name" {
  description = "Prefix for resource names, e.g. loom-production."
  type        = string
}

variable "environment" {
  description = "Stage name (development or production); selects the Ansible inventory at boot."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the instances and the load balancer."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the load balancer and the bastion."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the autoscaling groups."
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer."
  type        = string
}

variable "app_security_group_id" {
  description = "Security group of the instances."
  type        = string
}

variable "bastion_security_group_id" {
  description = "Security group of the bastion."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for the public host name, in the same region."
  type        = string

  validation {
    condition     = can(regex("^arn:aws:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "fleets" {
  description = <<-EOT
    Autoscaling groups by name. processes lists what the instances run: web (gunicorn behind
    nginx, registered with the load balancer), worker (Celery worker), beat (Celery beat, which
    must run exactly once: a fleet with beat needs max_size = 1). cpu_target adds target
    tracking on average CPU.
  EOT
  type = map(object({
    instance_type    = string
    min_size         = number
    max_size         = number
    desired_capacity = number
    processes        = list(string)
    cpu_target       = optional(number)
  }))

  validation {
    condition = alltrue([
      for f in values(var.fleets) : length(setsubtract(f.processes, ["web", "worker", "beat"])) == 0
    ])
    error_message = "processes may only contain web, worker and beat."
  }

  validation {
    condition     = alltrue([for f in values(var.fleets) : !contains(f.processes, "beat") || f.max_size == 1])
    error_message = "A fleet running beat must have max_size = 1: two schedulers would send every periodic task twice."
  }

  validation {
    condition     = length([for f in values(var.fleets) : f if contains(f.processes, "beat")]) == 1
    error_message = "Exactly one fleet must run beat (it also runs the database migrations)."
  }

  validation {
    condition     = length([for f in values(var.fleets) : f if contains(f.processes, "web")]) >= 1
    error_message = "At least one fleet must run web."
  }
}

variable "ami_id" {
  description = "AMI for all instances. Null: the newest official Debian 12 (amd64) image."
  type        = string
  default     = null
}

variable "ssh_key_name" {
  description = "EC2 key pair installed for the admin user (first access; Ansible then adds the operators' own keys)."
  type        = string
  default     = null
}

variable "root_volume_size" {
  description = "Root volume of the instances in GiB."
  type        = number
  default     = 20
}

variable "bastion_instance_type" {
  description = "Instance type of the bastion."
  type        = string
  default     = "t3.nano"
}

variable "health_check_path" {
  description = "Path the load balancer checks on nginx; nginx answers 503 while the host is drained for a deploy."
  type        = string
  default     = "/lb-health"
}

variable "access_logs_bucket" {
  description = "Bucket for the load balancer access logs; empty disables them."
  type        = string
  default     = ""
}

variable "secret_arns" {
  description = "Secrets the instances may read (the application's LOOM_ secrets)."
  type        = list(string)
}

variable "database_master_secret_arn" {
  description = "RDS-managed master secret; only the fleet running beat may read it (it creates the application role during deploys)."
  type        = string
}

variable "deletion_protection" {
  description = "Protect the load balancer and keep the artifacts bucket when destroying."
  type        = bool
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed key of the application secrets; the instances decrypt through Secrets Manager."
  type        = string
}

variable "files_bucket_arn" {
  description = "Bucket of the shared file storage (CSV uploads, exports)."
  type        = string
}

variable "files_prefix" {
  description = "Key prefix the application reads and writes in the files bucket."
  type        = string
  default     = "files/"
}

variable "files_kms_key_arn" {
  description = "Customer-managed key of the files bucket."
  type        = string
}

variable "metrics_namespace" {
  description = "CloudWatch namespace the application may publish metrics to."
  type        = string
  default     = "Loom"
}
