package unipile

import (
	"encoding/json"
	"slices"
)

// Sources a webhook can listen to. The create body is a one-of keyed by
// source; list items do not carry it back.
const (
	SourceMessaging     = "messaging"
	SourceUsers         = "users"
	SourceAccountStatus = "account_status"
	SourceEmail         = "email"
	SourceEmailTracking = "email_tracking"
	SourceCalendarEvent = "calendar_event"
)

// Delivery body formats.
const (
	FormatJSON = "json"
	FormatForm = "form"
)

// Header is one extra HTTP header Unipile adds to every delivery. Values are
// usually shared secrets, so the client never logs them in clear text.
type Header struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// DataField selects one payload field to deliver; Name renames it in the
// delivered body.
type DataField struct {
	Key  string `json:"key"`
	Name string `json:"name,omitempty"`
}

// Account is a connected account a webhook is limited to. Create takes bare
// ids; list items expand them to objects with the account's name and type.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// CreateWebhookRequest is the body of POST /api/v1/webhooks. Optional fields
// left at their zero value are omitted so that Unipile fills its defaults.
type CreateWebhookRequest struct {
	RequestURL string      `json:"request_url"`
	Source     string      `json:"source"`
	Name       string      `json:"name,omitempty"`
	Format     string      `json:"format,omitempty"`
	Enabled    *bool       `json:"enabled,omitempty"`
	AccountIDs []string    `json:"account_ids,omitempty"`
	Headers    []Header    `json:"headers,omitempty"`
	Events     []string    `json:"events,omitempty"`
	Data       []DataField `json:"data,omitempty"`
}

// Webhook is one item of the list response, as Unipile returns it. It has no
// source: callers that need one infer it from Events and Data.
//
// Enabled is nil when the item does not say, so that a caller can tell a
// missing flag from false. Lists the item leaves out stay nil; AccountIDs are
// normalised to objects whichever form Unipile used.
type Webhook struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	RequestURL string          `json:"request_url"`
	Format     string          `json:"format"`
	Enabled    *bool           `json:"enabled"`
	AccountIDs []Account       `json:"account_ids"`
	Headers    []Header        `json:"headers"`
	Events     []string        `json:"events"`
	Data       []DataField     `json:"data"`
	Type       string          `json:"type"`
	Trigger    json.RawMessage `json:"trigger,omitempty"`
}

// clone copies w deeply enough that changing the copy's fields or elements
// leaves w alone; shared snapshots hand out clones.
func (w Webhook) clone() Webhook {
	w.AccountIDs = slices.Clone(w.AccountIDs)
	w.Headers = slices.Clone(w.Headers)
	w.Events = slices.Clone(w.Events)
	w.Data = slices.Clone(w.Data)
	w.Trigger = slices.Clone(w.Trigger)
	w.Enabled = cloneBool(w.Enabled)

	return w
}

func cloneBool(value *bool) *bool {
	if value == nil {
		return nil
	}

	return new(*value)
}
