package emulator

import (
	"net/http"
	"testing"
)

func TestAuth(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	tests := map[string]struct {
		key       string
		wantType  string
		wantTitle string
	}{
		"missing key": {key: "", wantType: "errors/missing_credentials", wantTitle: "Missing credentials"},
		"wrong key":   {key: "not-the-key", wantType: "errors/invalid_credentials", wantTitle: "Invalid credentials"},
		"key prefix":  {key: testKey[:4], wantType: "errors/invalid_credentials", wantTitle: "Invalid credentials"},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			for _, route := range []struct{ method, path string }{
				{http.MethodGet, "/api/v1/webhooks"},
				{http.MethodPost, "/api/v1/webhooks"},
				{http.MethodDelete, "/api/v1/webhooks/abc"},
			} {
				resp := call(t, instance, route.method, route.path, tt.key, nil)
				assertProblem(t, resp, http.StatusUnauthorized, tt.wantType, route.path)

				if resp.body["title"] != tt.wantTitle {
					t.Errorf("title = %v, want %s", resp.body["title"], tt.wantTitle)
				}
				if _, ok := resp.body["connectionParams"].(map[string]any); !ok {
					t.Errorf("connectionParams = %v, want an object", resp.body["connectionParams"])
				}
			}
		})
	}
}

func TestAuthRejectedRequestIsNotApplied(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", "wrong", minimalBody("messaging"))
	if resp.status != http.StatusUnauthorized {
		t.Fatalf("status = %d, want 401", resp.status)
	}
	if n := len(instance.Webhooks()); n != 0 {
		t.Errorf("stored %d webhooks, want 0", n)
	}
	if n := instance.Count(RouteCreate); n != 1 {
		t.Errorf("Count(create) = %d, want 1: rejected requests count too", n)
	}
}
