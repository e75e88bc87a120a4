terraform {
  required_version = ">= 1.11"

  required_providers {
    unipile = {
      source = "unipile/unipile"
    }
  }
}

variable "unipile_api_key" {
  description = "A Unipile access token, created in the Unipile dashboard."
  type        = string
  sensitive   = true
}

provider "unipile" {
  # The DSN shown in the Unipile dashboard. Leave dsn and api_key out to
  # read them from UNIPILE_DSN and UNIPILE_API_KEY instead.
  dsn     = "api8.unipile.com:13443"
  api_key = var.unipile_api_key

  # Retry rate limits, server errors and dropped connections up to five
  # times instead of the default four.
  max_retries = 5
}
