# Plans one stage exactly as its envs/<stage>/terraform.tfvars describes it (no credentials,
# no network), so that a mistake in a stage file fails here and not in front of AWS:
#   terraform test -test-directory=stage_tests -var-file=../envs/production/terraform.tfvars
#   terraform test -test-directory=stage_tests -var-file=../envs/development/terraform.tfvars

# The real provider with made-up credentials: it validates every argument, and plans
# without calling AWS because the data sources that would call it are overridden below.
provider "aws" {
  region                      = "eu-central-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

provider "aws" {
  alias                       = "backup"
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

override_data {
  target = module.network.data.aws_availability_zones.available
  values = { names = ["eu-central-1a", "eu-central-1b"] }
}

override_data {
  target = module.keys.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.backup_keys[0].data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.network.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.logging.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.app.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.waf.data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.log_search[0].data.aws_caller_identity.current
  values = { account_id = "123456789012" }
}

override_data {
  target = module.app.data.aws_ami.debian[0]
  values = { id = "ami-0123456789abcdef0" }
}

# Its ephemeral random passwords would ask AWS for values.
override_module {
  target = module.secrets
  outputs = {
    prefix         = "loom/test"
    secret_arns    = ["arn:aws:secretsmanager:eu-central-1:123456789012:secret:loom/test/LOOM_SECRET_KEY-abcdef"]
    supplied_names = ["LOOM_SMTP_PASSWORD"]
  }
}

run "stage_file" {
  command = plan

  assert {
    condition     = output.database_identifiers[var.active_database_slot] == "loom-${var.stage}-${var.active_database_slot}"
    error_message = "the stage's database is named for the stage"
  }

  assert {
    condition     = output.ansible_vars.loom_logstash_host != "" && output.ansible_vars.loom_storage_backend == "s3"
    error_message = "the stage ships its logs and stores files in S3"
  }

  assert {
    condition     = length(module.alarms.alarm_names) >= 7
    error_message = "the stage has its alarms"
  }
}
