# The configuration `make demo` applies against the local emulator. The
# provider reads UNIPILE_DSN and UNIPILE_API_KEY, which the demo sets.
terraform {
  required_providers {
    unipile = {
      source = "unipile/unipile"
    }
  }
}

provider "unipile" {}

variable "crm_secret" {
  description = "Shared secret the CRM checks on every delivery."
  type        = string
  sensitive   = true
  default     = "demo-secret-change-me"
}

# New LinkedIn and WhatsApp messages go to the CRM, as JSON, with a secret
# header the receiver checks.
resource "unipile_webhook" "crm_messages" {
  name        = "crm-messages"
  request_url = "https://crm.example.com/hooks/unipile/messages"
  source      = "messaging"
  events      = ["message_received", "message_reaction"]

  data = [
    { key = "chat_id", name = "conversationId" },
    { key = "message" },
    { key = "sender" },
  ]

  headers = [
    { key = "Content-Type", value = "application/json" },
    { key = "Unipile-Auth", value = var.crm_secret },
  ]

  lifecycle {
    create_before_destroy = true
  }
}

# Sent mail feeds the analytics pipeline, form-encoded.
resource "unipile_webhook" "sent_mail" {
  name        = "analytics-sent-mail"
  request_url = "https://analytics.example.com/ingest/unipile"
  source      = "email"
  events      = ["mail_sent"]
  format      = "form"
}

# Account disconnections page the on-call engineer.
resource "unipile_webhook" "account_status" {
  name        = "oncall-account-status"
  request_url = "https://oncall.example.com/unipile/accounts"
  source      = "account_status"
}

output "webhook_ids" {
  description = "The ids Unipile gave the webhooks."
  value = {
    crm_messages   = unipile_webhook.crm_messages.id
    sent_mail      = unipile_webhook.sent_mail.id
    account_status = unipile_webhook.account_status.id
  }
}
