# The address filebeat sends to: <logstash_host_name>:<logstash_port> (and the application
# to logstash_app_port), TLS with a public ACM certificate, reachable only from the
# instances' security group.

locals {
  logstash_ports = { beats = var.logstash_port, app = var.logstash_app_port }
}

resource "aws_lb" "logstash" {
  # checkov:skip=CKV_AWS_91:Connection logs of the internal log pipeline would only log the logging.
  name                             = substr("${var.name}-logstash", 0, 32)
  load_balancer_type               = "network"
  internal                         = true
  subnets                          = var.subnet_ids
  security_groups                  = [aws_security_group.logstash_endpoint.id]
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = var.deletion_protection
}

resource "aws_lb_target_group" "logstash" {
  for_each = local.logstash_ports

  name                 = substr("${var.name}-logstash-${each.key}", 0, 32)
  vpc_id               = var.vpc_id
  target_type          = "ip"
  port                 = each.value
  protocol             = "TCP"
  deregistration_delay = 30

  health_check {
    protocol            = "TCP"
    interval            = 10
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_lb_listener" "logstash" {
  for_each = local.logstash_ports

  load_balancer_arn = aws_lb.logstash.arn
  port              = each.value
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.logstash_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.logstash[each.key].arn
  }
}

# A private zone for exactly this name: inside the VPC it resolves to the load balancer,
# whatever the public DNS of the parent domain says.
resource "aws_route53_zone" "logstash" {
  # checkov:skip=CKV2_AWS_38:DNSSEC signing is not available for private hosted zones.
  # checkov:skip=CKV2_AWS_39:One alias record inside the VPC; query logs would add nothing.
  name          = var.logstash_host_name
  comment       = "Logstash endpoint of ${var.name}"
  force_destroy = true

  vpc {
    vpc_id = var.vpc_id
  }
}

resource "aws_route53_record" "logstash" {
  zone_id = aws_route53_zone.logstash.zone_id
  name    = var.logstash_host_name
  type    = "A"

  alias {
    name                   = aws_lb.logstash.dns_name
    zone_id                = aws_lb.logstash.zone_id
    evaluate_target_health = true
  }
}
