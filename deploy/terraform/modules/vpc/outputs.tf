output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC (the load balancer's addresses are inside it: use it for TRUSTED_PROXIES)."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (load balancer, NAT gateways)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (ECS tasks, RDS, ElastiCache)."
  value       = aws_subnet.private[*].id
}

output "availability_zones" {
  description = "Availability zones the subnets are in."
  value       = local.azs
}

output "nat_gateway_public_ips" {
  description = "Public IPs the tasks' outbound traffic leaves from."
  value       = aws_eip.nat[*].public_ip
}
