terraform {
  # 1.11: write-only arguments keep generated secrets out of the state.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "loom"
      Environment = local.environment
      ManagedBy   = "terraform"
    }
  }
}
