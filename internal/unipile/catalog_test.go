package unipile

import (
	"slices"
	"testing"
)

func TestInferSource(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		events   []string
		dataKeys []string
		want     string
		wantOK   bool
	}{
		"messaging by event":           {events: []string{"message_read"}, want: SourceMessaging, wantOK: true},
		"email by event":               {events: []string{"mail_sent"}, want: SourceEmail, wantOK: true},
		"email tracking by event":      {events: []string{"mail_link_clicked"}, want: SourceEmailTracking, wantOK: true},
		"users by event":               {events: []string{"new_relation"}, dataKeys: []string{"account_id"}, want: SourceUsers, wantOK: true},
		"calendar by event":            {events: []string{"calendar_event_deleted"}, want: SourceCalendarEvent, wantOK: true},
		"messaging by data key alone":  {dataKeys: []string{"chat_id", "account_id"}, wantOK: false},
		"email tracking by data key":   {dataKeys: []string{"ip", "user_agent"}, wantOK: false},
		"unknown event rules nothing":  {events: []string{"message_edited", "message_received"}, want: SourceMessaging, wantOK: true},
		"nothing to go on":             {wantOK: false},
		"events of two sources":        {events: []string{"message_read", "mail_sent"}, wantOK: false},
		"event and data key disagree":  {events: []string{"mail_sent"}, dataKeys: []string{"chat_id"}, wantOK: false},
		"shared data key keeps source": {events: []string{"mail_received"}, dataKeys: []string{"message_id", "subject"}, want: SourceEmail, wantOK: true},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, ok := InferSource(test.events, test.dataKeys)
			if ok != test.wantOK || got != test.want {
				t.Errorf("InferSource(%v, %v) = %q, %v; want %q, %v", test.events, test.dataKeys, got, ok, test.want, test.wantOK)
			}
		})
	}
}

func TestCatalogCoversEverySource(t *testing.T) {
	t.Parallel()

	for _, source := range Sources() {
		entry, ok := CatalogFor(source)
		if !ok {
			t.Fatalf("no catalog entry for %q", source)
		}
		for _, event := range entry.DefaultEvents {
			if !slices.Contains(entry.Events, event) {
				t.Errorf("%s: default event %q is not among its events", source, event)
			}
		}
	}

	if _, ok := CatalogFor("sms"); ok {
		t.Error("CatalogFor(\"sms\") reported a source that does not exist")
	}
}
