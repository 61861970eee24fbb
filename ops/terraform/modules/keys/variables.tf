variable "name" {
  description = "Prefix for key aliases, e.g. loom-production: alias/loom-production-<purpose>."
  type        = string
}

variable "purposes" {
  description = <<-EOT
    Customer-managed keys to create, by purpose. service_principals may use the key through
    the service (encrypt, decrypt, generate data keys); logs = true lets CloudWatch Logs of
    this region encrypt log groups of this account with it.
  EOT
  type = map(object({
    description        = string
    service_principals = optional(list(string), [])
    logs               = optional(bool, false)
  }))
}

variable "deletion_window_days" {
  description = "Days a scheduled key deletion can still be cancelled (7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_days >= 7 && var.deletion_window_days <= 30
    error_message = "deletion_window_days must be between 7 and 30."
  }
}
