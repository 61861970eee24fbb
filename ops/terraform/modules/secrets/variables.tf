variable "environment" {
  description = "Stage name; secrets are named loom/<environment>/<NAME>."
  type        = string
}

variable "generated_names" {
  description = "Secrets whose value Terraform generates once (64 random letters and digits)."
  type        = list(string)
  default = [
    "LOOM_SECRET_KEY",
    "LOOM_SECURITY_PASSWORD_SALT",
    "LOOM_ADMIN_PASSWORD",
    "DATABASE_PASSWORD",
  ]
}

variable "supplied_names" {
  description = "Secrets whose value an operator sets with the AWS CLI (credentials of outside services)."
  type        = list(string)
  default = [
    "LOOM_SMTP_USERNAME",
    "LOOM_SMTP_PASSWORD",
    "LOOM_SENTRY_DSN",
    "LOOM_WEBAPP_SENTRY_DSN",
  ]
}

variable "rotation_versions" {
  description = "Generated secret name => version. Raising a number writes a new random value on the next apply."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.rotation_versions) : v >= 1])
    error_message = "rotation_versions values start at 1."
  }
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored (0 deletes at once)."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the secret values."
  type        = string
}
