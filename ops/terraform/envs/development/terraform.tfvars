# The development stage: small, single zone where that is cheaper, no deletion protection.
# Values not set here are production's defaults (stack/variables*.tf). No secrets here.
# Replace every REPLACE-ME before the first plan.

stage = "development"

certificate_arn   = "arn:aws:acm:eu-central-1:000000000000:certificate/REPLACE-ME"
admin_cidr_blocks = ["203.0.113.0/24"] # REPLACE-ME: the operators' office or VPN egress
ssh_key_name      = "loom-development" # REPLACE-ME: an EC2 key pair in this region

vpc_cidr            = "10.10.0.0/16"
single_nat_gateway  = true
deletion_protection = false

fleets = {
  web       = { instance_type = "t3.small", min_size = 1, max_size = 2, desired_capacity = 1, processes = ["web"], cpu_target = 70 }
  worker    = { instance_type = "t3.small", min_size = 1, max_size = 2, desired_capacity = 1, processes = ["worker"], cpu_target = 80 }
  scheduler = { instance_type = "t3.small", min_size = 1, max_size = 1, desired_capacity = 1, processes = ["beat"] }
}

db_instance_class                    = "db.t4g.small"
db_allocated_storage                 = 20
db_max_allocated_storage             = 100
db_multi_az                          = false
db_backup_retention_days             = 7
db_backup_replication_retention_days = 7
db_performance_insights              = false
db_monitoring_interval               = 60

cache_node_type               = "cache.t4g.micro"
cache_node_count              = 1
cache_snapshot_retention_days = 1

log_retention_days     = 14
waf_log_retention_days = 14

logstash_host_name                = "logs.dev.loom.example.com" # REPLACE-ME
logstash_count                    = 1
log_search_instance_type          = "t3.small.search"
log_search_instance_count         = 1
log_search_dedicated_master_count = 0
log_search_volume_size            = 20

alarm_email_addresses     = ["ops@example.com"] # REPLACE-ME
alarm_db_free_storage_gib = 2
alarm_db_max_connections  = 150

# Point-in-time recovery (docs/operations.md): add a slot restored from the active one,
# check it, then switch active_database_slot.
# database_slots = {
#   blue  = {}
#   green = { restore_source_identifier = "loom-development-blue", restore_time = "2025-01-31T09:15:00Z" }
# }
# active_database_slot = "blue"
