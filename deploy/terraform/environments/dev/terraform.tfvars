# dev: smallest footprint, throw-away data. No secrets here: DATABASE_URL and
# REDIS_URL are generated into Secrets Manager; image_tag comes from the workflow.
environment        = "dev"
aws_region         = "us-east-1"
vpc_cidr           = "10.10.0.0/16"
az_count           = 2
single_nat_gateway = true

api_cpu                 = 256
api_memory              = 512
api_min_count           = 1
api_max_count           = 2
api_requests_per_target = 30000
db_max_conns_per_task   = 16
log_level               = "debug"
log_retention_days      = 7

db_instance_class        = "db.t4g.micro"
db_allocated_storage     = 20
db_max_allocated_storage = 50
db_multi_az              = false
db_backup_retention_days = 1
db_deletion_protection   = false
db_max_connections       = 100

cache_engine         = "valkey"
cache_engine_version = "8.0"
cache_node_type      = "cache.t4g.micro"
cache_shard_count    = 1
cache_replica_count  = 1

secret_recovery_window_days = 0

app_environment = {
  CAJA_API_DOCS = "true"
}
