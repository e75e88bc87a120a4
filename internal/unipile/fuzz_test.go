package unipile

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The seed corpus under testdata/fuzz runs as part of go test; run
// `go test -fuzz=FuzzDecodeListPage ./internal/unipile` to search further.

func FuzzDecodeListPage(f *testing.F) {
	f.Add([]byte(`{"object":"WebhookList","items":[],"cursor":null}`))
	f.Add([]byte(`{"items":[{"id":"a","account_ids":["x",{"id":"y","name":"n","type":"T"}],"enabled":true}],"cursor":"c"}`))

	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := decodeListPage(body)
		if err != nil {
			if page.Items != nil || page.Cursor != "" {
				t.Errorf("a failed decode returned data: %+v", page)
			}

			return
		}

		for index, item := range page.Items {
			if item.ID == "" {
				t.Errorf("item %d decoded without an id", index)
			}

			for _, account := range item.AccountIDs {
				if account.ID == "" {
					t.Errorf("item %d has an account without an id", index)
				}
			}

			if string(item.Trigger) == "null" {
				t.Errorf("item %d kept a null trigger", index)
			}
		}
	})
}

func FuzzAPIError(f *testing.F) {
	f.Add(400, []byte(`{"type":"errors/invalid_parameters","title":"Invalid parameters","detail":"x","status":400}`))
	f.Add(401, []byte(`{"type":"errors/missing_credentials","title":"Missing credentials","connectionParams":{}}`))
	f.Add(502, []byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	f.Add(500, []byte(""))

	f.Fuzz(func(t *testing.T, status int, body []byte) {
		apiErr := newAPIError(http.MethodGet, webhooksPath, status, body, []string{testAPIKey})
		line := apiErr.Error()

		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("Error() spans lines: %q", line)
		}

		if !utf8.ValidString(line) {
			t.Errorf("Error() is not valid UTF-8: %q", line)
		}

		if strings.Contains(line, testAPIKey) {
			t.Errorf("Error() shows the API key: %q", line)
		}

		if !strings.HasPrefix(line, "GET "+webhooksPath+": ") {
			t.Errorf("Error() does not start with the call: %q", line)
		}

		// Type and instance are short in practice; title and detail are capped.
		limit := 200 + len(apiErr.Type) + 2*(maxDetailRunes+1) + maxExcerptRunes
		if utf8.RuneCountInString(line) > limit {
			t.Errorf("Error() has %d runes, want at most %d", utf8.RuneCountInString(line), limit)
		}
	})
}

func FuzzHeaderValues(f *testing.F) {
	f.Add([]byte(`{"headers":[{"key":"A","value":"one"}]}`))
	f.Add([]byte(`{"items":[{"headers":[{"value":"two"}]}],"cursor":null}`))

	f.Fuzz(func(t *testing.T, body []byte) {
		values, complete := headerValues(body)
		for _, value := range values {
			if value == "" {
				t.Error("an empty value was returned as a secret")
			}
		}

		page, err := decodeListPage(body)
		if err != nil || !complete {
			return
		}

		// Every header of a page that decodes must be found by the scan.
		for _, item := range page.Items {
			for _, header := range item.Headers {
				if header.Value != "" && !slices.Contains(values, header.Value) {
					t.Errorf("header value %q of item %q was not found", header.Value, item.ID)
				}
			}
		}
	})
}
