package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// Every failure tells the user what to do, and shows Unipile's own words.
func TestAPIErrorDetail(t *testing.T) {
	t.Parallel()

	problem := func(status int, kind, title, detail string) error {
		return &unipile.APIError{
			Method: "POST", Path: "/api/v1/webhooks", StatusCode: status,
			Type: kind, Title: title, Detail: detail,
		}
	}

	tests := map[string]struct {
		err  error
		want []string
	}{
		"unauthorized": {
			err:  problem(401, "errors/invalid_credentials", "Invalid credentials", ""),
			want: []string{"api_key", "UNIPILE_API_KEY", "dsn", "HTTP status: 401", "errors/invalid_credentials"},
		},
		"forbidden": {
			err:  problem(403, "errors/insufficient_permissions", "Insufficient permissions", ""),
			want: []string{"lacks the permission", "HTTP status: 403", "Insufficient permissions"},
		},
		"bad request shows the detail": {
			err:  problem(400, "errors/invalid_parameters", "Invalid parameters", "events[0] is not an event of messaging"),
			want: []string{"Correct the configuration", "Detail: events[0] is not an event of messaging", "Request: POST /api/v1/webhooks"},
		},
		"rate limited": {
			err:  problem(429, "errors/too_many_requests", "Too many requests", ""),
			want: []string{"-parallelism", "HTTP status: 429"},
		},
		"server error": {
			err:  problem(503, "errors/service_unavailable", "Service unavailable", "Please try again later."),
			want: []string{"max_retries", "Please try again later."},
		},
		"proxy page": {
			err:  &unipile.APIError{Method: "GET", Path: "/api/v1/webhooks", StatusCode: 502, Body: "<html>Bad Gateway</html>"},
			want: []string{"HTTP status: 502", "Response body: <html>Bad Gateway</html>"},
		},
		"possible duplicates": {
			err:  &unipile.PossibleDuplicatesError{IDs: []string{"aaa", "bbb"}, Cause: errors.New("connection reset")},
			want: []string{"aaa, bbb", "different names"},
		},
		"network": {
			err:  fmt.Errorf("dial tcp 127.0.0.1:1: connection refused"),
			want: []string{"could not be reached", "connection refused"},
		},
		"interrupted": {
			err:  fmt.Errorf("listing webhooks: %w", context.Canceled),
			want: []string{"interrupted"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			detail := apiErrorDetail(test.err)
			for _, want := range test.want {
				if !strings.Contains(detail, want) {
					t.Errorf("detail %q\nlacks %q", detail, want)
				}
			}
		})
	}
}
