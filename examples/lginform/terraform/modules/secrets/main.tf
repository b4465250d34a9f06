# The LG Inform Plus application key and private key, as one JSON secret:
#   {"applicationKey": "...", "privateKey": "..."}
# Terraform creates the empty secret; a person with the keys puts the value
# with the AWS CLI, so the values never enter code, plans or state:
#   aws secretsmanager put-secret-value --secret-id <name> --secret-string file://keys.json
resource "aws_secretsmanager_secret" "api_keys" {
  #checkov:skip=CKV2_AWS_57:The keys are issued by LG Inform Plus (esd.org.uk) and can only be reissued by a person through its website, so a rotation Lambda has nothing to call; they are rotated by hand each year and on any suspicion of leak.
  name                    = var.name
  description             = "LG Inform Plus API keys for the lginform pipeline: JSON {applicationKey, privateKey}. Put by hand with aws secretsmanager put-secret-value."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_in_days
}
