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

output "secrets_to_supply" {
  description = "Secrets an operator sets before the first deploy (aws secretsmanager put-secret-value)."
  value       = [for name in module.secrets.supplied_names : "${module.secrets.prefix}/${name}"]
}

# Read by ops/ansible/bin/terraform-vars into inventories/<env>/group_vars/all/terraform.json.
output "ansible_vars" {
  description = "Everything Ansible needs to know about this environment (no secret values)."
  value = {
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
    loom_logstash_host        = module.logging.logstash_host
    loom_logstash_port        = module.logging.logstash_port
  }
}
