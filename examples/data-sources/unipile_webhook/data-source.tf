# Look a webhook up by its id, for example one made in the Unipile dashboard.
data "unipile_webhook" "crm" {
  id = "zYnh13HWV76_G3KyE-cAyg"
}

# Or by its name, which works only while exactly one webhook has it.
data "unipile_webhook" "account_alerts" {
  name = "account-alerts"
}

output "crm_webhook_target" {
  value = data.unipile_webhook.crm.request_url
}

output "account_alerts_accounts" {
  value = [for account in coalesce(data.unipile_webhook.account_alerts.accounts, []) : account.name]
}
