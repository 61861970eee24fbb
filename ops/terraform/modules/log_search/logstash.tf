# Logstash receives filebeat's events (beats protocol, logstash_port) and the application's
# own JSON lines (logstash_app_port, when loom_logstash_direct is on) and writes them to the
# domain with SigV4-signed requests of its task role. It runs on Fargate behind an internal network
# load balancer whose TLS listener holds an ACM certificate for logstash_host_name; a
# private DNS zone points that name at the load balancer, so filebeat verifies the
# certificate against the public roots it already trusts.

locals {
  logstash_pipeline = <<-EOT
    input {
      beats { port => ${var.logstash_port} }
      tcp { port => ${var.logstash_app_port} codec => json_lines }
    }
    output {
      opensearch {
        hosts => ["https://${aws_opensearch_domain.logs.endpoint}:443"]
        index => "logstash-loom-%%{+YYYY.MM.dd}"
        auth_type => { type => "aws_iam" region => "${data.aws_region.current.name}" }
        ecs_compatibility => disabled
      }
    }
  EOT
}

resource "aws_ecs_cluster" "logstash" {
  name = "${var.name}-logstash"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "logstash" {
  # checkov:skip=CKV_AWS_338:Retention is a setting (log_retention_days); these are Logstash's own diagnostics.
  name              = "/loom/${var.name}/logstash"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# Pulls the image and writes the container's output to CloudWatch Logs.
resource "aws_iam_role" "logstash_execution" {
  name               = "${var.name}-logstash-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "logstash_execution" {
  role       = aws_iam_role.logstash_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# What Logstash itself may do: send requests to the domain, nothing else.
resource "aws_iam_role" "logstash_task" {
  name               = "${var.name}-logstash"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "logstash_task" {
  statement {
    actions   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"]
    resources = ["${local.domain_arn}/*"]
  }
}

resource "aws_iam_role_policy" "logstash_task" {
  name   = "write-logs"
  role   = aws_iam_role.logstash_task.id
  policy = data.aws_iam_policy_document.logstash_task.json
}

resource "aws_ecs_task_definition" "logstash" {
  family                   = "${var.name}-logstash"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.logstash_cpu
  memory                   = var.logstash_memory
  execution_role_arn       = aws_iam_role.logstash_execution.arn
  task_role_arn            = aws_iam_role.logstash_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # The image's entrypoint runs `logstash <command>`: -e takes the pipeline as a string.
  container_definitions = jsonencode([{
    name                   = "logstash"
    image                  = var.logstash_image
    essential              = true
    command                = ["-e", local.logstash_pipeline]
    readonlyRootFilesystem = false
    portMappings           = [for port in values(local.logstash_ports) : { containerPort = port, protocol = "tcp" }]
    environment = [
      { name = "LS_JAVA_OPTS", value = "-Xms${floor(var.logstash_memory / 2)}m -Xmx${floor(var.logstash_memory / 2)}m" },
    ]
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fs http://127.0.0.1:9600/ >/dev/null || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 120
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.logstash.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "logstash"
      }
    }
  }])
}

resource "aws_ecs_service" "logstash" {
  name                               = "logstash"
  cluster                            = aws_ecs_cluster.logstash.id
  task_definition                    = aws_ecs_task_definition.logstash.arn
  launch_type                        = "FARGATE"
  desired_count                      = var.logstash_count
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 180

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.logstash.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = local.logstash_ports

    content {
      target_group_arn = aws_lb_target_group.logstash[load_balancer.key].arn
      container_name   = "logstash"
      container_port   = load_balancer.value
    }
  }

  depends_on = [aws_lb_listener.logstash]
}
