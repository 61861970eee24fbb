resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_elasticache_parameter_group" "this" {
  name   = var.name
  family = "redis${split(".", var.engine_version)[0]}"

  # Redis is the Celery broker: evicting keys would silently drop queued tasks.
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV_AWS_31:No AUTH token: ElastiCache takes it only as a plain argument, which would put it in the state; TLS and the security group (instances only) guard the broker.
  # checkov:skip=CKV_AWS_191:The broker holds queued task messages, not business data (the outbox is in PostgreSQL); changing the key would replace the group and drop the queue.
  # checkov:skip=CKV2_AWS_50:Failover needs two nodes; node_count decides (2 in production, 1 in development to save cost).
  replication_group_id = var.name
  description          = "Loom Celery broker and cache (${var.name})"

  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.node_count
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.this.name
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  security_group_ids   = var.security_group_ids

  automatic_failover_enabled = var.node_count > 1
  multi_az_enabled           = var.node_count > 1

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true

  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = "01:00-02:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  auto_minor_version_upgrade = true
  apply_immediately          = var.apply_immediately
}
