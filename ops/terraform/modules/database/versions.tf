terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
      # aws.backup: the region that holds the copy of the automated backups.
      configuration_aliases = [aws.backup]
    }
  }
}
