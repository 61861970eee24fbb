terraform {
  # 1.11: write-only arguments keep generated secrets out of the state.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Partial configuration: envs/<stage>/backend.hcl names the bucket, key and lock table
  # (bin/terraform-stage passes it to terraform init).
  backend "s3" {}
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

# The region that holds the copy of the database's automated backups.
provider "aws" {
  alias  = "backup"
  region = coalesce(var.db_backup_region, var.aws_region)

  default_tags {
    tags = local.tags
  }
}
