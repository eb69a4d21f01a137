variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
  default     = "us-east-1"
}

variable "project_name" {
  description = "Project name, the first part of every resource name."
  type        = string
  default     = "caja"
}

variable "environment" {
  description = "Environment name: dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "image_tag" {
  description = "Tag of the caja image in ECR to run: the git commit SHA (the deploy workflow passes -var image_tag=$GITHUB_SHA)."
  type        = string
}

variable "ecr_repository_name" {
  description = "ECR repository holding the caja image (created by ../../bootstrap)."
  type        = string
  default     = "caja"
}

variable "vpc_cidr" {
  description = "CIDR block of the environment's VPC."
  type        = string
}

variable "az_count" {
  description = "Availability zones to use (2 to 4)."
  type        = number
  default     = 2
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (cheaper) instead of one per availability zone."
  type        = bool
  default     = true
}

variable "api_cpu" {
  description = "Fargate CPU units per task (1024 = 1 vCPU)."
  type        = number
  default     = 512
}

variable "api_memory" {
  description = "Fargate memory per task in MiB."
  type        = number
  default     = 1024
}

variable "api_min_count" {
  description = "Fewest tasks autoscaling keeps (2 or more outside dev, so a deploy or an AZ loss never leaves zero)."
  type        = number
  default     = 2
}

variable "api_max_count" {
  description = "Most tasks autoscaling may start (the ECS service's maximum). Behind CloudFront, polls barely reach the tasks; what scales them is joins, answers and /me."
  type        = number
  default     = 50
}

variable "api_requests_per_target" {
  description = "ALB requests per task per minute that autoscaling aims for."
  type        = number
  default     = 30000
}

variable "log_level" {
  description = "CAJA_LOG_LEVEL of the service."
  type        = string
  default     = "info"
}

variable "db_max_conns_per_task" {
  description = "CAJA_DB_MAX_CONNS: Postgres connections each task may open."
  type        = number
  default     = 16
}

variable "app_environment" {
  description = "Further non-secret environment variables for the app (e.g. CAJA_JOIN_RATE, CAJA_POLL_INTERVAL)."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "CloudWatch log retention in days."
  type        = number
  default     = 30
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_allocated_storage" {
  description = "Initial RDS storage in GiB."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage" {
  description = "RDS storage autoscaling ceiling in GiB."
  type        = number
  default     = 200
}

variable "db_multi_az" {
  description = "Multi-AZ standby for RDS (true in prod)."
  type        = bool
  default     = false
}

variable "db_backup_retention_days" {
  description = "Days of automated RDS backups and point-in-time recovery."
  type        = number
  default     = 7
}

variable "db_deletion_protection" {
  description = "Protect the RDS instance from deletion (and take a final snapshot on destroy)."
  type        = bool
  default     = true
}

variable "db_max_connections" {
  description = "Postgres max_connections."
  type        = number
  default     = 1000
}

variable "cache_engine" {
  description = "ElastiCache engine: valkey or redis."
  type        = string
  default     = "valkey"
}

variable "cache_engine_version" {
  description = "ElastiCache engine version (major.minor)."
  type        = string
  default     = "8.0"
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "cache_shard_count" {
  description = "ElastiCache shards (cluster mode enabled); sessions spread over them."
  type        = number
  default     = 3
}

variable "cache_replica_count" {
  description = "ElastiCache replicas next to each shard's primary (1 or more, for automatic failover)."
  type        = number
  default     = 1
}

variable "domain_name" {
  description = "Custom public domain (e.g. live.example.com); empty uses the CloudFront name. Needs cloudfront_certificate_arn."
  type        = string
  default     = ""
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate in us-east-1 for domain_name; null with no custom domain."
  type        = string
  default     = null
}

variable "api_origin_domain_name" {
  description = "Custom DNS name of the ALB (matching alb_certificate_arn) so CloudFront reaches it over HTTPS; empty uses the ALB's own name over HTTP."
  type        = string
  default     = ""
}

variable "alb_certificate_arn" {
  description = "ACM certificate (in aws_region) for the ALB's HTTPS listener; null serves HTTP only."
  type        = string
  default     = null
}

variable "cloudfront_price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "secret_recovery_window_days" {
  description = "Recovery window of deleted Secrets Manager secrets (0 in dev to allow immediate re-creation)."
  type        = number
  default     = 7
}
