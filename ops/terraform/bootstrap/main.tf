# Creates what the stages share in an AWS account: the S3 bucket and DynamoDB table that hold
# the state of every stage (envs/<stage>/backend.hcl names them) and OpenSearch's
# service-linked role. Run once per AWS account with local state (terraform init && terraform
# apply); keep its terraform.tfstate somewhere safe or import the resources later.

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
  description = "Region of the state bucket; envs/*/backend.hcl name it too."
  type        = string
  default     = "eu-central-1"
}

variable "state_bucket" {
  description = "Globally unique bucket name; envs/*/backend.hcl name it too."
  type        = string
  default     = "loom-terraform-state"
}

variable "lock_table" {
  description = "DynamoDB lock table; envs/*/backend.hcl name it too."
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
  # checkov:skip=CKV_AWS_18:Only operators running Terraform use the bucket; CloudTrail records the API calls.
  # checkov:skip=CKV_AWS_144:Versioned in this region; the infrastructure it describes is in this region too.
  # checkov:skip=CKV2_AWS_62:Nothing reacts to state changes.
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

# Old state versions are how a broken state is repaired; 90 days of them are enough.
resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "expire-old-versions"
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

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  # checkov:skip=CKV_AWS_119:The table holds only lock IDs and state checksums, nothing worth a key of its own.
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

# OpenSearch needs this account-wide role to place a domain in a VPC (the stages' log search).
# If the account already has it: terraform import aws_iam_service_linked_role.opensearch
#   arn:aws:iam::<account>:role/aws-service-role/opensearchservice.amazonaws.com/AWSServiceRoleForAmazonOpenSearchService
resource "aws_iam_service_linked_role" "opensearch" {
  aws_service_name = "opensearchservice.amazonaws.com"
  description      = "Lets OpenSearch Service manage the network interfaces of VPC domains"
}

output "state_bucket" {
  value = aws_s3_bucket.state.bucket
}

output "lock_table" {
  value = aws_dynamodb_table.locks.name
}
