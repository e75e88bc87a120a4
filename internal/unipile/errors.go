package unipile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors an *APIError matches through errors.Is, so callers can
// react to a kind of failure without reading status codes.
var (
	// ErrNotFound: Unipile said the webhook does not exist (a 404 with the
	// problem type resource_not_found), or Get did not find it in the list.
	// A bare 404 without that type is not matched: it more likely means the
	// DSN points at something other than Unipile.
	ErrNotFound = errors.New("webhook not found")

	// ErrUnauthorized: the API key was missing or rejected (401). The key,
	// or a DSN belonging to another account, is what to check.
	ErrUnauthorized = errors.New("unauthorized")

	// ErrForbidden: the key is valid but may not do this (403).
	ErrForbidden = errors.New("forbidden")
)

// Limits that keep an error message one readable line.
const (
	maxExcerptRunes = 300
	maxDetailRunes  = 1000
	redactedMark    = "[redacted]"
)

// APIError is a non-2xx answer from Unipile. Type, Title, Detail and
// Instance come from a problem-details body; Body holds a trimmed,
// single-line excerpt of any other body, such as a proxy's HTML page.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Type       string
	Title      string
	Detail     string
	Instance   string
	Body       string
}

// Error renders one line, for example
// "POST /api/v1/webhooks: 400 Bad Request (errors/invalid_parameters): Invalid parameters: name is too long".
func (e *APIError) Error() string {
	var line strings.Builder

	fmt.Fprintf(&line, "%s %s: %d", e.Method, e.Path, e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		line.WriteString(" " + text)
	}

	if e.Type != "" {
		line.WriteString(" (" + oneLine(e.Type, maxExcerptRunes) + ")")
	}

	var explanation []string
	for _, part := range []string{e.Title, e.Detail} {
		part = oneLine(part, maxDetailRunes)
		if part != "" && (len(explanation) == 0 || explanation[0] != part) {
			explanation = append(explanation, part)
		}
	}

	switch {
	case len(explanation) > 0:
		line.WriteString(": " + strings.Join(explanation, ": "))
	case e.Body != "":
		line.WriteString(": " + oneLine(e.Body, maxExcerptRunes))
	case e.Type == "":
		line.WriteString(" (empty body)")
	}

	return line.String()
}

// Is matches the sentinel errors above.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound && strings.HasSuffix(e.Type, "resource_not_found")
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	default:
		return false
	}
}

// Retryable reports whether the client would retry this status on a list or delete.
func (e *APIError) Retryable() bool {
	return retryableStatus(e.StatusCode)
}

// newAPIError builds the error for a non-2xx answer. Every secret (the API
// key, header values of the request) is replaced before anything is kept,
// because Unipile or a proxy may echo them in an error body.
func newAPIError(method, path string, status int, body []byte, secrets []string) *APIError {
	apiErr := &APIError{Method: method, Path: path, StatusCode: status}

	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return apiErr
	}

	if fillProblem(apiErr, body) {
		apiErr.Type = redact(apiErr.Type, secrets)
		apiErr.Title = redact(apiErr.Title, secrets)
		apiErr.Detail = oneLine(redact(apiErr.Detail, secrets), maxDetailRunes)
		apiErr.Instance = redact(apiErr.Instance, secrets)

		return apiErr
	}

	apiErr.Body = excerpt(redact(string(body), secrets))

	return apiErr
}

// fillProblem reads a problem-details body. Unipile always sends title and
// type; a body with neither but a message or error string (what gateways
// tend to send) still gives a detail. It reports false for anything else.
// Extra members, such as connectionParams on a 401, are ignored.
func fillProblem(apiErr *APIError, body []byte) bool {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		return false
	}

	apiErr.Type = textMember(members["type"])
	apiErr.Title = textMember(members["title"])
	apiErr.Detail = textMember(members["detail"])
	apiErr.Instance = textMember(members["instance"])

	if apiErr.Detail == "" && apiErr.Type == "" && apiErr.Title == "" {
		apiErr.Detail = textMember(members["message"])
		if apiErr.Detail == "" {
			apiErr.Detail = textMember(members["error"])
		}
	}

	return apiErr.Type != "" || apiErr.Title != "" || apiErr.Detail != ""
}

// textMember reads a member that should be a string, leniently: a detail
// that comes as an object or an array of messages is shown as compact JSON
// rather than lost.
func textMember(raw json.RawMessage) string {
	if raw == nil || bytes.Equal(raw, []byte("null")) {
		return ""
	}

	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return text
	}

	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return ""
	}

	return compact.String()
}

func redact(text string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			text = strings.ReplaceAll(text, secret, redactedMark)
		}
	}

	return text
}

// excerpt makes a body fit in one line of an error message: markup is
// dropped, whitespace and control characters are collapsed and the result
// is cut to a few hundred characters.
func excerpt(body string) string {
	if strings.HasPrefix(body, "<") {
		body = stripTags(body)
	}

	return oneLine(body, maxExcerptRunes)
}

func stripTags(markup string) string {
	var text strings.Builder

	inTag := false
	for _, r := range markup {
		switch {
		case r == '<':
			inTag = true
			text.WriteRune(' ')
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			text.WriteRune(r)
		}
	}

	return text.String()
}

// oneLine collapses runs of whitespace and control characters to a single
// space, drops invalid UTF-8 and cuts the text to limit runes.
func oneLine(text string, limit int) string {
	var line strings.Builder

	runes, pendingSpace := 0, false
	for index, r := range text {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(text[index:]); size <= 1 {
				continue
			}
		}

		if unicode.IsSpace(r) || unicode.IsControl(r) {
			pendingSpace = line.Len() > 0

			continue
		}

		needed := 1
		if pendingSpace {
			needed++
		}

		if runes+needed > limit {
			line.WriteString("…")

			break
		}

		if pendingSpace {
			line.WriteByte(' ')
			pendingSpace = false
		}

		line.WriteRune(r)
		runes += needed
	}

	return line.String()
}

// describeBody sums up a success body that could not be decoded: its
// content type and size, and an excerpt when it is not JSON (an HTML page
// from a proxy or a wrong DSN). JSON is not quoted, as it may hold webhook
// header values.
func (c *Client) describeBody(answer *exchange) string {
	kind := answer.header.Get("Content-Type")
	if kind == "" {
		kind = "no content type"
	}

	text := fmt.Sprintf("%s, %d bytes", kind, len(answer.body))

	trimmed := bytes.TrimSpace(answer.body)
	if len(trimmed) > 0 && trimmed[0] != '{' && trimmed[0] != '[' {
		text += ": " + excerpt(redact(string(trimmed), []string{c.apiKey}))
	}

	return text
}
