# Shared by every environment (environments/<env>/providers.tf -> ../../shared/providers.tf).
# Each environment declares aws_region, project_name and environment in its variables.tf.
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = var.project_name
      Environment = var.environment
      ManagedBy   = "terraform"
      Repository  = "cajalive/caja"
    }
  }
}
