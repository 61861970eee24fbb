# instances -> endpoint (TLS, logstash_port and logstash_app_port) -> Logstash (same ports)
# -> domain (443);
# operators' tunnels through the bastion -> domain (443, Dashboards).

resource "aws_security_group" "logstash_endpoint" {
  name        = "${var.name}-logstash-endpoint"
  description = "Logstash load balancer: logs over TLS from the Loom instances"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-logstash-endpoint" }
}

resource "aws_security_group" "logstash" {
  name        = "${var.name}-logstash"
  description = "Logstash tasks: logs from their load balancer"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-logstash" }
}

resource "aws_security_group" "domain" {
  name        = "${var.name}-logs-domain"
  description = "OpenSearch domain: HTTPS from Logstash and the bastion"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-logs-domain" }
}

locals {
  # Every (client group, input) pair the endpoint admits.
  endpoint_clients = merge([
    for client, group_id in var.client_security_group_ids : {
      for input, port in local.logstash_ports : "${client}-${input}" => { group_id = group_id, port = port }
    }
  ]...)
}

resource "aws_vpc_security_group_ingress_rule" "endpoint_from_clients" {
  for_each = local.endpoint_clients

  security_group_id            = aws_security_group.logstash_endpoint.id
  description                  = "Logs over TLS from the instances"
  referenced_security_group_id = each.value.group_id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "endpoint_to_logstash" {
  for_each = local.logstash_ports

  security_group_id            = aws_security_group.logstash_endpoint.id
  description                  = "Logs to the Logstash tasks"
  referenced_security_group_id = aws_security_group.logstash.id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
}

resource "aws_vpc_security_group_ingress_rule" "logstash_from_endpoint" {
  for_each = local.logstash_ports

  security_group_id            = aws_security_group.logstash.id
  description                  = "Logs and health checks from the load balancer"
  referenced_security_group_id = aws_security_group.logstash_endpoint.id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
}

# The domain, the image registry and the AWS APIs (credentials, logs) all answer on 443.
resource "aws_vpc_security_group_egress_rule" "logstash_https" {
  security_group_id = aws_security_group.logstash.id
  description       = "HTTPS to the domain, the image registry and AWS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "domain_from_logstash" {
  security_group_id            = aws_security_group.domain.id
  description                  = "HTTPS from Logstash"
  referenced_security_group_id = aws_security_group.logstash.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_vpc_security_group_ingress_rule" "domain_from_operators" {
  for_each = var.operator_security_group_ids

  security_group_id            = aws_security_group.domain.id
  description                  = "HTTPS from operators' tunnels (Dashboards)"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}
