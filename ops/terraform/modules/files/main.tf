# Shared file storage of the application (LOOM_STORAGE_BACKEND=s3): CSV uploads waiting for
# an import and generated exports, under one prefix. Objects are short-lived by design; the
# lifecycle rule removes them after files_expiration_days.
#
# No versioning: an object here is either an upload the import has consumed or an export the
# user can generate again. Versioning would keep deleted customer data for longer than the
# expiry promises and protects nothing that cannot be produced again.
resource "aws_s3_bucket" "files" {
  # checkov:skip=CKV_AWS_21:Transient uploads and exports; versions would keep deleted customer data past the expiry (see the comment above).
  # checkov:skip=CKV_AWS_144:Transient objects that the application can produce again; a cross-region copy would only double where customer data lives.
  # checkov:skip=CKV_AWS_18:Only the instance roles can reach the bucket; CloudTrail data events are the audit tool if one is needed, not S3 server access logs.
  # checkov:skip=CKV2_AWS_62:The application knows when it writes an object; nothing reacts to bucket events.
  bucket_prefix = "${var.name}-files-"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_ownership_controls" "files" {
  bucket = aws_s3_bucket.files.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "files" {
  bucket = aws_s3_bucket.files.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The bucket key cuts the KMS requests (and their cost) of many small objects.
resource "aws_s3_bucket_server_side_encryption_configuration" "files" {
  bucket = aws_s3_bucket.files.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }

    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "files" {
  bucket = aws_s3_bucket.files.id

  rule {
    id     = "expire-files"
    status = "Enabled"

    filter {
      prefix = var.prefix
    }

    expiration {
      days = var.expiration_days
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "files" {
  statement {
    sid       = "OnlyTls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.files.arn, "${aws_s3_bucket.files.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "files" {
  bucket = aws_s3_bucket.files.id
  policy = data.aws_iam_policy_document.files.json

  depends_on = [aws_s3_bucket_public_access_block.files]
}
