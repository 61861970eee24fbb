# Operators sign in to OpenSearch Dashboards through a Cognito user pool that only an
# administrator can add users to, with a password and an authenticator app (TOTP). A
# signed-in operator acts with the operators role, which is the domain's master user.
# Add an operator:
#   aws cognito-idp admin-create-user --user-pool-id <log_search_user_pool_id> \
#     --username <email> --user-attributes Name=email,Value=<email> Name=email_verified,Value=true

resource "aws_cognito_user_pool" "operators" {
  name                     = "${var.name}-log-operators"
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "ON"

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

# The hosted sign-in page; the prefix must be unique in the region, hence the account id.
resource "aws_cognito_user_pool_domain" "operators" {
  domain       = "${var.name}-logs-${data.aws_caller_identity.current.account_id}"
  user_pool_id = aws_cognito_user_pool.operators.id
}

resource "aws_cognito_identity_pool" "operators" {
  identity_pool_name               = replace("${var.name} log operators", "-", " ")
  allow_unauthenticated_identities = false

  # OpenSearch adds its own app client of the user pool here when it enables Cognito.
  lifecycle {
    ignore_changes = [cognito_identity_providers]
  }
}

data "aws_iam_policy_document" "operators_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.operators.id]
    }

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}

# No permissions of its own: the domain's access policy names it, and fine-grained access
# control maps it to all_access as the master user.
resource "aws_iam_role" "operators" {
  name               = "${var.name}-log-operators"
  assume_role_policy = data.aws_iam_policy_document.operators_assume.json
}

resource "aws_cognito_identity_pool_roles_attachment" "operators" {
  identity_pool_id = aws_cognito_identity_pool.operators.id

  roles = {
    authenticated = aws_iam_role.operators.arn
  }
}

# OpenSearch configures the user pool and identity pool for Dashboards with this role.
data "aws_iam_policy_document" "cognito_access_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["opensearchservice.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cognito_access" {
  name               = "${var.name}-logs-cognito-access"
  assume_role_policy = data.aws_iam_policy_document.cognito_access_assume.json
}

resource "aws_iam_role_policy_attachment" "cognito_access" {
  role       = aws_iam_role.cognito_access.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonOpenSearchServiceCognitoAccess"
}
