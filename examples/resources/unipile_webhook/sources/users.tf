# New LinkedIn relations (accepted invitations) start an onboarding sequence.
resource "unipile_webhook" "new_relations" {
  name        = "sequencer-relations"
  request_url = "https://sequencer.example.com/hooks/unipile/relations"
  source      = "users"
  events      = ["new_relation"]
}
