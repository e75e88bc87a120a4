# Every webhook of the Unipile account.
data "unipile_webhooks" "all" {}

# Only the disabled messaging webhooks that deliver to one URL.
data "unipile_webhooks" "paused_crm" {
  source      = "messaging"
  request_url = "https://crm.example.com/hooks/unipile"
  enabled     = false
}

output "webhook_ids" {
  value = data.unipile_webhooks.all.webhooks[*].id
}

output "paused_crm_webhooks" {
  value = { for webhook in data.unipile_webhooks.paused_crm.webhooks : webhook.id => webhook.name }
}
