package unipile

import "slices"

// SourceCatalog is what Unipile's documentation says a source accepts.
//
// The lists are not equally reliable. EventsDocumented and DataKeysDocumented
// say whether a list can be trusted to be complete: where it can, a value
// outside it is very likely a mistake; where it cannot, Unipile may accept
// values that nobody has written down yet, so callers should only warn.
type SourceCatalog struct {
	Source             string
	DefaultEvents      []string
	Events             []string
	EventsDocumented   bool
	DataKeys           []string
	DataKeysDocumented bool
}

// The event lists for messaging, email, email_tracking and calendar_event
// are stated by two sources; users and account_status rest on the SDK alone.
// Data keys are known for three sources, from one source each.
var catalog = []SourceCatalog{
	{
		Source:           SourceMessaging,
		DefaultEvents:    []string{"message_received"},
		Events:           []string{"message_received", "message_read", "message_reaction"},
		EventsDocumented: true,
		DataKeys: []string{
			"account_id", "account_type", "chat_id", "timestamp", "webhook_name",
			"message_id", "message", "reaction", "reaction_sender", "sender",
			"attendees", "attachments", "attendee_id", "attendee_name",
		},
		DataKeysDocumented: true,
	},
	{
		Source:           SourceEmail,
		DefaultEvents:    []string{"mail_received"},
		Events:           []string{"mail_received", "mail_sent"},
		EventsDocumented: true,
		DataKeys: []string{
			"email_id", "account_id", "webhook_name", "date", "from_attendee",
			"to_attendees", "cc_attendees", "bcc_attendees", "reply_to_attendees",
			"subject", "body", "body_plain", "message_id", "provider_id",
			"tracking_id", "read_date", "is_complete", "in_reply_to",
			"has_attachments", "attachments", "folders", "role", "origin",
		},
		DataKeysDocumented: true,
	},
	{
		Source:           SourceEmailTracking,
		DefaultEvents:    []string{"mail_opened"},
		Events:           []string{"mail_opened", "mail_link_clicked"},
		EventsDocumented: true,
		DataKeys: []string{
			"event_id", "tracking_id", "type", "date", "email_id", "account_id",
			"ip", "user_agent", "url", "label", "custom_domain",
		},
		DataKeysDocumented: true,
	},
	{
		Source:        SourceUsers,
		DefaultEvents: []string{"new_relation"},
		Events:        []string{"new_relation"},
	},
	{
		Source:           SourceCalendarEvent,
		Events:           []string{"calendar_event_created", "calendar_event_updated", "calendar_event_deleted"},
		EventsDocumented: true,
	},
	{
		Source: SourceAccountStatus,
	},
}

// Sources lists every source a webhook can be created for.
func Sources() []string {
	names := make([]string, 0, len(catalog))
	for _, entry := range catalog {
		names = append(names, entry.Source)
	}

	return names
}

// CatalogFor returns what is known of a source, and false for an unknown one.
func CatalogFor(source string) (SourceCatalog, bool) {
	for _, entry := range catalog {
		if entry.Source == source {
			return entry, true
		}
	}

	return SourceCatalog{}, false
}

// SourcesWithEvent lists the sources whose documented events include event.
func SourcesWithEvent(event string) []string {
	var owners []string
	for _, entry := range catalog {
		if slices.Contains(entry.Events, event) {
			owners = append(owners, entry.Source)
		}
	}

	return owners
}

// SourcesWithDataKey lists the sources that may accept key: those whose
// documented keys include it, and those whose keys nobody has documented.
func SourcesWithDataKey(key string) []string {
	var owners []string
	for _, entry := range catalog {
		if !entry.DataKeysDocumented || slices.Contains(entry.DataKeys, key) {
			owners = append(owners, entry.Source)
		}
	}

	return owners
}

// InferSource tells which source a listed webhook was made for, since list
// items do not say. Every event and data key narrows the candidates to the
// sources known to accept it; an unrecognised value rules nothing out, so a
// new Unipile event does not make a webhook unreadable. Events decide most
// cases, because every source but account_status has events of its own. It
// returns false
// when the evidence fits no source or more than one.
func InferSource(events []string, dataKeys []string) (string, bool) {
	candidates := Sources()

	narrow := func(owners []string) {
		if len(owners) == 0 {
			return
		}
		candidates = slices.DeleteFunc(candidates, func(source string) bool {
			return !slices.Contains(owners, source)
		})
	}

	for _, event := range events {
		narrow(SourcesWithEvent(event))
	}
	for _, key := range dataKeys {
		narrow(SourcesWithDataKey(key))
	}

	if len(candidates) != 1 {
		return "", false
	}

	return candidates[0], true
}
