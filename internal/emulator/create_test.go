package emulator

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// with returns the minimal body of source with extra fields set.
func with(source string, fields map[string]any) map[string]any {
	body := minimalBody(source)
	for k, v := range fields {
		body[k] = v
	}

	return body
}

func TestCreateAccepts(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	tests := map[string]map[string]any{
		"messaging all events": with("messaging", map[string]any{
			"events": []string{"message_received", "message_read", "message_reaction"},
		}),
		"messaging data keys": with("messaging", map[string]any{
			"data": []map[string]string{{"key": "chat_id", "name": "chat"}, {"key": "attendee_id"}},
		}),
		"email events and data": with("email", map[string]any{
			"events": []string{"mail_sent"}, "data": []map[string]string{{"key": "subject", "name": "s"}},
		}),
		"email_tracking": with("email_tracking", map[string]any{
			"events": []string{"mail_link_clicked"}, "data": []map[string]string{{"key": "url", "name": "u"}},
		}),
		"users with any data key": with("users", map[string]any{
			"events": []string{"new_relation"}, "data": []map[string]string{{"key": "whatever", "name": "w"}},
		}),
		"calendar_event": with("calendar_event", map[string]any{
			"events": []string{"calendar_event_deleted"}, "data": []map[string]string{{"key": "anything"}},
		}),
		"account_status": minimalBody("account_status"),
		"form format":    with("messaging", map[string]any{"format": "form"}),
		"plain http url": with("messaging", map[string]any{"request_url": "http://127.0.0.1:9/in"}),
		"unknown fields": with("messaging", map[string]any{"surprise": map[string]any{"x": 1}}),
		"headers and accounts": with("messaging", map[string]any{
			"headers":     []map[string]string{{"key": "Unipile-Auth", "value": ""}},
			"account_ids": []string{"acc_1", "acc_unknown"},
		}),
		"disabled": with("messaging", map[string]any{"enabled": false, "name": "quiet"}),
	}

	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, body)
			if resp.status != http.StatusCreated {
				t.Errorf("status = %d, want 201 (body %v)", resp.status, resp.body)
			}
		})
	}
}

func TestCreateRejects(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	tests := map[string]struct {
		body       any
		wantType   string
		wantDetail []string // fragments the detail must name
	}{
		"malformed json":    {body: `{"source":`, wantType: "errors/malformed_request"},
		"empty body":        {body: ``, wantType: "errors/malformed_request"},
		"array body":        {body: `[]`, wantType: "errors/malformed_request"},
		"two values":        {body: `{"source":"users","request_url":"https://a.b"} {}`, wantType: "errors/malformed_request"},
		"missing both":      {body: map[string]any{}, wantType: "errors/missing_parameters", wantDetail: []string{"request_url", "source"}},
		"missing url":       {body: map[string]any{"source": "users"}, wantType: "errors/missing_parameters", wantDetail: []string{"request_url"}},
		"missing source":    {body: map[string]any{"request_url": "https://a.b"}, wantType: "errors/missing_parameters", wantDetail: []string{"source"}},
		"null source":       {body: `{"request_url":"https://a.b","source":null}`, wantType: "errors/missing_parameters", wantDetail: []string{"source"}},
		"wrong type":        {body: `{"request_url":5,"source":"users"}`, wantType: "errors/invalid_parameters", wantDetail: []string{"request_url"}},
		"relative url":      {body: with("users", map[string]any{"request_url": "/hook"}), wantType: "errors/invalid_parameters", wantDetail: []string{"request_url", `"/hook"`}},
		"ftp url":           {body: with("users", map[string]any{"request_url": "ftp://a.b/x"}), wantType: "errors/invalid_parameters", wantDetail: []string{"request_url", "ftp://a.b/x"}},
		"empty url":         {body: with("users", map[string]any{"request_url": ""}), wantType: "errors/invalid_parameters", wantDetail: []string{"request_url"}},
		"unknown source":    {body: minimalBody("sms"), wantType: "errors/invalid_parameters", wantDetail: []string{"source", `"sms"`}},
		"bad format":        {body: with("users", map[string]any{"format": "xml"}), wantType: "errors/invalid_parameters", wantDetail: []string{"format", `"xml"`}},
		"messaging event":   {body: with("messaging", map[string]any{"events": []string{"message_received", "mail_sent"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[1]", `"mail_sent"`}},
		"email event":       {body: with("email", map[string]any{"events": []string{"mail_opened"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[0]", `"mail_opened"`}},
		"tracking event":    {body: with("email_tracking", map[string]any{"events": []string{"mail_received"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[0]", `"mail_received"`}},
		"users event":       {body: with("users", map[string]any{"events": []string{"new_follower"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[0]", `"new_follower"`}},
		"calendar event":    {body: with("calendar_event", map[string]any{"events": []string{"calendar_event_moved"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[0]", `"calendar_event_moved"`}},
		"status event":      {body: with("account_status", map[string]any{"events": []string{"message_received"}}), wantType: "errors/invalid_parameters", wantDetail: []string{"events[0]", `"message_received"`}},
		"messaging data":    {body: with("messaging", map[string]any{"data": []map[string]string{{"key": "subject"}}}), wantType: "errors/invalid_parameters", wantDetail: []string{"data[0].key", `"subject"`}},
		"email data":        {body: with("email", map[string]any{"data": []map[string]string{{"key": "chat_id"}}}), wantType: "errors/invalid_parameters", wantDetail: []string{"data[0].key", `"chat_id"`}},
		"tracking data":     {body: with("email_tracking", map[string]any{"data": []map[string]string{{"key": "ip"}, {"key": "body"}}}), wantType: "errors/invalid_parameters", wantDetail: []string{"data[1].key", `"body"`}},
		"users empty key":   {body: with("users", map[string]any{"data": []map[string]string{{"name": "x"}}}), wantType: "errors/invalid_parameters", wantDetail: []string{"data[0].key"}},
		"empty header key":  {body: with("users", map[string]any{"headers": []map[string]string{{"key": "", "value": "v"}}}), wantType: "errors/invalid_parameters", wantDetail: []string{"headers[0].key"}},
		"empty account id":  {body: with("users", map[string]any{"account_ids": []string{"a", ""}}), wantType: "errors/invalid_parameters", wantDetail: []string{"account_ids[1]"}},
		"wrong events type": {body: with("users", map[string]any{"events": "new_relation"}), wantType: "errors/invalid_parameters", wantDetail: []string{"events"}},
		"several problems":  {body: with("messaging", map[string]any{"format": "xml", "request_url": "nope"}), wantType: "errors/invalid_parameters", wantDetail: []string{"format", "request_url"}},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, tt.body)
			assertProblem(t, resp, http.StatusBadRequest, tt.wantType, "/api/v1/webhooks")

			detail, _ := resp.body["detail"].(string)
			for _, fragment := range tt.wantDetail {
				if !strings.Contains(detail, fragment) {
					t.Errorf("detail %q does not name %s", detail, fragment)
				}
			}
		})
	}

	t.Cleanup(func() {
		if n := len(instance.Webhooks()); n != 0 {
			t.Errorf("rejected creates stored %d webhooks", n)
		}
	})
}

func TestCreateDefaults(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	keysAsData := func(keys ...string) []DataField {
		data := make([]DataField, 0, len(keys))
		for _, key := range keys {
			data = append(data, DataField{Key: key, Name: key})
		}
		return data
	}

	tests := map[string]struct {
		body       any
		wantEvents []string
		wantData   []DataField
	}{
		"messaging": {
			body:       minimalBody("messaging"),
			wantEvents: []string{"message_received"},
			wantData: keysAsData("account_id", "account_type", "chat_id", "timestamp", "webhook_name",
				"message_id", "message", "reaction", "reaction_sender", "sender", "attendees", "attachments"),
		},
		"email": {
			body:       minimalBody("email"),
			wantEvents: []string{"mail_received"},
			wantData: keysAsData("email_id", "account_id", "webhook_name", "date", "from_attendee",
				"to_attendees", "cc_attendees", "bcc_attendees", "reply_to_attendees", "subject", "body",
				"body_plain", "message_id", "provider_id", "tracking_id", "read_date", "is_complete",
				"in_reply_to", "has_attachments", "attachments", "folders", "role", "origin"),
		},
		"email_tracking": {
			body:       minimalBody("email_tracking"),
			wantEvents: []string{"mail_opened"},
			wantData: keysAsData("event_id", "tracking_id", "type", "date", "email_id", "account_id",
				"ip", "user_agent", "url", "label", "custom_domain"),
		},
		"users": {
			body:       minimalBody("users"),
			wantEvents: []string{"new_relation"},
			wantData:   []DataField{},
		},
		"calendar_event": {
			body:       minimalBody("calendar_event"),
			wantEvents: []string{"calendar_event_created", "calendar_event_updated", "calendar_event_deleted"},
			wantData:   []DataField{},
		},
		"account_status": {
			body:       minimalBody("account_status"),
			wantEvents: []string{},
			wantData:   []DataField{},
		},
		"null lists get defaults": {
			body:       `{"request_url":"https://a.b","source":"users","events":null,"data":null}`,
			wantEvents: []string{"new_relation"},
			wantData:   []DataField{},
		},
		"explicit empty events kept": {
			body:       with("messaging", map[string]any{"events": []string{}, "data": []map[string]string{}}),
			wantEvents: []string{},
			wantData:   []DataField{},
		},
		"data name defaults to key": {
			body:       with("messaging", map[string]any{"data": []map[string]string{{"key": "chat_id"}}}),
			wantEvents: []string{"message_received"},
			wantData:   []DataField{{Key: "chat_id", Name: "chat_id"}},
		},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			id := create(t, instance, tt.body)
			stored := findStored(t, instance, id)

			if stored.Format != "json" {
				t.Errorf("format = %q, want json", stored.Format)
			}
			if !stored.Enabled {
				t.Errorf("enabled = false, want true")
			}
			if stored.Type != "AUTO" {
				t.Errorf("type = %q, want AUTO", stored.Type)
			}
			if !reflect.DeepEqual(stored.Events, tt.wantEvents) {
				t.Errorf("events = %#v, want %#v", stored.Events, tt.wantEvents)
			}
			if !reflect.DeepEqual(stored.Data, tt.wantData) {
				t.Errorf("data = %#v, want %#v", stored.Data, tt.wantData)
			}
		})
	}
}

func TestCreateKeepsGivenValues(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	id := create(t, instance, map[string]any{
		"request_url": "https://example.com/in",
		"source":      "email",
		"name":        "crm",
		"format":      "form",
		"enabled":     false,
		"account_ids": []string{"acc_2", "acc_1"},
		"headers":     []map[string]string{{"key": "Unipile-Auth", "value": "s3cret"}},
		"events":      []string{"mail_sent", "mail_received"},
		"data":        []map[string]string{{"key": "subject", "name": "title"}},
	})

	want := Webhook{
		ID:         id,
		Source:     "email",
		Name:       "crm",
		RequestURL: "https://example.com/in",
		Format:     "form",
		Enabled:    false,
		AccountIDs: []string{"acc_2", "acc_1"},
		Headers:    []Header{{Key: "Unipile-Auth", Value: "s3cret"}},
		Events:     []string{"mail_sent", "mail_received"},
		Data:       []DataField{{Key: "subject", Name: "title"}},
		Type:       "AUTO",
	}
	if got := findStored(t, instance, id); !reflect.DeepEqual(got, want) {
		t.Errorf("stored = %+v, want %+v", got, want)
	}
}

// findStored returns the stored webhook with id or fails the test.
func findStored(t *testing.T, instance *Instance, id string) Webhook {
	t.Helper()

	for _, w := range instance.Webhooks() {
		if w.ID == id {
			return w
		}
	}
	t.Fatalf("webhook %s is not stored", id)

	return Webhook{}
}
