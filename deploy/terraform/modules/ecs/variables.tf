variable "name" {
  description = "Name prefix for every resource (e.g. caja-prod); also the cluster name."
  type        = string
}

variable "environment" {
  description = "Environment name (dev, staging, prod)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the service."
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR of the VPC; the load balancer's addresses are inside it, so it becomes TRUSTED_PROXIES."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the Application Load Balancer."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Private subnets for the Fargate tasks."
  type        = list(string)
}

variable "image_repository_url" {
  description = "ECR repository URL of the caja image, without tag."
  type        = string
}

variable "image_tag" {
  description = "Image tag to run (the git commit SHA pushed by the deploy workflow)."
  type        = string
}

variable "container_port" {
  description = "Port the caja binary listens on (CAJA_ADDR)."
  type        = number
  default     = 8080
}

variable "cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate task memory in MiB."
  type        = number
  default     = 1024
}

variable "desired_count" {
  description = "Tasks at creation; afterwards autoscaling owns the count."
  type        = number
  default     = 2
}

variable "min_count" {
  description = "Autoscaling lower bound (at least 2 for availability during deploys and AZ loss)."
  type        = number
  default     = 2
}

variable "max_count" {
  description = "Autoscaling upper bound. Keep max_count x CAJA_DB_MAX_CONNS below Postgres max_connections."
  type        = number
  default     = 10
}

variable "cpu_target_percent" {
  description = "Target average CPU utilisation for target-tracking autoscaling."
  type        = number
  default     = 60
}

variable "requests_per_target" {
  description = "Target ALB requests per task per minute (ALBRequestCountPerTarget). A phone polling every 2s makes 30 a minute."
  type        = number
  default     = 30000
}

variable "health_check_path" {
  description = "Target group health check path: /readyz is 503 when Postgres or Redis is unreachable and from the first moment of shutdown."
  type        = string
  default     = "/readyz"
}

variable "health_check_unhealthy_threshold" {
  description = "Consecutive failed health checks (10s apart) before a target is unhealthy and ECS replaces the task; 6 rides out a cache or database failover."
  type        = number
  default     = 6
}

variable "shutdown_timeout_seconds" {
  description = "CAJA_SHUTDOWN_TIMEOUT in seconds: how long the app may take to finish in-flight requests after SIGTERM."
  type        = number
  default     = 15
}

variable "stop_timeout_seconds" {
  description = "ECS container stopTimeout: seconds between SIGTERM and SIGKILL. Must be above shutdown_timeout_seconds (Fargate maximum 120)."
  type        = number
  default     = 30

  validation {
    condition     = var.stop_timeout_seconds >= 2 && var.stop_timeout_seconds <= 120
    error_message = "stop_timeout_seconds must be between 2 and 120 (the Fargate limit)."
  }
}

variable "deregistration_delay_seconds" {
  description = "Target group deregistration delay: how long a stopping task keeps draining at the load balancer before ECS sends SIGTERM."
  type        = number
  default     = 30
}

variable "database_url_secret_arn" {
  description = "Secrets Manager ARN holding DATABASE_URL (injected as a container secret, never as plaintext)."
  type        = string
}

variable "redis_mode" {
  description = "CAJA_REDIS_MODE: single, cluster or sentinel; must match the cache behind REDIS_URL (the elasticache module's redis_mode output)."
  type        = string

  validation {
    condition     = contains(["single", "cluster", "sentinel"], var.redis_mode)
    error_message = "redis_mode must be single, cluster or sentinel."
  }
}

variable "redis_url_secret_arn" {
  description = "Secrets Manager ARN holding REDIS_URL (injected as a container secret, never as plaintext)."
  type        = string
}

variable "frontend_url" {
  description = "FRONTEND_URL: public base URL of join links (the CloudFront domain or the custom domain)."
  type        = string
}

variable "allowed_origins" {
  description = "ALLOWED_ORIGINS: CORS origins (the public frontend URL)."
  type        = list(string)
}

variable "allowed_hosts" {
  description = "Extra ALLOWED_HOSTS besides the load balancer's own DNS name (which CloudFront uses as Host)."
  type        = list(string)
  default     = []
}

variable "log_level" {
  description = "CAJA_LOG_LEVEL: debug, info, warn or error."
  type        = string
  default     = "info"
}

variable "db_max_conns" {
  description = "CAJA_DB_MAX_CONNS per task."
  type        = number
  default     = 32
}

variable "extra_environment" {
  description = "Further non-secret environment variables for the container (e.g. CAJA_JOIN_RATE, CAJA_POLL_INTERVAL)."
  type        = map(string)
  default     = {}
}

variable "certificate_arn" {
  description = "ACM certificate (same region) for an HTTPS listener on the ALB; null serves HTTP only (CloudFront then reaches the origin over HTTP)."
  type        = string
  default     = null
}

variable "restrict_to_cloudfront" {
  description = "Allow ALB ingress only from CloudFront's origin-facing prefix list (the public entry point is CloudFront)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "CloudWatch log retention in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
