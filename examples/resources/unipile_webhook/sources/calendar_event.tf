# Calendar changes keep a scheduling tool in sync. Only the connected
# calendars listed in account_ids report.
resource "unipile_webhook" "calendar_sync" {
  name        = "scheduler-calendar"
  request_url = "https://scheduler.example.com/hooks/unipile/calendar"
  source      = "calendar_event"
  account_ids = ["t5XY4yQzR9WVrlNFyzPMhw"]
  events = [
    "calendar_event_created",
    "calendar_event_updated",
    "calendar_event_deleted",
  ]
}
