# Mail arriving in the support mailbox opens a ticket. Form-encoded bodies
# suit receivers that expect a classic HTML form post.
resource "unipile_webhook" "support_inbox" {
  name        = "helpdesk-inbound"
  request_url = "https://helpdesk.example.com/inbound/unipile"
  source      = "email"
  events      = ["mail_received"]
  format      = "form"
  account_ids = ["Hq0eWbXfSmOq0gT4b5sxVQ"]

  data = [
    { key = "email_id" },
    { key = "from_attendee", name = "from" },
    { key = "subject" },
    { key = "body_plain", name = "body" },
    { key = "has_attachments" },
  ]
}
