# One-time, per AWS account: what must exist before the environments can be
# applied by the deploy workflow. Applied by hand with local state:
#
#   cd deploy/terraform/bootstrap
#   terraform init && terraform apply -var github_repository=cajalive/caja
#
# Creates the Terraform state bucket and lock table (used by ../shared/backend.tf),
# the ECR repository for the image, and GitHub's OIDC provider with the role the
# workflows assume — so no long-lived AWS key exists anywhere.

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project   = "caja"
      ManagedBy = "terraform-bootstrap"
    }
  }
}

# --- Terraform state -------------------------------------------------------------

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket_name
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

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  name         = var.lock_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

# --- Image registry --------------------------------------------------------------

resource "aws_ecr_repository" "caja" {
  name                 = var.ecr_repository_name
  image_tag_mutability = "IMMUTABLE" # a tag is a commit SHA: it never moves

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "caja" {
  repository = aws_ecr_repository.caja.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last ${var.ecr_keep_images} images (rollback targets)"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.ecr_keep_images
        }
        action = { type = "expire" }
      }
    ]
  })
}

# --- GitHub Actions OIDC ---------------------------------------------------------

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "github_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Only the main branch and the deployment environments of this repository.
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values = concat(
        ["repo:${var.github_repository}:ref:refs/heads/main"],
        [for e in var.github_environments : "repo:${var.github_repository}:environment:${e}"],
      )
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "caja-github-deploy"
  description          = "Assumed by the GitHub Actions deploy workflow of ${var.github_repository} through OIDC"
  assume_role_policy   = data.aws_iam_policy_document.github_assume.json
  max_session_duration = 3600
  permissions_boundary = var.deploy_role_permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each   = toset(var.deploy_role_policy_arns)
  role       = aws_iam_role.deploy.name
  policy_arn = each.value
}
