package unipile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// maxLoggedBody caps a body in a TRACE line; a list page can be megabytes.
const maxLoggedBody = 64 << 10

// silentLogger is the Logger of a Client configured without one.
type silentLogger struct{}

func (silentLogger) Debug(context.Context, string, map[string]any) {}

func (silentLogger) Trace(context.Context, string, map[string]any) {}

func (silentLogger) MaskSecrets(ctx context.Context, _ ...string) context.Context { return ctx }

// withKeyMasked is where every public call starts, so that no line it logs
// can show the API key.
func (c *Client) withKeyMasked(ctx context.Context) context.Context {
	return c.log.MaskSecrets(ctx, c.apiKey)
}

// traceBody logs a request or response body at TRACE. The secrets it may
// hold are masked first: the API key and every header value found in the
// bodies of the exchange, including other webhooks' headers on a list page.
// A JSON body that cannot be read to its end is not logged at all, since a
// secret could sit in the part that could not be scanned.
func (c *Client) traceBody(ctx context.Context, msg string, body []byte, related []byte, fields map[string]any) {
	if len(body) == 0 {
		return
	}

	secrets, complete := headerValues(body)
	relatedSecrets, _ := headerValues(related)
	ctx = c.log.MaskSecrets(ctx, append(append([]string{c.apiKey}, secrets...), relatedSecrets...)...)

	shown := string(body)
	switch {
	case !complete:
		shown = "(not logged: malformed JSON that may hide secrets)"
	case len(shown) > maxLoggedBody:
		shown = shown[:maxLoggedBody] + "…(truncated)"
	}

	logged := map[string]any{"body": shown, "body_bytes": len(body)}
	for key, value := range fields {
		logged[key] = value
	}

	c.log.Trace(ctx, msg, logged)
}

// headerValues scans a body for header values: the string under "value" in
// any object, wherever it sits. That covers the headers of a create body and
// of every list item, and errs towards masking too much. complete is false
// when the body looks like JSON but could not be scanned to its end; a body
// that is not JSON at all holds no headers and counts as complete.
func headerValues(body []byte) (values []string, complete bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return nil, true
	}

	decoder := json.NewDecoder(bytes.NewReader(trimmed))

	// One state per open container: an object waiting for a key, an object
	// waiting for the value of the key just read, or an array.
	const (
		keyNext   = 'k'
		valueNext = 'v'
		inArray   = 'a'
	)

	var open []byte
	secretNext := false

	for {
		token, err := decoder.Token()
		if errors.Is(err, io.EOF) {
			return values, len(open) == 0
		}

		if err != nil {
			return values, false
		}

		top := byte(0)
		if len(open) > 0 {
			top = open[len(open)-1]
		}

		if text, isString := token.(string); isString && top == keyNext {
			secretNext = strings.EqualFold(text, "value")
			open[len(open)-1] = valueNext

			continue
		}

		if delim, isDelim := token.(json.Delim); isDelim && (delim == '}' || delim == ']') {
			open = open[:len(open)-1]

			continue
		}

		// Any other token starts a value: the enclosing object, if waiting
		// for one, goes back to waiting for a key.
		if top == valueNext {
			if text, isString := token.(string); isString && secretNext && text != "" {
				values = append(values, text)
			}

			open[len(open)-1] = keyNext
		}

		secretNext = false

		switch token {
		case json.Delim('{'):
			open = append(open, keyNext)
		case json.Delim('['):
			open = append(open, inArray)
		}
	}
}
