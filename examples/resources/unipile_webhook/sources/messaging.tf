# New LinkedIn and WhatsApp messages, and reactions to them, for a no-code
# automation. Make and Bubble read the body as JSON only when the delivery
# says it is JSON, which API-made webhooks do not unless a header sets it.
resource "unipile_webhook" "messages" {
  name        = "make-messages"
  request_url = "https://hook.eu2.make.com/abcd1234efgh5678"
  source      = "messaging"
  events      = ["message_received", "message_reaction"]

  data = [
    { key = "chat_id", name = "conversationId" },
    { key = "message_id", name = "messageId" },
    { key = "message" },
    { key = "sender" },
    { key = "reaction" },
    { key = "timestamp" },
  ]

  headers = [
    { key = "Content-Type", value = "application/json" },
  ]

  lifecycle {
    create_before_destroy = true
  }
}
