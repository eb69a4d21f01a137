output "bucket_name" {
  description = "Frontend bucket (aws s3 sync web/dist s3://<bucket_name>)."
  value       = aws_s3_bucket.frontend.bucket
}

output "bucket_arn" {
  description = "ARN of the frontend bucket."
  value       = aws_s3_bucket.frontend.arn
}

output "distribution_id" {
  description = "CloudFront distribution ID (aws cloudfront create-invalidation --distribution-id)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "distribution_domain_name" {
  description = "The *.cloudfront.net name of the distribution."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_hosted_zone_id" {
  description = "Route 53 zone ID for alias records pointing at the distribution."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "state_cache_policy_id" {
  description = "ID of the cache policy of /api/v1/sessions/*/state (follows the origin's s-maxage)."
  value       = aws_cloudfront_cache_policy.state.id
}
