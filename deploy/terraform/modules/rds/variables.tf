variable "name" {
  description = "Name prefix for every resource (e.g. caja-prod); also the DB instance identifier."
  type        = string
}

variable "vpc_id" {
  description = "VPC the database lives in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs for the DB subnet group (at least two availability zones)."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on the Postgres port (the ECS service)."
  type        = list(string)
}

variable "engine_version" {
  description = "PostgreSQL engine version (major version 16)."
  type        = string
  default     = "16"

  validation {
    condition     = can(regex("^16(\\.|$)", var.engine_version))
    error_message = "Caja runs on PostgreSQL 16: engine_version must be 16 or 16.x."
  }
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "allocated_storage" {
  description = "Initial storage in GiB (gp3)."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Upper bound in GiB for storage autoscaling."
  type        = number
  default     = 200
}

variable "multi_az" {
  description = "Run a synchronous standby in a second availability zone (true in prod)."
  type        = bool
  default     = false
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
  default     = "caja"
}

variable "master_username" {
  description = "Master user name. The password is generated and kept in Secrets Manager, never in code."
  type        = string
  default     = "caja"
}

variable "backup_retention_days" {
  description = "Days of automated backups kept (also the point-in-time-recovery window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35 (0 would disable automated backups and PITR)."
  }
}

variable "backup_window" {
  description = "Daily UTC window for automated backups (hh24:mi-hh24:mi); keep it away from event hours."
  type        = string
  default     = "03:00-04:00"
}

variable "maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh24:mi-ddd:hh24:mi)."
  type        = string
  default     = "sun:04:30-sun:05:30"
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (true in staging and prod). When false, no final snapshot is taken on destroy."
  type        = bool
  default     = true
}

variable "performance_insights_enabled" {
  description = "Enable Performance Insights."
  type        = bool
  default     = true
}

variable "max_connections" {
  description = "Postgres max_connections; must exceed CAJA_DB_MAX_CONNS times the largest task count plus headroom."
  type        = number
  default     = 400
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
