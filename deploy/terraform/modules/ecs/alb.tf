# Application Load Balancer. CloudFront is the public entry point and reaches it
# for /api/*; the target group's health check is /readyz.

locals {
  https = var.certificate_arn != null
  # Ports CloudFront (or anyone, when restrict_to_cloudfront is false) may use.
  ingress_ports = local.https ? [80, 443] : [80]
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.restrict_to_cloudfront ? 1 : 0
  name  = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "ALB of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each = toset([for p in local.ingress_ports : tostring(p)])

  security_group_id = aws_security_group.alb.id
  ip_protocol       = "tcp"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
  prefix_list_id    = var.restrict_to_cloudfront ? data.aws_ec2_managed_prefix_list.cloudfront[0].id : null
  cidr_ipv4         = var.restrict_to_cloudfront ? null : "0.0.0.0/0"
  description       = var.restrict_to_cloudfront ? "HTTP(S) from CloudFront" : "HTTP(S) from anywhere"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  security_group_id            = aws_security_group.alb.id
  referenced_security_group_id = aws_security_group.service.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  description                  = "To the caja tasks"
}

resource "aws_security_group" "service" {
  name        = "${var.name}-service"
  description = "caja tasks of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-service" })
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  security_group_id            = aws_security_group.service.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  description                  = "HTTP from the ALB"
}

resource "aws_vpc_security_group_ingress_rule" "service_metrics" {
  security_group_id = aws_security_group.service.id
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = local.metrics_port
  to_port           = local.metrics_port
  description       = "Prometheus scrapes from inside the VPC (CAJA_METRICS_ADDR)"
}

resource "aws_vpc_security_group_egress_rule" "service_all" {
  security_group_id = aws_security_group.service.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  description       = "Postgres, Redis, ECR, Secrets Manager, CloudWatch Logs"
}

resource "aws_lb" "this" {
  name               = substr("${var.name}-alb", 0, 32)
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.alb.id]
  subnets            = var.public_subnet_ids
  idle_timeout       = 60

  drop_invalid_header_fields = true
  enable_deletion_protection = var.environment == "prod"

  tags = var.tags
}

resource "aws_lb_target_group" "api" {
  name        = substr("${var.name}-api", 0, 32)
  port        = var.container_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  # A stopping task is drained for this long before ECS sends SIGTERM; the app
  # then has CAJA_SHUTDOWN_TIMEOUT, inside the container's stopTimeout.
  deregistration_delay = var.deregistration_delay_seconds

  # /readyz is 503 while Postgres or Redis is unreachable. ECS replaces tasks the
  # target group marks unhealthy, so the threshold rides out an ElastiCache or
  # RDS Multi-AZ failover (typically under a minute) without replacing tasks;
  # the ALB fails open (routes to all targets) if every target is unhealthy.
  health_check {
    path                = var.health_check_path
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = var.health_check_unhealthy_threshold
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.https ? "redirect" : "forward"
    target_group_arn = local.https ? null : aws_lb_target_group.api.arn

    dynamic "redirect" {
      for_each = local.https ? [1] : []
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  count             = local.https ? 1 : 0
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }

  tags = var.tags
}

# /metrics is for the in-VPC scraper only, never through the public entry point.
resource "aws_lb_listener_rule" "deny_metrics" {
  listener_arn = local.https ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn
  priority     = 10

  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "not found"
      status_code  = "404"
    }
  }

  condition {
    path_pattern {
      values = ["/metrics", "/metrics/*"]
    }
  }

  tags = var.tags
}
