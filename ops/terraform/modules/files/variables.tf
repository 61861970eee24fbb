variable "name" {
  description = "Prefix for resource names, e.g. loom-production."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the objects."
  type        = string
}

variable "prefix" {
  description = "Key prefix of the application's objects; the expiry applies to it."
  type        = string
  default     = "files/"

  validation {
    condition     = can(regex("^[a-z0-9-]+/$", var.prefix))
    error_message = "prefix must be a lower-case folder name ending in a slash, e.g. files/."
  }
}

variable "expiration_days" {
  description = "Days after which objects under the prefix are deleted."
  type        = number
  default     = 7

  validation {
    condition     = var.expiration_days >= 1
    error_message = "expiration_days must be at least 1."
  }
}

variable "force_destroy" {
  description = "Allow deleting the bucket while it still holds objects."
  type        = bool
  default     = false
}
