output "replication_group_id" {
  description = "ID of the replication group (aws elasticache test-failover / describe-replication-groups)."
  value       = aws_elasticache_replication_group.this.id
}

output "configuration_endpoint_address" {
  description = "Configuration endpoint of the cluster (redis-cli -c, the cluster client's seed)."
  value       = aws_elasticache_replication_group.this.configuration_endpoint_address
}

output "shard_count" {
  description = "Shards (node groups) of the cluster."
  value       = aws_elasticache_replication_group.this.num_node_groups
}

output "redis_mode" {
  description = "CAJA_REDIS_MODE matching this cache (cluster mode enabled)."
  value       = "cluster"
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
