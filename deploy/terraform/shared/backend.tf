# Remote state: S3 (versioned, encrypted) with a DynamoDB table as the lock, so
# two applies of the same environment never run at once.
#
# This file is shared: each environment directory links to it
# (environments/<env>/backend.tf -> ../../shared/backend.tf). Backend blocks
# cannot use variables, so the per-environment state key is given at init:
#
#   terraform init -backend-config="key=caja/<env>/terraform.tfstate"
#
# The bucket and the table are created once per AWS account by ../bootstrap.
# Another account overrides them the same way (-backend-config="bucket=...").
terraform {
  backend "s3" {
    bucket         = "caja-terraform-state"
    region         = "us-east-1"
    dynamodb_table = "caja-terraform-locks"
    encrypt        = true
  }
}
