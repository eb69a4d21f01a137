output "instance_identifier" {
  description = "RDS instance identifier (for restores: aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier)."
  value       = aws_db_instance.this.identifier
}

output "address" {
  description = "Host name of the database."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the database."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of the application database."
  value       = var.database_name
}

output "security_group_id" {
  description = "Security group of the database."
  value       = aws_security_group.this.id
}

output "database_url_secret_arn" {
  description = "ARN of the Secrets Manager secret holding DATABASE_URL."
  value       = aws_secretsmanager_secret.database_url.arn
}

output "master_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the master credentials (JSON)."
  value       = aws_secretsmanager_secret.master.arn
}
