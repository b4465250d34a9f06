output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Private subnets (no route from the internet): the database, the Airflow host."
  value       = aws_subnet.private[*].id
}

output "nat_public_ips" {
  description = "Addresses the private subnets' traffic leaves from, e.g. for an API provider's allow-list."
  value       = aws_eip.nat[*].public_ip
}
