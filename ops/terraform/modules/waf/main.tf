# Web ACL in front of the load balancer: a per-address rate limit, then AWS's managed rule
# groups (common exploits, known bad inputs, addresses with a bad reputation, SQL
# injection). Rules named in a group's count_rules only count; the common group's body size
# rule counts by default because CSV and BPMN uploads are larger than its 8 KB limit.

resource "aws_wafv2_web_acl" "this" {
  # checkov:skip=CKV_AWS_192:AWSManagedRulesKnownBadInputsRuleSet (which blocks Log4j lookups) comes from managed_rule_groups, whose validation requires it; checkov cannot read dynamic blocks.
  name        = var.name
  description = "Loom ${var.name}: rate limit and AWS managed rules"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-address"
    priority = 1

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit
        evaluation_window_sec = var.rate_limit_window_seconds
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = var.managed_rule_groups

    content {
      name     = rule.key
      priority = rule.value.priority

      # "none" keeps each rule's own action (block); "count" only records matches.
      override_action {
        dynamic "none" {
          for_each = var.managed_rules_mode == "block" ? [1] : []
          content {}
        }

        dynamic "count" {
          for_each = var.managed_rules_mode == "count" ? [1] : []
          content {}
        }
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.name

          dynamic "rule_action_override" {
            for_each = rule.value.count_rules

            content {
              name = rule_action_override.value

              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = var.alb_arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}
