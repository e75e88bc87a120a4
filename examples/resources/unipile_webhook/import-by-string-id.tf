# An import block adopts an existing webhook on the next apply (Terraform
# 1.5+). The resource block must describe the webhook as it is, or the plan
# replaces it.
import {
  to = unipile_webhook.example
  id = "zYnh13HWV76_G3KyE-cAyg"
}

resource "unipile_webhook" "example" {
  name        = "crm-messages"
  request_url = "https://crm.example.com/hooks/unipile/messages"
  source      = "messaging"
  events      = ["message_received"]
}

# The <source>/<id> form names the source, for webhooks whose source Unipile's
# answer cannot reveal, such as account_status ones.
import {
  to = unipile_webhook.account_alerts
  id = "account_status/hX3Tb0mQSa2k9LwVn4RcPg"
}

resource "unipile_webhook" "account_alerts" {
  name        = "oncall-accounts"
  request_url = "https://oncall.example.com/unipile/accounts"
  source      = "account_status"
}
