# Logs (CloudWatch groups, load balancer access logs, OpenSearch with Logstash) and alarms.

module "logging" {
  source = "../modules/logging"

  name                      = local.name
  logstash_host             = var.logstash_host
  logstash_port             = var.logstash_port
  database_identifiers      = values(local.database_identifiers)
  kms_key_arn               = module.keys.arns["logs"]
  log_retention_days        = var.log_retention_days
  access_log_retention_days = var.log_retention_days
  force_destroy             = !var.deletion_protection
}

module "log_search" {
  source = "../modules/log_search"
  count  = var.log_search_enabled ? 1 : 0

  name                        = local.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.private_subnet_ids
  client_security_group_ids   = { app = module.network.app_security_group_id }
  operator_security_group_ids = { bastion = module.network.bastion_security_group_id }
  kms_key_arn                 = module.keys.arns["opensearch"]
  log_kms_key_arn             = module.keys.arns["logs"]
  log_retention_days          = var.log_retention_days
  instance_type               = var.log_search_instance_type
  instance_count              = var.log_search_instance_count
  dedicated_master_count      = var.log_search_dedicated_master_count
  volume_size                 = var.log_search_volume_size
  deletion_protection         = var.deletion_protection
  logstash_host_name          = var.logstash_host_name
  logstash_certificate_arn    = coalesce(var.logstash_certificate_arn, var.certificate_arn)
  logstash_count              = var.logstash_count
}

module "alarms" {
  source = "../modules/alarms"

  name                       = local.name
  stage                      = var.stage
  kms_key_arn                = module.keys.arns["sns"]
  email_addresses            = var.alarm_email_addresses
  endpoints                  = var.alarm_endpoints
  runbook_url                = var.runbook_url
  alb_arn_suffix             = module.app.alb_arn_suffix
  target_group_arn_suffix    = module.app.target_group_arn_suffix
  db_identifier              = local.database.identifier
  db_free_storage_gib        = var.alarm_db_free_storage_gib
  db_max_connections         = var.alarm_db_max_connections
  cache_replication_group_id = module.cache.replication_group_id
  cache_node_count           = var.cache_node_count
  app_alarms                 = var.app_alarms
  app_namespace              = local.metrics_namespace
}
