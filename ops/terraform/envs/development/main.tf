locals {
  environment = "development"
  name        = "loom-${local.environment}"

  database_identifiers = { for slot in keys(var.database_slots) : slot => "${local.name}-${slot}" }
  database             = module.database[var.active_database_slot]
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  cidr_block         = var.vpc_cidr
  az_count           = 2
  single_nat_gateway = var.single_nat_gateway
  admin_cidr_blocks  = var.admin_cidr_blocks
}

module "logging" {
  source = "../../modules/logging"

  name                      = local.name
  logstash_host             = var.logstash_host
  logstash_port             = var.logstash_port
  database_identifiers      = values(local.database_identifiers)
  log_retention_days        = var.log_retention_days
  access_log_retention_days = var.log_retention_days
  force_destroy             = !var.deletion_protection
}

module "secrets" {
  source = "../../modules/secrets"

  environment          = local.environment
  rotation_versions    = var.secret_rotation_versions
  recovery_window_days = var.deletion_protection ? 30 : 0
}

# One instance per slot; the application uses the active slot. A second slot is how a
# point-in-time recovery is brought in (docs/operations.md, "Restore to a point in time").
module "database" {
  source   = "../../modules/database"
  for_each = var.database_slots

  identifier            = local.database_identifiers[each.key]
  subnet_ids            = module.network.private_subnet_ids
  security_group_ids    = [module.network.database_security_group_id]
  instance_class        = var.db_instance_class
  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  multi_az              = var.db_multi_az
  backup_retention_days = var.db_backup_retention_days
  performance_insights  = var.db_performance_insights
  apply_immediately     = var.db_apply_immediately
  deletion_protection   = coalesce(each.value.deletion_protection, var.deletion_protection)

  restore = each.value.restore_source_identifier == null ? null : {
    source_identifier = each.value.restore_source_identifier
    restore_time      = each.value.restore_time
  }

  # The log groups must exist before RDS exports to them.
  depends_on = [module.logging]
}

module "cache" {
  source = "../../modules/cache"

  name                    = local.name
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.cache_security_group_id]
  node_type               = var.cache_node_type
  node_count              = var.cache_node_count
  snapshot_retention_days = var.cache_snapshot_retention_days
}

module "app" {
  source = "../../modules/app"

  name                       = local.name
  environment                = local.environment
  vpc_id                     = module.network.vpc_id
  public_subnet_ids          = module.network.public_subnet_ids
  private_subnet_ids         = module.network.private_subnet_ids
  alb_security_group_id      = module.network.alb_security_group_id
  app_security_group_id      = module.network.app_security_group_id
  bastion_security_group_id  = module.network.bastion_security_group_id
  certificate_arn            = var.certificate_arn
  fleets                     = var.fleets
  ami_id                     = var.ami_id
  ssh_key_name               = var.ssh_key_name
  access_logs_bucket         = module.logging.alb_logs_bucket
  secret_arns                = module.secrets.secret_arns
  database_master_secret_arn = local.database.master_user_secret_arn
  deletion_protection        = var.deletion_protection
}
