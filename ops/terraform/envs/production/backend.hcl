# State of the production stage (S3 bucket and DynamoDB lock table from ops/terraform/bootstrap):
#   ops/terraform/bin/terraform-stage production init
bucket         = "loom-terraform-state"
key            = "production/terraform.tfstate"
region         = "eu-central-1"
dynamodb_table = "loom-terraform-locks"
encrypt        = true
