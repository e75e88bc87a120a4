variable "analytics_token" {
  description = "Token the analytics pipeline checks on every delivery."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Opens and link clicks of tracked emails feed campaign analytics. The token
# reaches Unipile through headers_wo and is never stored in the state.
resource "unipile_webhook" "tracking" {
  name        = "campaign-analytics"
  request_url = "https://analytics.example.com/ingest/unipile/tracking"
  source      = "email_tracking"
  events      = ["mail_opened", "mail_link_clicked"]

  data = [
    { key = "tracking_id", name = "trackingId" },
    { key = "type" },
    { key = "date" },
    { key = "url" },
    { key = "label", name = "campaign" },
  ]

  headers_wo = [
    { key = "Content-Type", value = "application/json" },
    { key = "Authorization", value = "Bearer ${var.analytics_token}" },
  ]
  headers_wo_version = 1
}
