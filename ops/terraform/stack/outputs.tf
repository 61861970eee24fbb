output "alb_dns_name" {
  description = "Point the public host name here."
  value       = module.app.alb_dns_name
}

output "bastion_public_ip" {
  description = "SSH entry point."
  value       = module.app.bastion_public_ip
}

output "autoscaling_group_names" {
  description = "Autoscaling group by fleet."
  value       = module.app.autoscaling_group_names
}

output "database_identifiers" {
  description = "RDS instance identifier by slot."
  value       = { for slot, db in module.database : slot => db.identifier }
}

output "database_latest_restorable_time" {
  description = "Latest point-in-time recovery target of the active database."
  value       = local.database.latest_restorable_time
}

output "database_backup_region" {
  description = "Region holding the copy of the automated backups (null: none)."
  value       = var.db_backup_region
}

output "database_backup_replication_arns" {
  description = "ARN of each slot's automated backups in the backup region (restore-db-instance-to-point-in-time --source-db-instance-automated-backups-arn)."
  value       = { for slot, db in module.database : slot => db.backup_replication_arn }
}

output "secrets_to_supply" {
  description = "Secrets an operator sets before the first deploy (aws secretsmanager put-secret-value)."
  value       = [for name in module.secrets.supplied_names : "${module.secrets.prefix}/${name}"]
}

output "files_bucket" {
  description = "Bucket of the shared file storage: LOOM_STORAGE_S3_BUCKET."
  value       = module.files.bucket
}

output "files_region" {
  description = "Region of the files bucket: LOOM_STORAGE_S3_REGION."
  value       = module.files.region
}

output "alarm_topic_arn" {
  description = "SNS topic of the stage's alarms."
  value       = module.alarms.topic_arn
}

output "alarm_names" {
  description = "Every CloudWatch alarm of the stage."
  value       = module.alarms.alarm_names
}

output "web_acl_arn" {
  description = "WAF web ACL in front of the load balancer."
  value       = module.waf.web_acl_arn
}

output "log_search" {
  description = "OpenSearch Dashboards address, the operators' user pool and the role Logstash writes with (null without log search)."
  value = var.log_search_enabled ? {
    dashboards_url         = module.log_search[0].dashboards_url
    domain_endpoint        = module.log_search[0].domain_endpoint
    operators_user_pool_id = module.log_search[0].operators_user_pool_id
    logstash_role_arn      = module.log_search[0].logstash_role_arn
  } : null
}

# Read by ops/ansible/bin/terraform-vars into inventories/<stage>/group_vars/all/terraform.json.
output "ansible_vars" {
  description = "Everything Ansible needs to know about this stage (no secret values)."
  value = merge({
    loom_aws_region           = var.aws_region
    loom_bastion_host         = module.app.bastion_public_ip
    loom_artifacts_bucket     = module.app.artifacts_bucket
    loom_release_parameter    = module.app.release_parameter
    loom_secret_prefix        = module.secrets.prefix
    loom_vpc_cidr             = module.network.vpc_cidr_block
    loom_db_host              = local.database.address
    loom_db_port              = local.database.port
    loom_db_name              = coalesce(local.database.db_name, "loom")
    loom_db_master_user       = local.database.master_username
    loom_db_master_secret_arn = local.database.master_user_secret_arn
    loom_redis_host           = module.cache.address
    loom_redis_port           = module.cache.port
    loom_logstash_host        = var.log_search_enabled ? module.log_search[0].logstash_host : module.logging.logstash_host
    loom_logstash_port        = var.log_search_enabled ? module.log_search[0].logstash_port : module.logging.logstash_port
    loom_storage_backend      = "s3"
    loom_storage_s3_bucket    = module.files.bucket
    loom_storage_s3_region    = module.files.region
    loom_storage_s3_prefix    = module.files.prefix
    # The app asks for this key on every write (LOOM_STORAGE_S3_KMS_KEY_ID); without it, SSE-S3.
    loom_storage_s3_kms_key_id = module.keys.arns["files"]
    loom_metrics_namespace     = local.metrics_namespace
    loom_metrics_stage         = var.stage
    loom_metrics_region        = var.aws_region
    },
    # The application's own log handler (loom_logstash_direct) sends here; without log
    # search the role's default port stays.
    var.log_search_enabled ? { loom_logstash_app_port = module.log_search[0].logstash_app_port } : {},
  )
}
