package emulator

import "slices"

type sourceRules struct {
	// events lists the accepted event names; empty means the source takes
	// no events at all.
	events []string

	// defaultEvents is stored when a create omits events.
	defaultEvents []string

	// dataKeys lists the documented payload keys, which are also the
	// default data when a create omits it. Nil means the keys are
	// undocumented and any non-empty key is accepted.
	dataKeys []string

	// legacyDataKeys are accepted but not part of the default: older SDKs
	// sent them and the real API may still take them.
	legacyDataKeys []string
}

// sources holds the rules for every documented source. Event lists are
// strict because the names are settled; data keys are strict only where the
// notes list them.
var sources = map[string]sourceRules{
	"messaging": {
		events:        []string{"message_received", "message_read", "message_reaction"},
		defaultEvents: []string{"message_received"},
		dataKeys: []string{
			"account_id", "account_type", "chat_id", "timestamp", "webhook_name",
			"message_id", "message", "reaction", "reaction_sender", "sender",
			"attendees", "attachments",
		},
		legacyDataKeys: []string{"attendee_id", "attendee_name"},
	},
	"email": {
		events:        []string{"mail_received", "mail_sent"},
		defaultEvents: []string{"mail_received"},
		dataKeys: []string{
			"email_id", "account_id", "webhook_name", "date", "from_attendee",
			"to_attendees", "cc_attendees", "bcc_attendees", "reply_to_attendees",
			"subject", "body", "body_plain", "message_id", "provider_id",
			"tracking_id", "read_date", "is_complete", "in_reply_to",
			"has_attachments", "attachments", "folders", "role", "origin",
		},
	},
	"email_tracking": {
		events:        []string{"mail_opened", "mail_link_clicked"},
		defaultEvents: []string{"mail_opened"},
		dataKeys: []string{
			"event_id", "tracking_id", "type", "date", "email_id", "account_id",
			"ip", "user_agent", "url", "label", "custom_domain",
		},
	},
	"users": {
		events:        []string{"new_relation"},
		defaultEvents: []string{"new_relation"},
	},
	"calendar_event": {
		events: []string{
			"calendar_event_created", "calendar_event_updated", "calendar_event_deleted",
		},
		defaultEvents: []string{
			"calendar_event_created", "calendar_event_updated", "calendar_event_deleted",
		},
	},
	"account_status": {},
}

// sourceNames lists the sources in the order the notes give them, for
// error messages.
var sourceNames = []string{
	"messaging", "users", "account_status", "email", "email_tracking", "calendar_event",
}

func (r sourceRules) acceptsEvent(event string) bool {
	return slices.Contains(r.events, event)
}

func (r sourceRules) acceptsDataKey(key string) bool {
	if r.dataKeys == nil {
		return key != ""
	}

	return slices.Contains(r.dataKeys, key) || slices.Contains(r.legacyDataKeys, key)
}

// defaultData is every documented key, each delivered under its own name.
func (r sourceRules) defaultData() []DataField {
	data := make([]DataField, 0, len(r.dataKeys))
	for _, key := range r.dataKeys {
		data = append(data, DataField{Key: key, Name: key})
	}

	return data
}
