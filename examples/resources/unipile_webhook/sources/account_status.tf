# Disconnected or failing accounts page the on-call engineer. An
# account_status webhook has neither events nor payload fields: every change
# of status is delivered, with the account and its new status.
resource "unipile_webhook" "account_alerts" {
  name        = "oncall-accounts"
  request_url = "https://oncall.example.com/unipile/accounts"
  source      = "account_status"

  headers = [
    { key = "Content-Type", value = "application/json" },
  ]
}
