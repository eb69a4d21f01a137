variable "name" {
  description = "Name prefix for every resource (e.g. caja-prod)."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC. Public subnets take /24s from the start, private subnets from .100 on."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Number of availability zones to spread subnets over (at least 2: the ALB, RDS Multi-AZ and ElastiCache failover need two)."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "az_count must be between 2 and 4."
  }
}

variable "single_nat_gateway" {
  description = "true: one NAT gateway shared by all private subnets (cheaper, dev/staging); false: one per availability zone (prod)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
