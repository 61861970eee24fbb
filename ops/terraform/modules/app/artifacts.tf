# Release archives (releases/loom-<version>.tar.gz, a wheelhouse) and the Ansible tree that
# deployed them (ops/ansible-<version>.tar.gz), so that instances started later by autoscaling
# install exactly what the rest of the fleet runs.
resource "aws_s3_bucket" "artifacts" {
  # checkov:skip=CKV_AWS_18:Only deploys write here and instances read; CloudTrail records who changed the bucket.
  # checkov:skip=CKV_AWS_144:Releases can be rebuilt from git (bin/build-release); a second region adds nothing.
  # checkov:skip=CKV_AWS_145:Release wheels and the Ansible tree hold no secrets (those live in Secrets Manager); SSE-S3 is enough.
  # checkov:skip=CKV2_AWS_62:Instances fetch releases when they boot; nothing reacts to new objects.
  bucket_prefix = "${var.name}-artifacts-"
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_ownership_controls" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    id     = "expire-overwritten"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 90
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# The release that is live in this environment; deploy.yml writes it, new instances read it.
resource "aws_ssm_parameter" "release" {
  # checkov:skip=CKV2_AWS_34:Holds a release version such as 2025.01.3, nothing secret.
  name        = "/loom/${var.environment}/release"
  description = "Loom release live in ${var.environment} (written by the Ansible deploy)"
  type        = "String"
  value       = "none"

  lifecycle {
    ignore_changes = [value]
  }
}
