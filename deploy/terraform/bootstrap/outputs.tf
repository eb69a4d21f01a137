output "state_bucket_name" {
  description = "Terraform state bucket."
  value       = aws_s3_bucket.state.bucket
}

output "lock_table_name" {
  description = "Terraform lock table."
  value       = aws_dynamodb_table.locks.name
}

output "ecr_repository_url" {
  description = "ECR repository URL of the caja image."
  value       = aws_ecr_repository.caja.repository_url
}

output "deploy_role_arn" {
  description = "Role for the GitHub workflows: set it as the repository variable AWS_DEPLOY_ROLE_ARN."
  value       = aws_iam_role.deploy.arn
}
