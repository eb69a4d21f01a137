output "frontend_url" {
  description = "Public URL of Caja in this environment."
  value       = local.frontend_url
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution to invalidate after a frontend upload."
  value       = module.frontend.distribution_id
}

output "cloudfront_domain_name" {
  description = "The *.cloudfront.net name (target of the custom domain's alias record)."
  value       = module.frontend.distribution_domain_name
}

output "frontend_bucket_name" {
  description = "S3 bucket the deploy workflow syncs web/dist into."
  value       = module.frontend.bucket_name
}

output "ecs_cluster_name" {
  description = "ECS cluster of the service."
  value       = module.ecs.cluster_name
}

output "ecs_service_name" {
  description = "ECS service name."
  value       = module.ecs.service_name
}

output "ecs_task_definition_family" {
  description = "Task definition family, for one-off tasks (aws ecs run-task)."
  value       = module.ecs.task_definition_family
}

output "ecs_task_definition_arn" {
  description = "Latest task definition revision; the deploy workflow rolls the service onto it."
  value       = module.ecs.task_definition_arn
}

output "ecs_container_name" {
  description = "Container name for run-task command overrides."
  value       = module.ecs.container_name
}

output "ecs_private_subnet_ids" {
  description = "Subnets for one-off tasks."
  value       = module.ecs.private_subnet_ids
}

output "ecs_service_security_group_id" {
  description = "Security group for one-off tasks (reaches Postgres and Redis)."
  value       = module.ecs.service_security_group_id
}

output "ecs_log_group_name" {
  description = "CloudWatch log group of the service."
  value       = module.ecs.log_group_name
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.ecs.alb_dns_name
}

output "db_instance_identifier" {
  description = "RDS instance identifier (backups, point-in-time restore)."
  value       = module.rds.instance_identifier
}

output "db_master_secret_arn" {
  description = "Secrets Manager ARN of the Postgres master credentials."
  value       = module.rds.master_secret_arn
}

output "redis_replication_group_id" {
  description = "ElastiCache replication group ID."
  value       = module.elasticache.replication_group_id
}

output "redis_configuration_endpoint" {
  description = "ElastiCache configuration endpoint (cluster mode; TLS, AUTH token in the REDIS_URL secret)."
  value       = module.elasticache.configuration_endpoint_address
}
