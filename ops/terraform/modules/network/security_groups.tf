# The VPC's default group gets no rules at all: anything launched without a group of its
# own can neither receive nor send traffic.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-default-unused" }
}

# One security group per tier. Each tier accepts traffic only from the tier in front of it:
# internet -> alb -> app -> database / cache; operators -> bastion -> app / database.

resource "aws_security_group" "alb" {
  # checkov:skip=CKV2_AWS_5:Attached in modules/app (load balancer); checkov does not follow module outputs.
  name        = "${var.name}-alb"
  description = "Load balancer: HTTPS from the internet"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-alb" }
}

resource "aws_security_group" "app" {
  # checkov:skip=CKV2_AWS_5:Attached in modules/app (launch templates); checkov does not follow module outputs.
  name        = "${var.name}-app"
  description = "Loom instances: HTTPS from the load balancer, SSH from the bastion"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-app" }
}

resource "aws_security_group" "bastion" {
  # checkov:skip=CKV2_AWS_5:Attached in modules/app (bastion); checkov does not follow module outputs.
  name        = "${var.name}-bastion"
  description = "Bastion: SSH from the operators' networks"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-bastion" }
}

resource "aws_security_group" "database" {
  # checkov:skip=CKV2_AWS_5:Attached in modules/database; checkov does not follow module outputs.
  name        = "${var.name}-database"
  description = "PostgreSQL: from the Loom instances and the bastion"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-database" }
}

resource "aws_security_group" "cache" {
  # checkov:skip=CKV2_AWS_5:Attached in modules/cache; checkov does not follow module outputs.
  name        = "${var.name}-cache"
  description = "Redis: from the Loom instances"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-cache" }
}

# Load balancer
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  # checkov:skip=CKV_AWS_260:Port 80 only answers with a redirect to HTTPS (modules/app, listener "http").
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from anywhere, redirected to HTTPS"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTPS to nginx on the web instances"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

# Instances
resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "HTTPS from the load balancer"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_vpc_security_group_ingress_rule" "app_ssh_from_bastion" {
  # checkov:skip=CKV_AWS_24:The source is the bastion's security group, not 0.0.0.0/0.
  security_group_id            = aws_security_group.app.id
  description                  = "SSH from the bastion (Ansible)"
  referenced_security_group_id = aws_security_group.bastion.id
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
}

# Package mirrors, AWS APIs, SMTP, Sentry and Logstash are outside the VPC.
resource "aws_vpc_security_group_egress_rule" "app_all" {
  security_group_id = aws_security_group.app.id
  description       = "All outbound traffic"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Bastion
resource "aws_vpc_security_group_ingress_rule" "bastion_ssh" {
  for_each = toset(var.admin_cidr_blocks)

  security_group_id = aws_security_group.bastion.id
  description       = "SSH from an operators' network"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

resource "aws_vpc_security_group_egress_rule" "bastion_all" {
  security_group_id = aws_security_group.bastion.id
  description       = "All outbound traffic (SSH hops, database tunnels, package updates)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Database
resource "aws_vpc_security_group_ingress_rule" "database_from_app" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the Loom instances"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_ingress_rule" "database_from_bastion" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL through an operator's SSH tunnel"
  referenced_security_group_id = aws_security_group.bastion.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# Cache
resource "aws_vpc_security_group_ingress_rule" "cache_from_app" {
  security_group_id            = aws_security_group.cache.id
  description                  = "Redis from the Loom instances"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}
