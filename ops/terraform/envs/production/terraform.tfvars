# The production stage: the defaults in stack/variables*.tf are production's values, so
# this file holds the account's values. No secrets here.
# Replace every REPLACE-ME before the first plan.

stage = "production"

certificate_arn   = "arn:aws:acm:eu-central-1:000000000000:certificate/REPLACE-ME"
admin_cidr_blocks = ["203.0.113.0/24"] # REPLACE-ME: the operators' office or VPN egress
ssh_key_name      = "loom-production"  # REPLACE-ME: an EC2 key pair in this region

# Logs: filebeat sends to this name over TLS; certificate_arn (or logstash_certificate_arn)
# must cover it. A private DNS zone in the VPC points it at the Logstash endpoint.
logstash_host_name = "logs.loom.example.com" # REPLACE-ME

# Who is told when an alarm fires (each address confirms once by email).
alarm_email_addresses = ["ops@example.com"] # REPLACE-ME
# runbook_url = "https://github.com/<org>/<repo>/blob/main/docs/operations.md"

# An instance created before the customer-managed RDS key stays on the AWS-managed key
# (changing the key would replace it); move it with a restore into a new slot.
# database_slots = { blue = { aws_managed_key = true } }

# Point-in-time recovery (docs/operations.md): add a slot restored from the active one,
# check it, then switch active_database_slot.
# database_slots = {
#   blue  = {}
#   green = { restore_source_identifier = "loom-production-blue", restore_time = "2025-01-31T09:15:00Z" }
# }
# active_database_slot = "blue"
