# State lives in S3 (versioned, encrypted) with a DynamoDB lock; ops/terraform/bootstrap
# creates both. Backend blocks cannot use variables: keep these names in step with it.
terraform {
  backend "s3" {
    bucket         = "loom-terraform-state"
    key            = "production/terraform.tfstate"
    region         = "eu-central-1"
    dynamodb_table = "loom-terraform-locks"
    encrypt        = true
  }
}
