# The only host reachable over SSH from outside: Ansible and operators hop through it to the
# private instances, and open tunnels to the database.
resource "aws_instance" "bastion" {
  # checkov:skip=CKV_AWS_88:The bastion is the one host operators reach from outside; its security group admits only admin_cidr_blocks.
  # checkov:skip=CKV2_AWS_41:No instance role on purpose: a compromised bastion holds no AWS credentials.
  # checkov:skip=CKV_AWS_135:t3 instances are EBS-optimized whatever the flag says.
  ami                         = local.ami_id
  instance_type               = var.bastion_instance_type
  subnet_id                   = var.public_subnet_ids[0]
  vpc_security_group_ids      = [var.bastion_security_group_id]
  associate_public_ip_address = true
  key_name                    = var.ssh_key_name
  monitoring                  = true

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
    encrypted   = true
  }

  tags = {
    Name = "${var.name}-bastion"
    Role = "bastion"
  }

  lifecycle {
    # Patched in place by unattended upgrades; a new AMI must not replace it unannounced.
    ignore_changes = [ami]
  }
}

resource "aws_eip" "bastion" {
  domain   = "vpc"
  instance = aws_instance.bastion.id

  tags = { Name = "${var.name}-bastion" }
}
