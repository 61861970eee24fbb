output "bucket" {
  description = "Name of the files bucket (LOOM_STORAGE_S3_BUCKET)."
  value       = aws_s3_bucket.files.bucket
}

output "arn" {
  description = "ARN of the files bucket."
  value       = aws_s3_bucket.files.arn
}

output "region" {
  description = "Region of the files bucket (LOOM_STORAGE_S3_REGION)."
  value       = aws_s3_bucket.files.region
}

output "prefix" {
  description = "Key prefix of the application's objects."
  value       = var.prefix
}
