locals {
  major_version = split(".", var.engine_version)[0]
}

resource "aws_db_subnet_group" "this" {
  name        = var.identifier
  description = "Private subnets of ${var.identifier}"
  subnet_ids  = var.subnet_ids
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.identifier}-"
  family      = "postgres${local.major_version}"
  description = "Loom settings for ${var.identifier}"

  # Only TLS connections.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Slow statements and lock waits show up in the PostgreSQL log (exported to CloudWatch).
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  parameter {
    name  = "log_lock_waits"
    value = "1"
  }

  parameter {
    name  = "log_autovacuum_min_duration"
    value = "10000"
  }

  # A session left idle inside a transaction holds locks and blocks vacuum.
  parameter {
    name  = "idle_in_transaction_session_timeout"
    value = "300000"
  }

  parameter {
    name         = "shared_preload_libraries"
    value        = "pg_stat_statements"
    apply_method = "pending-reboot"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_293:deletion_protection is a setting: true in production, false in development so that it can be rebuilt.
  identifier     = var.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  # A restored instance inherits the database and the master user of its source.
  db_name                     = var.restore == null ? var.db_name : null
  username                    = var.restore == null ? var.master_username : null
  manage_master_user_password = true

  # The master secret and the storage use the stage's customer-managed keys. A restored
  # instance keeps the key of its source (RDS takes no key for a point-in-time restore), and
  # a null kms_key_arn keeps an instance created before the customer-managed key on the
  # AWS-managed one: changing the key of an existing instance would replace it.
  master_user_secret_kms_key_id = var.secrets_kms_key_arn

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.restore == null ? var.kms_key_arn : null

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.security_group_ids
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = var.multi_az
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  # Operators may sign in with IAM tokens instead of the master password (the application
  # keeps its own role and password).
  iam_database_authentication_enabled = true

  # Automated backups: a daily snapshot plus the transaction log, which together allow
  # point-in-time recovery to any second of the retention window.
  backup_retention_period  = var.backup_retention_days
  backup_window            = var.backup_window
  copy_tags_to_snapshot    = true
  delete_automated_backups = false

  maintenance_window          = var.maintenance_window
  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  apply_immediately           = var.apply_immediately

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = "${var.identifier}-final"

  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  performance_insights_enabled          = var.performance_insights
  performance_insights_retention_period = var.performance_insights ? 7 : null
  performance_insights_kms_key_id       = var.performance_insights ? var.kms_key_arn : null

  # Enhanced monitoring: per-process CPU and memory, every monitoring_interval seconds.
  monitoring_interval = var.monitoring_interval
  monitoring_role_arn = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null

  dynamic "restore_to_point_in_time" {
    for_each = var.restore == null ? [] : [var.restore]

    content {
      source_db_instance_identifier = restore_to_point_in_time.value.source_identifier
      restore_time                  = restore_to_point_in_time.value.restore_time
      use_latest_restorable_time    = restore_to_point_in_time.value.restore_time == null ? true : null
    }
  }

  # RDS checks the monitoring role's permissions when it is set.
  depends_on = [aws_iam_role_policy_attachment.monitoring]
}
