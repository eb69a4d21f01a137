# The caja service on ECS Fargate: every task serves HTTP; one of them (chosen
# by a time-bound lease in Postgres inside the app) also runs the projector.

data "aws_region" "current" {}

locals {
  container_name = "caja"
  # /metrics lives on its own port, which only the VPC reaches.
  metrics_port = 9090

  # Non-secret configuration. DATABASE_URL and REDIS_URL are container secrets (below).
  environment = merge({
    CAJA_ADDR             = ":${var.container_port}"
    FRONTEND_URL          = var.frontend_url
    ALLOWED_ORIGINS       = join(",", var.allowed_origins)
    ALLOWED_HOSTS         = join(",", distinct(concat([aws_lb.this.dns_name], var.allowed_hosts)))
    TRUSTED_PROXIES       = var.vpc_cidr_block
    CAJA_SHUTDOWN_TIMEOUT = "${var.shutdown_timeout_seconds}s"
    CAJA_LOG_LEVEL        = var.log_level
    CAJA_DB_MAX_CONNS     = tostring(var.db_max_conns)
    CAJA_METRICS_ADDR     = ":${local.metrics_port}"
    CAJA_REDIS_MODE       = var.redis_mode
    DEBUG                 = "false"
    # The Go GC's soft limit: collect before the task's memory is reached
    # rather than be killed for garbage (README "Memory").
    GOMEMLIMIT = "${floor(var.memory * 0.9)}MiB"
  }, var.extra_environment)
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/${var.name}/caja"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_ecs_task_definition" "api" {
  family                   = "${var.name}-api"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = local.container_name
      image     = "${var.image_repository_url}:${var.image_tag}"
      essential = true
      command   = ["serve"]
      user      = "65532:65532"

      readonlyRootFilesystem = true

      portMappings = [
        {
          name          = "http"
          containerPort = var.container_port
          protocol      = "tcp"
        },
        {
          name          = "metrics"
          containerPort = local.metrics_port
          protocol      = "tcp"
        }
      ]

      environment = [for k, v in local.environment : { name = k, value = v }]

      # Resolved by the ECS agent at task start from Secrets Manager; never in
      # the task definition, the image or the Terraform code.
      secrets = [
        {
          name      = "DATABASE_URL"
          valueFrom = var.database_url_secret_arn
        },
        {
          name      = "REDIS_URL"
          valueFrom = var.redis_url_secret_arn
        }
      ]

      # SIGTERM -> the app fails /readyz, finishes in-flight requests within
      # CAJA_SHUTDOWN_TIMEOUT, stops the projector after its batch -> exit.
      # SIGKILL only after stopTimeout.
      stopTimeout = var.stop_timeout_seconds

      # distroless has no shell or curl: the binary checks its own /livez.
      healthCheck = {
        command     = ["CMD", "/caja", "healthcheck"]
        interval    = 10
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.api.name
          "awslogs-region"        = data.aws_region.current.region
          "awslogs-stream-prefix" = "ecs"
        }
      }
    }
  ])

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.stop_timeout_seconds > var.shutdown_timeout_seconds
      error_message = "stop_timeout_seconds must be greater than shutdown_timeout_seconds (CAJA_SHUTDOWN_TIMEOUT), or ECS kills the app mid-shutdown."
    }
  }
}

resource "aws_ecs_service" "api" {
  name             = "caja-api"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.api.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  # Rolling deploy: start new tasks first, never drop below the current count,
  # roll back automatically when the new tasks never become healthy.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  health_check_grace_period_seconds = 60
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  wait_for_steady_state             = false # the deploy workflow waits with `aws ecs wait services-stable`

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  tags = var.tags

  # desired_count belongs to autoscaling after creation. task_definition belongs
  # to the rollout: Terraform registers each new revision, and the deploy
  # workflow (or an operator, see deploy/README.md) moves the service to it with
  # `aws ecs update-service --task-definition ... --force-new-deployment`.
  lifecycle {
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_lb_listener.http, aws_lb_listener.https, aws_iam_role_policy.execution_secrets]
}
