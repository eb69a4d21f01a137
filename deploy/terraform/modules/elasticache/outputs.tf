output "replication_group_id" {
  description = "ID of the replication group (aws elasticache test-failover / describe-replication-groups)."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint_address" {
  description = "Primary endpoint; follows the primary across failovers."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Reader endpoint (replicas)."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Port of the cache."
  value       = aws_elasticache_replication_group.this.port
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}

output "redis_url_secret_arn" {
  description = "ARN of the Secrets Manager secret holding REDIS_URL."
  value       = aws_secretsmanager_secret.redis_url.arn
}
