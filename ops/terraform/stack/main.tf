# The whole stage: one root module for every stage; envs/<stage>/terraform.tfvars holds
# what differs (sizes, safety switches, account values). Modules are composed here and
# in data.tf and observability.tf.

locals {
  name = "loom-${var.stage}"

  # The application publishes its operations metrics here (LOOM_METRICS_NAMESPACE), with the
  # dimension Stage = var.stage (LOOM_METRICS_STAGE); the alarms and the instances' IAM
  # policy use the same name.
  metrics_namespace = "Loom"

  tags = {
    Project     = "loom"
    Environment = var.stage
    ManagedBy   = "terraform"
  }
}

module "keys" {
  source = "../modules/keys"

  name = local.name
  purposes = merge(
    {
      rds     = { description = "RDS storage and Performance Insights" }
      secrets = { description = "Secrets Manager secrets" }
      files   = { description = "files bucket (uploads and exports)" }
      logs    = { description = "CloudWatch log groups", logs = true }
      sns     = { description = "alarm topic", service_principals = ["cloudwatch.amazonaws.com"] }
    },
    var.log_search_enabled ? { opensearch = { description = "OpenSearch log domain" } } : {},
  )
  deletion_window_days = var.deletion_protection ? 30 : 7
}

# A key of the backup region for the copy of the automated backups.
module "backup_keys" {
  source = "../modules/keys"
  count  = var.db_backup_region == null ? 0 : 1

  providers = {
    aws = aws.backup
  }

  name                 = local.name
  purposes             = { rds-backups = { description = "copy of the RDS automated backups" } }
  deletion_window_days = var.deletion_protection ? 30 : 7
}

module "network" {
  source = "../modules/network"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  availability_zones      = var.availability_zones
  single_nat_gateway      = var.single_nat_gateway
  admin_cidr_blocks       = var.admin_cidr_blocks
  log_kms_key_arn         = module.keys.arns["logs"]
  flow_log_retention_days = var.log_retention_days
}

module "secrets" {
  source = "../modules/secrets"

  environment          = var.stage
  kms_key_arn          = module.keys.arns["secrets"]
  rotation_versions    = var.secret_rotation_versions
  recovery_window_days = var.deletion_protection ? 30 : 0
}

module "app" {
  source = "../modules/app"

  name                       = local.name
  environment                = var.stage
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
  secrets_kms_key_arn        = module.keys.arns["secrets"]
  database_master_secret_arn = local.database.master_user_secret_arn
  files_bucket_arn           = module.files.arn
  files_prefix               = module.files.prefix
  files_kms_key_arn          = module.keys.arns["files"]
  metrics_namespace          = local.metrics_namespace
  deletion_protection        = var.deletion_protection
}

module "waf" {
  source = "../modules/waf"

  name                      = local.name
  alb_arn                   = module.app.alb_arn
  rate_limit                = var.waf_rate_limit
  rate_limit_window_seconds = var.waf_rate_limit_window_seconds
  managed_rules_mode        = var.waf_managed_rules_mode
  managed_rule_groups       = var.waf_managed_rule_groups
  log_kms_key_arn           = module.keys.arns["logs"]
  log_retention_days        = var.waf_log_retention_days
}
