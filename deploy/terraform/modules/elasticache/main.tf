# Redis-compatible read model: a replication group with cluster mode enabled
# (shard_count shards, each a primary and replica_count replicas in different
# availability zones), automatic failover, TLS in transit and an AUTH token kept
# in Secrets Manager. Caja hash-tags every key of a session (caja:{<id>}:...),
# so sessions spread over the shards; the app runs with CAJA_REDIS_MODE=cluster
# (output redis_mode, set in the ECS task). Nothing in
# it is the source of truth: a flushed or failed-over cache is re-projected from
# Postgres by the application.

locals {
  major  = split(".", var.engine_version)[0]
  family = "${var.engine}${local.major}"
}

resource "random_password" "auth" {
  length  = 48
  special = false # AUTH tokens forbid @, " and /; alphanumerics are also URL-safe
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis for ${var.name}: reachable only from the application"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Redis from the application"
}

resource "aws_elasticache_parameter_group" "this" {
  name   = "${var.name}-${local.family}"
  family = local.family
  tags   = var.tags

  parameter {
    name  = "maxmemory-policy"
    value = var.maxmemory_policy
  }

  parameter {
    name  = "cluster-enabled"
    value = "yes"
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "Caja read model for ${var.name}"

  engine               = var.engine
  engine_version       = var.engine_version
  node_type            = var.node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.this.name

  cluster_mode               = "enabled"
  num_node_groups            = var.shard_count
  replicas_per_node_group    = var.replica_count
  automatic_failover_enabled = true
  multi_az_enabled           = true

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  auth_token                 = random_password.auth.result

  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = true
  apply_immediately          = false
  snapshot_retention_limit   = 0 # nothing to back up: Postgres is the truth

  tags = var.tags
}

# REDIS_URL as the application reads it (rediss:// = TLS) in go-redis' cluster URL
# form: the configuration endpoint, from which the client learns every shard.
# Injected into the ECS task as a secret.
resource "aws_secretsmanager_secret" "redis_url" {
  name                    = "${var.name}/caja/REDIS_URL"
  description             = "REDIS_URL of the caja service in ${var.name}"
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  secret_id     = aws_secretsmanager_secret.redis_url.id
  secret_string = "rediss://:${random_password.auth.result}@${aws_elasticache_replication_group.this.configuration_endpoint_address}:${aws_elasticache_replication_group.this.port}"
}
