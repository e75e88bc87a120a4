package unipile

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAPIErrorShapes(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		status   int
		body     string
		wantLine string
		wantIs   error
		wantNot  error
		check    func(t *testing.T, apiErr *APIError)
	}{
		"invalid parameters": {
			status: http.StatusBadRequest,
			body: `{"status":400,"type":"errors/invalid_parameters","title":"Invalid parameters",` +
				`"detail":"request_url must be a URL","instance":"/api/v1/webhooks"}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 400 Bad Request (errors/invalid_parameters): " +
				"Invalid parameters: request_url must be a URL",
			check: func(t *testing.T, apiErr *APIError) {
				if apiErr.Instance != "/api/v1/webhooks" || apiErr.Body != "" {
					t.Errorf("instance %q, body %q", apiErr.Instance, apiErr.Body)
				}
			},
		},
		"missing credentials with connection params": {
			status: http.StatusUnauthorized,
			body: `{"status":401,"type":"errors/missing_credentials","title":"Missing credentials",` +
				`"connectionParams":{"imap":{"host":"x"}}}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 401 Unauthorized (errors/missing_credentials): Missing credentials",
			wantIs:   ErrUnauthorized,
			wantNot:  ErrNotFound,
		},
		"insufficient permissions": {
			status:   http.StatusForbidden,
			body:     `{"status":403,"type":"errors/insufficient_permissions","title":"Insufficient permissions"}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 403 Forbidden (errors/insufficient_permissions): Insufficient permissions",
			wantIs:   ErrForbidden,
		},
		"resource not found": {
			status:   http.StatusNotFound,
			body:     `{"status":404,"type":"errors/resource_not_found","title":"Resource not found.","detail":"Webhook not found"}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 404 Not Found (errors/resource_not_found): Resource not found.: Webhook not found",
			wantIs:   ErrNotFound,
		},
		"a 404 page is not a missing webhook": {
			status:   http.StatusNotFound,
			body:     "<html><body>Cannot DELETE /api/v1/webhooks/wh_1</body></html>",
			wantLine: "DELETE /api/v1/webhooks/wh_1: 404 Not Found: Cannot DELETE /api/v1/webhooks/wh_1",
			wantNot:  ErrNotFound,
		},
		"html from a proxy": {
			status: http.StatusBadGateway,
			body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
				"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
			wantLine: "DELETE /api/v1/webhooks/wh_1: 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx",
		},
		"empty body": {
			status:   http.StatusInternalServerError,
			body:     "",
			wantLine: "DELETE /api/v1/webhooks/wh_1: 500 Internal Server Error (empty body)",
		},
		"truncated json": {
			status:   http.StatusBadRequest,
			body:     `{"type":"errors/invalid_par`,
			wantLine: `DELETE /api/v1/webhooks/wh_1: 400 Bad Request: {"type":"errors/invalid_par`,
		},
		"wrong member types": {
			status:   http.StatusBadRequest,
			body:     `{"type":7,"title":["a","b"],"detail":{"field":"name"}}`,
			wantLine: `DELETE /api/v1/webhooks/wh_1: 400 Bad Request (7): ["a","b"]: {"field":"name"}`,
		},
		"gateway message": {
			status:   http.StatusGatewayTimeout,
			body:     `{"message":"Endpoint request timed out"}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 504 Gateway Timeout: Endpoint request timed out",
		},
		"multi-line detail": {
			status:   http.StatusBadRequest,
			body:     `{"type":"errors/invalid_parameters","title":"Invalid parameters","detail":"a\n\tb\u0000c"}`,
			wantLine: "DELETE /api/v1/webhooks/wh_1: 400 Bad Request (errors/invalid_parameters): Invalid parameters: a b c",
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.inject(routeDelete, respond(test.status, test.body))

			err := fake.client(t, func(cfg *Config) { cfg.MaxRetries = 0 }).Delete(context.Background(), "wh_1")

			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("Delete error = %v, want an *APIError", err)
			}

			if apiErr.Error() != test.wantLine {
				t.Errorf("Error() =\n%q\nwant\n%q", apiErr.Error(), test.wantLine)
			}

			if apiErr.StatusCode != test.status || apiErr.Method != http.MethodDelete {
				t.Errorf("status %d, method %q", apiErr.StatusCode, apiErr.Method)
			}

			if test.wantIs != nil && !errors.Is(err, test.wantIs) {
				t.Errorf("errors.Is(err, %v) = false", test.wantIs)
			}

			if test.wantNot != nil && errors.Is(err, test.wantNot) {
				t.Errorf("errors.Is(err, %v) = true", test.wantNot)
			}

			if test.check != nil {
				test.check(t, apiErr)
			}
		})
	}
}

func TestAPIErrorCapsAHugeBody(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeDelete, respond(http.StatusBadGateway, strings.Repeat("upstream failed\n", 1<<20)))

	err := fake.client(t, func(cfg *Config) { cfg.MaxRetries = 0 }).Delete(context.Background(), "wh_1")

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("Delete error = %v, want an *APIError", err)
	}

	if runes := utf8.RuneCountInString(apiErr.Body); runes > maxExcerptRunes+1 {
		t.Errorf("Body has %d runes, want at most %d", runes, maxExcerptRunes+1)
	}

	if !strings.HasPrefix(apiErr.Body, "upstream failed upstream failed") || !strings.HasSuffix(apiErr.Body, "…") {
		t.Errorf("Body = %q, want a collapsed excerpt ending in an ellipsis", apiErr.Body)
	}
}

func TestErrorsNeverShowTheAPIKey(t *testing.T) {
	t.Parallel()

	echo := "you sent " + testAPIKey
	faults := map[string]fault{
		"problem detail": problem(http.StatusBadRequest, "errors/invalid_parameters", "Invalid "+testAPIKey, echo),
		"html body":      respond(http.StatusBadRequest, "<html><body>"+echo+"</body></html>"),
		"plain body":     respond(http.StatusBadRequest, echo),
	}

	for name, answer := range faults {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.inject(routeDelete, answer)
			fake.inject(routeCreate, answer)
			fake.inject(routeList, respond(http.StatusOK, "<html>"+echo+"</html>"))
			client := fake.client(t)

			_, listErr := client.List(context.Background())
			deleteErr := client.Delete(context.Background(), "wh_1")
			_, createErr := client.Create(context.Background(), CreateWebhookRequest{RequestURL: "https://example.com"})

			for _, err := range []error{listErr, deleteErr, createErr} {
				if err == nil {
					t.Fatal("a call succeeded against an error answer")
				}

				if strings.Contains(err.Error(), testAPIKey) {
					t.Errorf("error shows the API key: %q", err)
				}

				if !strings.Contains(err.Error(), redactedMark) {
					t.Errorf("error %q does not show where the key was redacted", err)
				}
			}
		})
	}
}

func TestCreateErrorsNeverShowHeaderValues(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeCreate, problem(http.StatusBadRequest, "errors/invalid_parameters", "Invalid parameters",
		"header value top-s3cret is too long"))

	_, err := fake.client(t).Create(context.Background(), CreateWebhookRequest{
		RequestURL: "https://example.com",
		Headers:    []Header{{Key: "Unipile-Auth", Value: "top-s3cret"}},
	})
	if err == nil || strings.Contains(err.Error(), "top-s3cret") {
		t.Fatalf("Create error = %v, want an error without the header value", err)
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		text  string
		limit int
		want  string
	}{
		"collapses whitespace":   {text: "  a \r\n\t b  ", limit: 10, want: "a b"},
		"drops control chars":    {text: "a\x00\x1bb", limit: 10, want: "a b"},
		"drops invalid utf-8":    {text: "a\xffb", limit: 10, want: "ab"},
		"keeps a real U+FFFD":    {text: "a\uFFFDb", limit: 10, want: "a\uFFFDb"},
		"cuts at the limit":      {text: "abcdef", limit: 3, want: "abc…"},
		"counts runes":           {text: "ééééé", limit: 2, want: "éé…"},
		"exactly at the limit":   {text: "abc", limit: 3, want: "abc"},
		"only whitespace":        {text: " \n ", limit: 3, want: ""},
		"space counts as a rune": {text: "ab cd", limit: 3, want: "ab…"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			if got := oneLine(test.text, test.limit); got != test.want {
				t.Errorf("oneLine(%q, %d) = %q, want %q", test.text, test.limit, got, test.want)
			}
		})
	}
}
