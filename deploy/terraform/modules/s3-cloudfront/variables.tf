variable "name" {
  description = "Name prefix for every resource (e.g. caja-prod)."
  type        = string
}

variable "api_origin_domain_name" {
  description = "Domain name of the API origin for /api/* (the ALB's DNS name, or a custom name matching the ALB's certificate)."
  type        = string
}

variable "api_origin_protocol_policy" {
  description = "How CloudFront reaches the API origin: http-only (ALB without certificate) or https-only."
  type        = string
  default     = "http-only"

  validation {
    condition     = contains(["http-only", "https-only", "match-viewer"], var.api_origin_protocol_policy)
    error_message = "api_origin_protocol_policy must be http-only, https-only or match-viewer."
  }
}

variable "aliases" {
  description = "Custom domain names of the distribution (need acm_certificate_arn); empty uses the *.cloudfront.net name."
  type        = list(string)
  default     = []
}

variable "acm_certificate_arn" {
  description = "ACM certificate in us-east-1 covering the aliases; null uses CloudFront's default certificate."
  type        = string
  default     = null
}

variable "price_class" {
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}

variable "state_max_ttl_seconds" {
  description = "Longest time CloudFront may keep a participant view, whatever the origin's s-maxage says (CAJA_POLL_SHARED_MAX_AGE, 1 s by default)."
  type        = number
  default     = 10
}

variable "origin_shield_region" {
  description = "AWS region of the Origin Shield in front of the API origin: the region of the ALB (or the Origin Shield region nearest it)."
  type        = string
}

variable "web_acl_id" {
  description = "Optional AWS WAF web ACL (ARN) attached to the distribution, e.g. with rate-based rules."
  type        = string
  default     = null
}

variable "force_destroy_bucket" {
  description = "Allow terraform destroy to delete a non-empty frontend bucket (throw-away environments only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
