variable "aws_region" {
  description = "Region of the state bucket, lock table and ECR repository (the environments' region)."
  type        = string
  default     = "us-east-1"
}

variable "state_bucket_name" {
  description = "S3 bucket for Terraform state (must match ../shared/backend.tf or be passed with -backend-config)."
  type        = string
  default     = "caja-terraform-state"
}

variable "lock_table_name" {
  description = "DynamoDB table for Terraform state locks (must match ../shared/backend.tf)."
  type        = string
  default     = "caja-terraform-locks"
}

variable "ecr_repository_name" {
  description = "ECR repository for the caja image."
  type        = string
  default     = "caja"
}

variable "ecr_keep_images" {
  description = "How many images ECR keeps (older ones expire)."
  type        = number
  default     = 100
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the deploy role."
  type        = string
}

variable "github_environments" {
  description = "GitHub deployment environments whose jobs may assume the deploy role."
  type        = list(string)
  default     = ["dev", "staging", "prod"]
}

variable "deploy_role_policy_arns" {
  description = "Managed policies of the deploy role. Terraform creates VPCs, IAM roles, RDS, ElastiCache, ECS and CloudFront, so it needs broad rights; narrow them or add a permissions boundary where your organisation requires it."
  type        = list(string)
  default     = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

variable "deploy_role_permissions_boundary_arn" {
  description = "Optional permissions boundary for the deploy role."
  type        = string
  default     = null
}
