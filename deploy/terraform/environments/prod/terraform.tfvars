# prod: Multi-AZ everywhere, one NAT gateway per AZ, room to scale out for a
# large event. No secrets in this file.
environment        = "prod"
aws_region         = "us-east-1"
vpc_cidr           = "10.30.0.0/16"
az_count           = 3
single_nat_gateway = false

api_cpu                 = 1024
api_memory              = 2048
api_min_count           = 3
api_max_count           = 50
api_requests_per_target = 30000
db_max_conns_per_task   = 16
log_level               = "info"
log_retention_days      = 90

db_instance_class        = "db.r7g.large"
db_allocated_storage     = 100
db_max_allocated_storage = 1000
db_multi_az              = true
db_backup_retention_days = 14
db_deletion_protection   = true
db_max_connections       = 1000

cache_engine         = "valkey"
cache_engine_version = "8.0"
cache_node_type      = "cache.r7g.large"
cache_shard_count    = 3
cache_replica_count  = 1

cloudfront_price_class      = "PriceClass_All"
secret_recovery_window_days = 30

# A custom domain, once its certificates exist (CloudFront's in us-east-1):
# domain_name                = "live.example.com"
# cloudfront_certificate_arn = "arn:aws:acm:us-east-1:<account>:certificate/<id>"
# api_origin_domain_name     = "origin.live.example.com"
# alb_certificate_arn        = "arn:aws:acm:us-east-1:<account>:certificate/<id>"
