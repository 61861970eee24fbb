# Plans both stages against mocked AWS providers (no credentials, no network) and checks
# what the stage files decide: names, sizes, alarms, log search, the files bucket, and the
# values Ansible reads. Run from stack/: terraform init -backend=false && terraform test

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

run "production" {
  command = plan

  variables {
    stage              = "production"
    certificate_arn    = "arn:aws:acm:eu-central-1:123456789012:certificate/test"
    admin_cidr_blocks  = ["203.0.113.0/24"]
    logstash_host_name = "logs.loom.example.com"
  }

  assert {
    condition     = length(module.alarms.alarm_names) == 18
    error_message = "production has 18 alarms (2 load balancer, 3 database, 2 x 2 Redis, 4 queues, 4 application, 1 missing metrics)"
  }

  assert {
    condition     = contains(module.alarms.alarm_names, "loom-production-queue-depth-hooks")
    error_message = "each Celery queue has a depth alarm"
  }

  assert {
    condition     = output.ansible_vars.loom_logstash_host == "logs.loom.example.com" && output.ansible_vars.loom_logstash_app_port == 5959
    error_message = "filebeat and the application are sent to the Logstash endpoint"
  }

  assert {
    condition     = output.ansible_vars.loom_storage_backend == "s3" && output.ansible_vars.loom_storage_s3_prefix == "files/"
    error_message = "the application is told to use the files bucket"
  }

  assert {
    condition     = length(module.backup_keys) == 1 && var.db_backup_region == "eu-west-1"
    error_message = "production copies its automated backups to eu-west-1"
  }
}

run "development" {
  command = plan

  variables {
    stage                             = "development"
    certificate_arn                   = "arn:aws:acm:eu-central-1:123456789012:certificate/test"
    admin_cidr_blocks                 = ["203.0.113.0/24"]
    logstash_host_name                = "logs.dev.loom.example.com"
    cache_node_count                  = 1
    log_search_instance_count         = 1
    log_search_dedicated_master_count = 0
    app_alarms                        = false
  }

  assert {
    condition     = length(module.alarms.alarm_names) == 7
    error_message = "without application alarms and with one Redis node there are 7 alarms"
  }

  assert {
    condition     = length(module.log_search) == 1 && module.log_search[0].logstash_port == 5044
    error_message = "development has log search too"
  }
}

run "log_search_needs_a_host_name" {
  command = plan

  variables {
    stage             = "development"
    certificate_arn   = "arn:aws:acm:eu-central-1:123456789012:certificate/test"
    admin_cidr_blocks = ["203.0.113.0/24"]
  }

  expect_failures = [var.logstash_host_name]
}

run "without_log_search_logs_go_to_an_outside_logstash" {
  command = plan

  variables {
    stage              = "development"
    certificate_arn    = "arn:aws:acm:eu-central-1:123456789012:certificate/test"
    admin_cidr_blocks  = ["203.0.113.0/24"]
    log_search_enabled = false
    logstash_host      = "logstash.example.internal"
    db_backup_region   = null
  }

  assert {
    condition     = output.ansible_vars.loom_logstash_host == "logstash.example.internal" && !contains(keys(output.ansible_vars), "loom_logstash_app_port")
    error_message = "without log search the outside Logstash is used as before"
  }

  assert {
    condition     = length(module.log_search) == 0 && length(module.backup_keys) == 0 && output.log_search == null
    error_message = "log search and the backup copy can be turned off"
  }
}
