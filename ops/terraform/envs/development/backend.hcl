# State of the development stage (S3 bucket and DynamoDB lock table from ops/terraform/bootstrap):
#   ops/terraform/bin/terraform-stage development init
bucket         = "loom-terraform-state"
key            = "development/terraform.tfstate"
region         = "eu-central-1"
dynamodb_table = "loom-terraform-locks"
encrypt        = true
