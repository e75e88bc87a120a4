# The least a webhook needs: where to deliver, and what to listen to. Unipile
# sends its default events (here message_received) for every account.
resource "unipile_webhook" "minimal" {
  request_url = "https://hooks.example.com/unipile/messages"
  source      = "messaging"
}

# An ephemeral variable is never written to the plan or the state, and can
# feed a write-only attribute such as headers_wo.
variable "crm_webhook_secret" {
  description = "Shared secret the CRM expects in the Unipile-Auth header of every delivery."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Every argument set. Changing any of them replaces the webhook, so
# create_before_destroy keeps deliveries flowing while that happens.
resource "unipile_webhook" "full" {
  name        = "crm-mailboxes"
  request_url = "https://crm.example.com/hooks/unipile/email"
  source      = "email"
  format      = "json"
  enabled     = true
  account_ids = ["t5XY4yQzR9WVrlNFyzPMhw", "Hq0eWbXfSmOq0gT4b5sxVQ"]
  events      = ["mail_received", "mail_sent"]

  # Only these payload fields are delivered, some under another name.
  data = [
    { key = "email_id", name = "emailId" },
    { key = "account_id", name = "mailboxId" },
    { key = "from_attendee", name = "from" },
    { key = "subject" },
    { key = "body_plain", name = "text" },
    { key = "date" },
  ]

  # Webhooks made through the API send no JSON Content-Type unless told to.
  headers = [
    { key = "Content-Type", value = "application/json" },
  ]

  # The secret goes to Unipile but never into the state (Terraform 1.11+).
  # Bump headers_wo_version whenever the secret changes.
  headers_wo = [
    { key = "Unipile-Auth", value = var.crm_webhook_secret },
  ]
  headers_wo_version = 1

  lifecycle {
    create_before_destroy = true
  }
}
