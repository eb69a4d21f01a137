output "cluster_name" {
  description = "ECS cluster name (aws ecs update-service --cluster)."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ECS cluster ARN."
  value       = aws_ecs_cluster.this.arn
}

output "service_name" {
  description = "ECS service name (aws ecs update-service --service)."
  value       = aws_ecs_service.api.name
}

output "task_definition_family" {
  description = "Task definition family; use it with aws ecs run-task for one-off commands (caja readmodel rebuild, caja admin rotate-token)."
  value       = aws_ecs_task_definition.api.family
}

output "task_definition_arn" {
  description = "Task definition revision the service runs."
  value       = aws_ecs_task_definition.api.arn
}

output "container_name" {
  description = "Container name inside the task definition (for run-task overrides)."
  value       = local.container_name
}

output "service_security_group_id" {
  description = "Security group of the tasks; RDS and ElastiCache admit it."
  value       = aws_security_group.service.id
}

output "private_subnet_ids" {
  description = "Subnets the tasks run in (for run-task network configuration)."
  value       = var.private_subnet_ids
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (CloudFront's /api/* origin)."
  value       = aws_lb.this.dns_name
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (CloudWatch metrics dimension)."
  value       = aws_lb.this.arn_suffix
}

output "target_group_arn" {
  description = "ARN of the target group."
  value       = aws_lb_target_group.api.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.api.name
}
