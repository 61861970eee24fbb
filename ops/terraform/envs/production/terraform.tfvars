# Account-specific values of the production environment (no secrets here).
# Replace every REPLACE-ME before the first plan.

certificate_arn   = "arn:aws:acm:eu-central-1:000000000000:certificate/REPLACE-ME"
admin_cidr_blocks = ["203.0.113.0/24"] # REPLACE-ME: the operators' office or VPN egress
ssh_key_name      = "loom-production"  # REPLACE-ME: an EC2 key pair in this region

# Uncomment to ship logs to the ELK stack (Logstash beats input).
# logstash_host = "logstash.example.internal"

# Point-in-time recovery (docs/operations.md): add a slot restored from the active one,
# check it, then switch active_database_slot.
# database_slots = {
#   blue  = {}
#   green = { restore_source_identifier = "loom-production-blue", restore_time = "2025-01-31T09:15:00Z" }
# }
# active_database_slot = "blue"
