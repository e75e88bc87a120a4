# `terraform query` (Terraform 1.14+) lists existing webhooks. With
# include_resource, `terraform query -generate-config-out=webhooks.tf` writes
# a resource block and an import block for each one found.
list "unipile_webhook" "email" {
  provider         = unipile
  include_resource = true

  config {
    source = "email"
  }
}

# Filters combine: here, the webhooks named crm-accounts that deliver to one
# URL, at most five of them.
list "unipile_webhook" "crm" {
  provider = unipile
  limit    = 5

  config {
    name        = "crm-accounts"
    request_url = "https://crm.example.com/hooks/unipile/accounts"
  }
}
