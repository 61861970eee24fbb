resource "aws_lb" "web" {
  # checkov:skip=CKV2_AWS_28:modules/waf associates the stage's web ACL with this load balancer (stack/main.tf).
  name                       = substr("${var.name}-web", 0, 32)
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [var.alb_security_group_id]
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = 60

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == "" ? [] : [var.access_logs_bucket]

    content {
      bucket  = access_logs.value
      prefix  = "alb"
      enabled = true
    }
  }
}

# The load balancer talks TLS to nginx too (nginx's certificate is self-signed; the load
# balancer does not verify target certificates). Deploys rely on the health check timing:
# a drained host is out after 2 x 10 s, a restarted one back in after 2 x 10 s.
resource "aws_lb_target_group" "web" {
  name                 = substr("${var.name}-web", 0, 32)
  vpc_id               = var.vpc_id
  target_type          = "instance"
  port                 = 443
  protocol             = "HTTPS"
  deregistration_delay = 30

  health_check {
    path                = var.health_check_path
    protocol            = "HTTPS"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}
