package unipile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// UnmarshalJSON accepts an account either as a bare id, the form create
// takes, or as the {id, name, type} object the list returns. The docs show
// only objects in list items, but older tenants and the SDK types disagree,
// so both are read; anything else is an error.
func (a *Account) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)

	if len(data) > 0 && data[0] == '"' {
		var id string
		if err := json.Unmarshal(data, &id); err != nil {
			return err
		}

		*a = Account{ID: id}

		return nil
	}

	var object struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &object); err != nil {
		return fmt.Errorf("an account must be an id string or an {id, name, type} object: %w", plainJSONError(err))
	}

	if object.ID == "" {
		return errors.New("account object has no id")
	}

	*a = Account(object)

	return nil
}

// UnmarshalJSON reads a list item with the standard rules (unknown fields
// ignored, wrong types rejected) and then drops an explicit "trigger": null,
// so that Trigger is nil exactly when there is no trigger.
func (w *Webhook) UnmarshalJSON(data []byte) error {
	type plain Webhook

	var decoded plain
	if err := json.Unmarshal(data, &decoded); err != nil {
		return plainJSONError(err)
	}

	if bytes.Equal(bytes.TrimSpace(decoded.Trigger), []byte("null")) {
		decoded.Trigger = nil
	}

	*w = Webhook(decoded)

	return nil
}

// listPage is one decoded page of GET /api/v1/webhooks.
type listPage struct {
	Items  []Webhook
	Cursor string
}

// decodeListPage reads a list page strictly where the docs are sure: the
// body is one object whose items are webhook objects, each with an id, and
// whose cursor is a string or null. The object tag is not checked, because
// nothing depends on it.
func decodeListPage(body []byte) (listPage, error) {
	var envelope struct {
		Items  json.RawMessage `json:"items"`
		Cursor json.RawMessage `json:"cursor"`
	}
	if err := json.Unmarshal(body, &envelope); err != nil {
		return listPage{}, fmt.Errorf("the body is not a webhook list object: %w", plainJSONError(err))
	}

	if envelope.Items == nil {
		return listPage{}, errors.New("the body has no items field")
	}

	var rawItems []json.RawMessage
	if err := json.Unmarshal(envelope.Items, &rawItems); err != nil {
		return listPage{}, fmt.Errorf("items is not an array: %w", plainJSONError(err))
	}

	page := listPage{Items: make([]Webhook, 0, len(rawItems))}
	for index, raw := range rawItems {
		var item Webhook
		if err := json.Unmarshal(raw, &item); err != nil {
			return listPage{}, fmt.Errorf("item %d: %w", index, err)
		}

		if item.ID == "" {
			return listPage{}, fmt.Errorf("item %d has no id", index)
		}

		page.Items = append(page.Items, item)
	}

	cursor, err := decodeCursor(envelope.Cursor)
	if err != nil {
		return listPage{}, err
	}

	page.Cursor = cursor

	return page, nil
}

// decodeCursor treats a missing, null or empty cursor as the last page.
func decodeCursor(raw json.RawMessage) (string, error) {
	if raw == nil || bytes.Equal(raw, []byte("null")) {
		return "", nil
	}

	var cursor string
	if err := json.Unmarshal(raw, &cursor); err != nil {
		return "", fmt.Errorf("cursor is neither a string nor null: %w", plainJSONError(err))
	}

	return cursor, nil
}

// decodeCreated reads the id out of a create response. The docs give
// webhook_id; a plain id is accepted too, since nothing else could be meant.
func decodeCreated(body []byte) (string, error) {
	var created struct {
		WebhookID string `json:"webhook_id"`
		ID        string `json:"id"`
	}
	if err := json.Unmarshal(body, &created); err != nil {
		return "", fmt.Errorf("the create response is not a JSON object with a webhook_id: %w", plainJSONError(err))
	}

	switch {
	case created.WebhookID != "":
		return created.WebhookID, nil
	case created.ID != "":
		return created.ID, nil
	default:
		return "", errors.New("the create response carries no webhook_id")
	}
}

// jsonTypeError restates a type mismatch in JSON terms; the standard message
// names Go types that mean nothing to a user.
type jsonTypeError struct {
	field string
	got   string
	want  string
	cause *json.UnmarshalTypeError
}

func (e *jsonTypeError) Error() string {
	if e.field == "" {
		return fmt.Sprintf("found a JSON %s where %s belongs", e.got, e.want)
	}

	return fmt.Sprintf("%s is a JSON %s, want %s", e.field, e.got, e.want)
}

func (e *jsonTypeError) Unwrap() error { return e.cause }

// plainJSONError rewrites a type mismatch with jsonTypeError and passes
// every other decoding error through, including one an UnmarshalJSON method
// already explained.
func plainJSONError(err error) error {
	typeErr, isTypeErr := err.(*json.UnmarshalTypeError) //nolint:errorlint // Only a mismatch found by this very decode is rewritten.
	if !isTypeErr {
		return err
	}

	return &jsonTypeError{field: typeErr.Field, got: typeErr.Value, want: jsonKind(typeErr.Type), cause: typeErr}
}

// jsonKind names the JSON shape a Go type is decoded from.
func jsonKind(goType reflect.Type) string {
	if goType == nil {
		return "another type"
	}

	switch goType.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return jsonKind(goType.Elem())
	default:
		return "a number"
	}
}
