# Where the stage keeps data: PostgreSQL, Redis and the files bucket.

locals {
  database_identifiers = { for slot in keys(var.database_slots) : slot => "${local.name}-${slot}" }
  database             = module.database[var.active_database_slot]
}

# One instance per slot; the application uses the active slot. A second slot is how a
# point-in-time recovery is brought in (docs/operations.md, "Restore to a point in time").
module "database" {
  source   = "../modules/database"
  for_each = var.database_slots

  providers = {
    aws        = aws
    aws.backup = aws.backup
  }

  identifier            = local.database_identifiers[each.key]
  subnet_ids            = module.network.private_subnet_ids
  security_group_ids    = [module.network.database_security_group_id]
  instance_class        = var.db_instance_class
  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  multi_az              = var.db_multi_az
  backup_retention_days = var.db_backup_retention_days
  performance_insights  = var.db_performance_insights
  monitoring_interval   = var.db_monitoring_interval
  apply_immediately     = var.db_apply_immediately
  deletion_protection   = coalesce(each.value.deletion_protection, var.deletion_protection)
  kms_key_arn           = each.value.aws_managed_key ? null : module.keys.arns["rds"]
  secrets_kms_key_arn   = module.keys.arns["secrets"]

  backup_replication = var.db_backup_region == null ? null : {
    kms_key_arn    = module.backup_keys[0].arns["rds-backups"]
    retention_days = var.db_backup_replication_retention_days
  }

  restore = each.value.restore_source_identifier == null ? null : {
    source_identifier = each.value.restore_source_identifier
    restore_time      = each.value.restore_time
  }

  # The log groups must exist before RDS exports to them.
  depends_on = [module.logging]
}

module "cache" {
  source = "../modules/cache"

  name                    = local.name
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.cache_security_group_id]
  node_type               = var.cache_node_type
  node_count              = var.cache_node_count
  snapshot_retention_days = var.cache_snapshot_retention_days
}

module "files" {
  source = "../modules/files"

  name            = local.name
  kms_key_arn     = module.keys.arns["files"]
  expiration_days = var.files_expiration_days
  force_destroy   = !var.deletion_protection
}
