package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

const maxBodyBytes = 1 << 20

// createBody is the wire form of POST /api/v1/webhooks. Pointers tell an
// omitted field from a zero one, because omitted fields get server
// defaults. Unknown fields are ignored, as a tolerant API would.
type createBody struct {
	RequestURL *string      `json:"request_url"`
	Source     *string      `json:"source"`
	Name       string       `json:"name"`
	Format     *string      `json:"format"`
	AccountIDs []string     `json:"account_ids"`
	Enabled    *bool        `json:"enabled"`
	Headers    []wireHeader `json:"headers"`
	Events     *[]string    `json:"events"`
	Data       *[]wireData  `json:"data"`
}

type wireHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type wireData struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type createdBody struct {
	Object    string `json:"object"`
	WebhookID string `json:"webhook_id"`
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	body, kind, detail := decodeCreateBody(w, r)
	if kind != "" {
		writeProblem(w, r, http.StatusBadRequest, kind, detail)
		return
	}

	webhook, kind, detail := body.toWebhook()
	if kind != "" {
		writeProblem(w, r, http.StatusBadRequest, kind, detail)
		return
	}

	s.mu.Lock()
	webhook.ID = s.store.newID()
	s.store.put(webhook)
	s.mu.Unlock()

	writeJSON(w, http.StatusCreated, createdBody{Object: "WebhookCreated", WebhookID: webhook.ID})
}

// decodeCreateBody parses the JSON body. A wrongly typed field is an
// invalid parameter that names the field; anything that is not one JSON
// object is a malformed request.
func decodeCreateBody(w http.ResponseWriter, r *http.Request) (createBody, string, string) {
	var body createBody

	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return body, problemMalformedRequest, "The request body could not be read: " + err.Error()
	}

	decoder := json.NewDecoder(bytes.NewReader(raw))
	err = decoder.Decode(&body)

	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return body, problemInvalidParameters,
			fmt.Sprintf("%s: expected %s, got a JSON %s", typeErr.Field, typeErr.Type, typeErr.Value)
	case err != nil:
		return body, problemMalformedRequest, "The request body is not a JSON object: " + err.Error()
	case decoder.More():
		return body, problemMalformedRequest, "The request body holds more than one JSON value."
	}

	return body, "", ""
}

// toWebhook checks every field and returns the stored form with defaults
// filled. Missing required fields are reported before invalid values, and
// every invalid value is listed, so one answer shows all that is wrong.
func (b createBody) toWebhook() (Webhook, string, string) {
	var missing []string
	if b.RequestURL == nil {
		missing = append(missing, "request_url")
	}
	if b.Source == nil {
		missing = append(missing, "source")
	}
	if len(missing) > 0 {
		return Webhook{}, problemMissingParameters,
			"Missing required field(s): " + strings.Join(missing, ", ") + "."
	}

	var problems []string
	if err := checkRequestURL(*b.RequestURL); err != "" {
		problems = append(problems, err)
	}

	rules, knownSource := sources[*b.Source]
	if !knownSource {
		problems = append(problems, fmt.Sprintf("source: %q is not one of %s",
			*b.Source, strings.Join(sourceNames, ", ")))
	}

	webhook := Webhook{
		Source:     *b.Source,
		Name:       b.Name,
		RequestURL: *b.RequestURL,
		Format:     "json",
		Enabled:    true,
		Type:       TypeAuto,
	}

	if b.Format != nil {
		webhook.Format = *b.Format
		if webhook.Format != "json" && webhook.Format != "form" {
			problems = append(problems, fmt.Sprintf("format: %q is not one of json, form", webhook.Format))
		}
	}
	if b.Enabled != nil {
		webhook.Enabled = *b.Enabled
	}

	webhook.AccountIDs = b.AccountIDs
	problems = checkAccountIDs(b.AccountIDs, problems)
	webhook.Headers, problems = checkHeaders(b.Headers, problems)

	// Per-source lists only make sense once the source is known.
	if knownSource {
		webhook.Events, problems = checkEvents(b.Events, rules, webhook.Source, problems)
		webhook.Data, problems = checkData(b.Data, rules, webhook.Source, problems)
	}

	if len(problems) > 0 {
		return Webhook{}, problemInvalidParameters, strings.Join(problems, "; ") + "."
	}

	return webhook, "", ""
}

// checkRequestURL accepts an absolute http or https URL with a host. Real
// deliveries need a public HTTPS address, but tests point webhooks at local
// receivers, so plain http passes too.
func checkRequestURL(raw string) string {
	parsed, err := url.Parse(raw)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return fmt.Sprintf("request_url: %q is not an absolute http(s) URL", raw)
	}

	return ""
}

// checkAccountIDs rejects empty ids; any other id is accepted (see
// Options.Accounts).
func checkAccountIDs(ids []string, problems []string) []string {
	for i, id := range ids {
		if id == "" {
			problems = append(problems, fmt.Sprintf("account_ids[%d]: %q is not an account id", i, id))
		}
	}

	return problems
}

func checkHeaders(wire []wireHeader, problems []string) ([]Header, []string) {
	headers := make([]Header, 0, len(wire))
	for i, h := range wire {
		if h.Key == "" {
			problems = append(problems, fmt.Sprintf("headers[%d].key: %q must not be empty", i, h.Key))
		}
		headers = append(headers, Header(h))
	}

	return headers, problems
}

// checkEvents validates events against the source's list. Omitted (or
// null) events get the source's default; an explicit empty list is kept
// as sent, since the docs do not say what the real API does with it.
func checkEvents(wire *[]string, rules sourceRules, source string, problems []string) ([]string, []string) {
	if wire == nil {
		return append([]string{}, rules.defaultEvents...), problems
	}

	for i, event := range *wire {
		if !rules.acceptsEvent(event) {
			problems = append(problems, fmt.Sprintf("events[%d]: %q is not an event of source %q (allowed: %s)",
				i, event, source, allowedList(rules.events)))
		}
	}

	return append([]string{}, *wire...), problems
}

// checkData validates data keys where the source documents them and only
// demands a non-empty key elsewhere. A field without a name is delivered
// under its key, so the stored name is filled with the key.
func checkData(wire *[]wireData, rules sourceRules, source string, problems []string) ([]DataField, []string) {
	if wire == nil {
		return rules.defaultData(), problems
	}

	data := make([]DataField, 0, len(*wire))
	for i, field := range *wire {
		if !rules.acceptsDataKey(field.Key) {
			problems = append(problems, fmt.Sprintf("data[%d].key: %q is not a data key of source %q",
				i, field.Key, source))
		}

		name := field.Name
		if name == "" {
			name = field.Key
		}
		data = append(data, DataField{Key: field.Key, Name: name})
	}

	return data, problems
}

func allowedList(values []string) string {
	if len(values) == 0 {
		return "none"
	}

	return strings.Join(values, ", ")
}
