variable "name" {
  description = "Name prefix for every resource (e.g. caja-prod); also the replication group ID."
  type        = string
}

variable "vpc_id" {
  description = "VPC the cache lives in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs for the cache subnet group (at least two availability zones)."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on the Redis port (the ECS service)."
  type        = list(string)
}

variable "engine" {
  description = "Cache engine: valkey (Redis-compatible, cheaper) or redis."
  type        = string
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine must be valkey or redis."
  }
}

variable "engine_version" {
  description = "Engine version, major.minor (e.g. 8.0 for valkey, 7.1 for redis)."
  type        = string
  default     = "8.0"
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "shard_count" {
  description = "Shards (node groups) of the cluster; sessions spread over them by their hash tag."
  type        = number
  default     = 3

  validation {
    condition     = var.shard_count >= 1 && var.shard_count <= 500
    error_message = "shard_count must be between 1 and 500."
  }
}

variable "replica_count" {
  description = "Replicas next to each shard's primary (at least 1: automatic failover needs one)."
  type        = number
  default     = 1

  validation {
    condition     = var.replica_count >= 1 && var.replica_count <= 5
    error_message = "replica_count must be between 1 and 5."
  }
}

variable "maxmemory_policy" {
  description = "Eviction policy. The read model is rebuilt from Postgres on a miss, so evicting is safe."
  type        = string
  default     = "allkeys-lru"
}

variable "maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh24:mi-ddd:hh24:mi)."
  type        = string
  default     = "sun:05:30-sun:06:30"
}

variable "secret_recovery_window_days" {
  description = "Days a deleted Secrets Manager secret can be restored (0 deletes at once, for throw-away environments)."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
