variable "name" {
  description = "Name of the web ACL and prefix of its metrics, e.g. loom-production."
  type        = string
}

variable "alb_arn" {
  description = "Load balancer the web ACL protects."
  type        = string
}

variable "rate_limit" {
  description = "Requests one client address may send in rate_limit_window_seconds before it is blocked."
  type        = number
  default     = 3000

  validation {
    condition     = var.rate_limit >= 10
    error_message = "rate_limit must be at least 10 (the WAF minimum)."
  }
}

variable "rate_limit_window_seconds" {
  description = "Window of the rate limit: 60, 120, 300 or 600 seconds."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 120, 300, 600], var.rate_limit_window_seconds)
    error_message = "rate_limit_window_seconds must be 60, 120, 300 or 600."
  }
}

variable "managed_rules_mode" {
  description = "block: managed rules block what they match; count: they only record it (for a trial period)."
  type        = string
  default     = "block"

  validation {
    condition     = contains(["block", "count"], var.managed_rules_mode)
    error_message = "managed_rules_mode must be block or count."
  }
}

variable "managed_rule_groups" {
  description = "AWS managed rule groups by rule name: the group, its priority, and rules of it that only count. Null keeps the default."
  nullable    = false
  type = map(object({
    name        = string
    priority    = number
    count_rules = optional(list(string), [])
  }))
  default = {
    common = {
      name     = "AWSManagedRulesCommonRuleSet"
      priority = 10
      # CSV imports and BPMN diagrams are larger than the rule's 8 KB body limit.
      count_rules = ["SizeRestrictions_BODY"]
    }
    known-bad-inputs = { name = "AWSManagedRulesKnownBadInputsRuleSet", priority = 20 }
    ip-reputation    = { name = "AWSManagedRulesAmazonIpReputationList", priority = 30 }
    sql-injection    = { name = "AWSManagedRulesSQLiRuleSet", priority = 40 }
  }

  validation {
    condition     = contains([for g in values(var.managed_rule_groups) : g.name], "AWSManagedRulesKnownBadInputsRuleSet")
    error_message = "managed_rule_groups must keep AWSManagedRulesKnownBadInputsRuleSet (it blocks Log4j lookups among others)."
  }
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key of the WAF log group."
  type        = string
}

variable "log_retention_days" {
  description = "Days the WAF request logs are kept."
  type        = number
  default     = 30
}
