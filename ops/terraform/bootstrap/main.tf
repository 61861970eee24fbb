# Creates the S3 bucket and DynamoDB table that hold the state of envs/development and
# envs/production. Run once per AWS account with local state (terraform init && terraform
# apply); keep its terraform.tfstate somewhere safe or import the two resources later.

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "aws_region" {
  description = "Region of the state bucket; the backend.tf files name it too."
  type        = string
  default     = "eu-central-1"
}

variable "state_bucket" {
  description = "Globally unique bucket name; the backend.tf files name it too."
  type        = string
  default     = "loom-terraform-state"
}

variable "lock_table" {
  description = "DynamoDB lock table; the backend.tf files name it too."
  type        = string
  default     = "loom-terraform-locks"
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project   = "loom"
      ManagedBy = "terraform"
    }
  }
}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  name         = var.lock_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}

output "state_bucket" {
  value = aws_s3_bucket.state.bucket
}

output "lock_table" {
  value = aws_dynamodb_table.locks.name
}
