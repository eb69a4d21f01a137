# staging: production-shaped, smaller. No secrets in this file.
environment        = "staging"
aws_region         = "us-east-1"
vpc_cidr           = "10.20.0.0/16"
az_count           = 2
single_nat_gateway = true

api_cpu                 = 512
api_memory              = 1024
api_min_count           = 2
api_max_count           = 4
api_requests_per_target = 30000
db_max_conns_per_task   = 32
log_level               = "info"
log_retention_days      = 14

db_instance_class        = "db.t4g.small"
db_allocated_storage     = 20
db_max_allocated_storage = 100
db_multi_az              = false
db_backup_retention_days = 7
db_deletion_protection   = true
db_max_connections       = 200

cache_engine         = "valkey"
cache_engine_version = "8.0"
cache_node_type      = "cache.t4g.small"
cache_shard_count    = 2
cache_replica_count  = 1

secret_recovery_window_days = 7

app_environment = {
  CAJA_API_DOCS = "true"
}
