# Caja — dev environment. Run from this directory:
#
#   terraform init -backend-config="key=caja/dev/terraform.tfstate"
#   terraform plan -var="image_tag=<git sha>" -out=tfplan
#   terraform apply tfplan
#
# backend.tf and providers.tf are links to ../../shared.

data "aws_ecr_repository" "caja" {
  name = var.ecr_repository_name
}

locals {
  name = "${var.project_name}-${var.environment}"
  tags = {
    Project     = var.project_name
    Environment = var.environment
  }

  # Public base URL: the custom domain when there is one, else the CloudFront name.
  frontend_url = var.domain_name != "" ? "https://${var.domain_name}" : "https://${module.frontend.distribution_domain_name}"

  # CloudFront reaches the ALB by this name; it is also the Host the app sees.
  api_origin_domain_name = var.api_origin_domain_name != "" ? var.api_origin_domain_name : module.ecs.alb_dns_name
  api_origin_https       = var.api_origin_domain_name != "" && var.alb_certificate_arn != null
}

module "vpc" {
  source = "../../modules/vpc"

  name               = local.name
  cidr_block         = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "rds" {
  source = "../../modules/rds"

  name                         = local.name
  vpc_id                       = module.vpc.vpc_id
  subnet_ids                   = module.vpc.private_subnet_ids
  allowed_security_group_ids   = [module.ecs.service_security_group_id]
  instance_class               = var.db_instance_class
  allocated_storage            = var.db_allocated_storage
  max_allocated_storage        = var.db_max_allocated_storage
  multi_az                     = var.db_multi_az
  backup_retention_days        = var.db_backup_retention_days
  deletion_protection          = var.db_deletion_protection
  max_connections              = var.db_max_connections
  performance_insights_enabled = var.environment == "prod"
  secret_recovery_window_days  = var.secret_recovery_window_days
  tags                         = local.tags
}

module "elasticache" {
  source = "../../modules/elasticache"

  name                        = local.name
  vpc_id                      = module.vpc.vpc_id
  subnet_ids                  = module.vpc.private_subnet_ids
  allowed_security_group_ids  = [module.ecs.service_security_group_id]
  engine                      = var.cache_engine
  engine_version              = var.cache_engine_version
  node_type                   = var.cache_node_type
  shard_count                 = var.cache_shard_count
  replica_count               = var.cache_replica_count
  secret_recovery_window_days = var.secret_recovery_window_days
  tags                        = local.tags
}

module "ecs" {
  source = "../../modules/ecs"

  name                    = local.name
  environment             = var.environment
  vpc_id                  = module.vpc.vpc_id
  vpc_cidr_block          = module.vpc.vpc_cidr_block
  public_subnet_ids       = module.vpc.public_subnet_ids
  private_subnet_ids      = module.vpc.private_subnet_ids
  image_repository_url    = data.aws_ecr_repository.caja.repository_url
  image_tag               = var.image_tag
  cpu                     = var.api_cpu
  memory                  = var.api_memory
  desired_count           = var.api_min_count
  min_count               = var.api_min_count
  max_count               = var.api_max_count
  requests_per_target     = var.api_requests_per_target
  database_url_secret_arn = module.rds.database_url_secret_arn
  redis_url_secret_arn    = module.elasticache.redis_url_secret_arn
  redis_mode              = module.elasticache.redis_mode
  frontend_url            = local.frontend_url
  allowed_origins         = [local.frontend_url]
  allowed_hosts           = compact([var.domain_name, var.api_origin_domain_name])
  certificate_arn         = var.alb_certificate_arn
  log_level               = var.log_level
  db_max_conns            = var.db_max_conns_per_task
  extra_environment       = var.app_environment
  log_retention_days      = var.log_retention_days
  tags                    = local.tags
}

module "frontend" {
  source = "../../modules/s3-cloudfront"

  name                       = local.name
  api_origin_domain_name     = local.api_origin_domain_name
  api_origin_protocol_policy = local.api_origin_https ? "https-only" : "http-only"
  aliases                    = compact([var.domain_name])
  acm_certificate_arn        = var.cloudfront_certificate_arn
  price_class                = var.cloudfront_price_class
  origin_shield_region       = var.aws_region
  force_destroy_bucket       = var.environment == "dev"
  tags                       = local.tags
}

# Every task may open CAJA_DB_MAX_CONNS connections; at full scale-out they must
# still fit in Postgres max_connections (with room for operators and migrations).
check "postgres_connection_budget" {
  assert {
    condition     = var.api_max_count * var.db_max_conns_per_task + 20 <= var.db_max_connections
    error_message = "api_max_count x db_max_conns_per_task (+20 spare) exceeds db_max_connections."
  }
}
