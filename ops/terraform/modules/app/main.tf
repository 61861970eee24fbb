data "aws_region" "current" {}

data "aws_ami" "debian" {
  count = var.ami_id == null ? 1 : 0

  most_recent = true
  owners      = ["136693071363"] # Debian cloud team

  filter {
    name   = "name"
    values = ["debian-12-amd64-*"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

locals {
  ami_id = var.ami_id != null ? var.ami_id : data.aws_ami.debian[0].id
}

resource "aws_launch_template" "fleet" {
  for_each = var.fleets

  name_prefix            = "${var.name}-${each.key}-"
  description            = "Loom ${var.environment} ${each.key}: ${join(", ", each.value.processes)}"
  image_id               = local.ami_id
  instance_type          = each.value.instance_type
  key_name               = var.ssh_key_name
  vpc_security_group_ids = [var.app_security_group_id]
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.fleet[each.key].arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.root_volume_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  # New instances configure themselves with the Ansible roles and the live release.
  user_data = base64encode(templatefile("${path.module}/templates/user_data.sh.tftpl", {
    environment       = var.environment
    region            = data.aws_region.current.name
    artifacts_bucket  = aws_s3_bucket.artifacts.bucket
    release_parameter = aws_ssm_parameter.release.name
    processes         = each.value.processes
  }))

  tag_specifications {
    resource_type = "instance"

    tags = {
      Name        = "${var.name}-${each.key}"
      Project     = "loom"
      Environment = var.environment
      Role        = each.key
      Processes   = join(",", each.value.processes)
    }
  }

  tag_specifications {
    resource_type = "volume"

    tags = {
      Name        = "${var.name}-${each.key}"
      Project     = "loom"
      Environment = var.environment
    }
  }
}

resource "aws_autoscaling_group" "fleet" {
  for_each = var.fleets

  name                = "${var.name}-${each.key}"
  min_size            = each.value.min_size
  max_size            = each.value.max_size
  desired_capacity    = each.value.desired_capacity
  vpc_zone_identifier = var.private_subnet_ids

  target_group_arns = contains(each.value.processes, "web") ? [aws_lb_target_group.web.arn] : []

  # Web instances are replaced when the load balancer finds them unhealthy. The grace period
  # covers the first boot, which installs packages and the release.
  health_check_type         = contains(each.value.processes, "web") ? "ELB" : "EC2"
  health_check_grace_period = 900

  launch_template {
    id      = aws_launch_template.fleet[each.key].id
    version = aws_launch_template.fleet[each.key].latest_version
  }

  # A new launch template version (new AMI, new instance type) replaces the instances in a
  # rolling way. Replacements start before old instances stop, except for the single beat
  # instance, which is stopped first so that two schedulers never run together.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = contains(each.value.processes, "beat") ? 0 : 100
      max_healthy_percentage = contains(each.value.processes, "beat") ? 100 : 200
    }
  }

  tag {
    key                 = "Name"
    value               = "${var.name}-${each.key}"
    propagate_at_launch = false
  }

  lifecycle {
    # Scaling policies and operators move the desired capacity; Terraform keeps the bounds.
    ignore_changes = [desired_capacity]
  }
}

resource "aws_autoscaling_policy" "cpu" {
  for_each = { for k, f in var.fleets : k => f if f.cpu_target != null }

  name                   = "${var.name}-${each.key}-cpu"
  autoscaling_group_name = aws_autoscaling_group.fleet[each.key].name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }

    target_value = each.value.cpu_target
  }
}
