# From Terraform 1.12, an import block can name a webhook by its identity,
# which is what `terraform query -generate-config-out` writes. The identity
# holds the bare webhook id.
import {
  to = unipile_webhook.example
  identity = {
    id = "zYnh13HWV76_G3KyE-cAyg"
  }
}

resource "unipile_webhook" "example" {
  name        = "crm-messages"
  request_url = "https://crm.example.com/hooks/unipile/messages"
  source      = "messaging"
  events      = ["message_received"]
}

# An identity cannot name a source. When Unipile's answer does not reveal it,
# as with account_status webhooks, the source is taken from the resource
# block, and the first apply records it without replacing the webhook.
import {
  to = unipile_webhook.account_alerts
  identity = {
    id = "hX3Tb0mQSa2k9LwVn4RcPg"
  }
}

resource "unipile_webhook" "account_alerts" {
  name        = "oncall-accounts"
  request_url = "https://oncall.example.com/unipile/accounts"
  source      = "account_status"
}
