package emulator

import (
	"maps"
	"slices"
)

// Route names the API operation a request was addressed to.
type Route string

// Routes the emulator counts requests for. RouteOther covers every path or
// method the real API does not serve.
const (
	RouteList   Route = "list"
	RouteCreate Route = "create"
	RouteDelete Route = "delete"
	RouteOther  Route = "other"
)

// Account is a connected account known to the emulator; list items expand
// the stored account ids to these objects.
type Account struct {
	ID   string
	Name string
	Type string
}

// Header is one extra header Unipile would add to every delivery.
type Header struct {
	Key   string
	Value string
}

// DataField selects one payload field of a delivery; Name renames it.
type DataField struct {
	Key  string
	Name string
}

// Webhook is the stored form of a webhook. Unlike a list item it keeps the
// source and the bare account ids it was created with.
type Webhook struct {
	ID         string
	Source     string
	Name       string
	RequestURL string
	Format     string
	Enabled    bool
	AccountIDs []string
	Headers    []Header
	Events     []string
	Data       []DataField
	Type       string

	// Trigger is echoed as the list item's trigger object when Type is
	// "TRIGGER" (a webhook made by a dashboard button); its real fields are
	// undocumented, so tests choose them.
	Trigger map[string]string
}

// Webhook types as the list reports them.
const (
	TypeAuto    = "AUTO"
	TypeTrigger = "TRIGGER"
)

// clone returns a deep copy, so callers never share slices with the store.
func (w Webhook) clone() Webhook {
	w.AccountIDs = slices.Clone(w.AccountIDs)
	w.Headers = slices.Clone(w.Headers)
	w.Events = slices.Clone(w.Events)
	w.Data = slices.Clone(w.Data)
	w.Trigger = maps.Clone(w.Trigger)

	return w
}
