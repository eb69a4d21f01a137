# The frontend: a private S3 bucket read by CloudFront through Origin Access
# Control, and the same distribution in front of the ALB for /api/*.
#
# /api/v1/sessions/*/state (what every phone polls) is cached by what Caja's
# headers say, and nothing else: the participant view is `public, max-age=0,
# s-maxage=N, stale-while-revalidate=M`, so edge locations (behind one Origin
# Shield) serve the same bytes to every phone for N seconds and ask the origin
# about once per N seconds per session; the admin and display views are
# private and never kept. The cache key holds the query strings `view` and
# `key` (and Origin, which Caja varies on), never Authorization or
# If-None-Match: CloudFront answers each phone's If-None-Match itself.
# The rest of /api/* is per caller (tokens, keys) and passes through uncached.

data "aws_caller_identity" "current" {}

data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_response_headers_policy" "security_headers" {
  name = "Managed-SecurityHeadersPolicy"
}

locals {
  bucket_name   = "${var.name}-frontend-${data.aws_caller_identity.current.account_id}"
  s3_origin_id  = "frontend-s3"
  api_origin_id = "api-alb"
}

resource "aws_s3_bucket" "frontend" {
  bucket        = local.bucket_name
  force_destroy = var.force_destroy_bucket
  tags          = var.tags
}

resource "aws_s3_bucket_ownership_controls" "frontend" {
  bucket = aws_s3_bucket.frontend.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "frontend" {
  bucket                  = aws_s3_bucket.frontend.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "frontend" {
  bucket = aws_s3_bucket.frontend.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "frontend" {
  bucket = aws_s3_bucket.frontend.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "frontend" {
  bucket = aws_s3_bucket.frontend.id

  rule {
    id     = "expire-old-asset-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

resource "aws_cloudfront_origin_access_control" "frontend" {
  name                              = "${var.name}-frontend"
  description                       = "CloudFront reads the ${var.name} frontend bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

data "aws_iam_policy_document" "frontend_bucket" {
  statement {
    sid       = "CloudFrontReadObjects"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.frontend.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }

  # Lets a missing object answer 404 instead of 403.
  statement {
    sid       = "CloudFrontListBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.frontend.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "frontend" {
  bucket = aws_s3_bucket.frontend.id
  policy = data.aws_iam_policy_document.frontend_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.frontend]
}

# Client-side routes (/join/123456, /sessions/...) have no file in the bucket:
# rewrite extension-less paths to /index.html on the S3 behaviour only, so API
# 404s are never replaced by the SPA (as a distribution-wide custom error page would).
resource "aws_cloudfront_function" "spa_rewrite" {
  name    = "${var.name}-spa-rewrite"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for single-page-app routes"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      var uri = request.uri;
      var last = uri.substring(uri.lastIndexOf('/') + 1);
      if (last === '' || last.indexOf('.') === -1) {
        request.uri = '/index.html';
      }
      return request;
    }
  JS
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

# CloudFront forwards Authorization on a cached behaviour only when it is in
# the cache key, which the poll behaviour must not have; the organizer's
# admin view (GET …/state?view=admin) carries its token over as
# X-Caja-Authorization instead, which Caja reads for that view. Its
# responses are private, no-store: never cached, whatever the key.
resource "aws_cloudfront_function" "state_authorization" {
  name    = "${var.name}-state-authorization"
  runtime = "cloudfront-js-2.0"
  comment = "Pass the admin token of GET state?view=admin to the origin"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      var auth = request.headers['authorization'];
      if (auth) {
        request.headers['x-caja-authorization'] = { value: auth.value };
      }
      return request;
    }
  JS
}

resource "aws_cloudfront_cache_policy" "state" {
  name        = "${var.name}-state"
  comment     = "Caja poll path: follows the origin's Cache-Control (s-maxage); view and key in the key; no Authorization or If-None-Match"
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = var.state_max_ttl_seconds

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true

    headers_config {
      header_behavior = "whitelist"
      headers {
        # Caja answers with Vary: Accept-Encoding, Origin (CORS headers).
        items = ["Origin"]
      }
    }

    cookies_config {
      cookie_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "whitelist"
      query_strings {
        items = ["view", "key"]
      }
    }
  }
}

resource "aws_cloudfront_origin_request_policy" "state" {
  name    = "${var.name}-state"
  comment = "Caja poll path: what the origin needs besides the cache key"

  headers_config {
    header_behavior = "whitelist"
    headers {
      items = ["X-Caja-Authorization", "X-Request-Id", "CloudFront-Viewer-Address"]
    }
  }

  cookies_config {
    cookie_behavior = "none"
  }

  query_strings_config {
    query_string_behavior = "none"
  }
}

# Everything else under /api/* depends on who asks: not cached, every viewer
# header (Authorization included: allowed when caching is disabled), query
# string and CloudFront's headers (CloudFront-Viewer-Address among them)
# passed on — but not the viewer's Host: the ALB is reached, and its
# certificate and ALLOWED_HOSTS checked, under its own name.
data "aws_cloudfront_origin_request_policy" "all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = "Caja ${var.name}: SPA from S3, /api/* from the ALB"
  default_root_object = "index.html"
  price_class         = var.price_class
  aliases             = var.aliases
  web_acl_id          = var.web_acl_id

  origin {
    origin_id                = local.s3_origin_id
    domain_name              = aws_s3_bucket.frontend.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.frontend.id
  }

  origin {
    origin_id   = local.api_origin_id
    domain_name = var.api_origin_domain_name

    # One regional cache in front of the ALB: the edge locations' misses
    # for a session's state meet there, so the origin sees about one
    # request per s-maxage per session, not one per edge location.
    origin_shield {
      enabled              = true
      origin_shield_region = var.origin_shield_region
    }

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = var.api_origin_protocol_policy
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = 30
      origin_keepalive_timeout = 60
    }
  }

  default_cache_behavior {
    target_origin_id           = local.s3_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized.id
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security_headers.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_rewrite.arn
    }
  }

  # First match wins: the poll path before the rest of /api/*.
  ordered_cache_behavior {
    path_pattern             = "/api/v1/sessions/*/state"
    target_origin_id         = local.api_origin_id
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["GET", "HEAD", "OPTIONS"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = aws_cloudfront_cache_policy.state.id
    origin_request_policy_id = aws_cloudfront_origin_request_policy.state.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.state_authorization.arn
    }
  }

  # Images (GET /api/v1/images/{id}) are named by the hash of their bytes
  # and served public, immutable, for a year: cached as the origin says,
  # with nothing but the path in the key. Ahead of /api/*.
  ordered_cache_behavior {
    path_pattern           = "/api/v1/images/*"
    target_origin_id       = local.api_origin_id
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    compress               = false
    cache_policy_id        = data.aws_cloudfront_cache_policy.caching_optimized.id
  }

  ordered_cache_behavior {
    path_pattern             = "/api/*"
    target_origin_id         = local.api_origin_id
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled.id
    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.acm_certificate_arn == null
    acm_certificate_arn            = var.acm_certificate_arn
    ssl_support_method             = var.acm_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.acm_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }

  tags = var.tags
}
