package emulator

import (
	"maps"
	"net/http"
	"testing"
)

func TestRoutes(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	id := create(t, instance, minimalBody("messaging"))

	list := call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil)
	if list.status != http.StatusOK || list.body["object"] != "WebhookList" {
		t.Fatalf("list: status %d, body %v", list.status, list.body)
	}
	if got := list.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("list content-type = %q", got)
	}

	deleted := call(t, instance, http.MethodDelete, "/api/v1/webhooks/"+id, testKey, nil)
	if deleted.status != http.StatusOK || deleted.body["object"] != "WebhookDeleted" {
		t.Fatalf("delete: status %d, body %v", deleted.status, deleted.body)
	}

	again := call(t, instance, http.MethodDelete, "/api/v1/webhooks/"+id, testKey, nil)
	assertProblem(t, again, http.StatusNotFound, "errors/resource_not_found", "/api/v1/webhooks/"+id)
	if again.body["detail"] != "Webhook not found" {
		t.Errorf("detail = %v, want Webhook not found", again.body["detail"])
	}
}

func TestCreateAnswer(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, minimalBody("users"))
	if resp.status != http.StatusCreated {
		t.Fatalf("status = %d, want 201", resp.status)
	}
	if resp.body["object"] != "WebhookCreated" {
		t.Errorf("object = %v, want WebhookCreated", resp.body["object"])
	}

	id, _ := resp.body["webhook_id"].(string)
	if len(id) != 22 {
		t.Errorf("webhook_id %q has %d characters, want 22", id, len(id))
	}
	for _, c := range id {
		urlSafe := c == '-' || c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !urlSafe {
			t.Errorf("webhook_id %q holds %q, which is not URL-safe", id, c)
		}
	}

	stored := instance.Webhooks()
	if len(stored) != 1 || stored[0].ID != id {
		t.Errorf("stored = %+v, want one webhook with id %s", stored, id)
	}
}

func TestUnservedRoutes(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	id := create(t, instance, minimalBody("messaging"))

	tests := map[string]struct {
		method, path string
	}{
		"get by id":           {http.MethodGet, "/api/v1/webhooks/" + id},
		"patch by id":         {http.MethodPatch, "/api/v1/webhooks/" + id},
		"put by id":           {http.MethodPut, "/api/v1/webhooks/" + id},
		"post by id":          {http.MethodPost, "/api/v1/webhooks/" + id},
		"put collection":      {http.MethodPut, "/api/v1/webhooks"},
		"delete collection":   {http.MethodDelete, "/api/v1/webhooks"},
		"delete empty id":     {http.MethodDelete, "/api/v1/webhooks/"},
		"delete nested path":  {http.MethodDelete, "/api/v1/webhooks/" + id + "/x"},
		"v2 path":             {http.MethodGet, "/api/v2/webhooks"},
		"root":                {http.MethodGet, "/"},
		"other v1 collection": {http.MethodGet, "/api/v1/accounts"},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			resp := call(t, instance, tt.method, tt.path, testKey, nil)
			assertProblem(t, resp, http.StatusNotFound, "errors/resource_not_found", tt.path)
		})
	}

	// None of them touched the stored webhook.
	t.Cleanup(func() {
		if n := len(instance.Webhooks()); n != 1 {
			t.Errorf("stored %d webhooks after unserved routes, want 1", n)
		}
	})
}

func TestCounts(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	id := create(t, instance, minimalBody("messaging"))
	call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, "{") // Malformed, still counted.
	call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil)
	call(t, instance, http.MethodGet, "/api/v1/webhooks?limit=0", testKey, nil)
	call(t, instance, http.MethodGet, "/api/v1/webhooks", "", nil) // Unauthenticated, still counted.
	call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil)
	call(t, instance, http.MethodDelete, "/api/v1/webhooks/"+id, testKey, nil)
	call(t, instance, http.MethodGet, "/api/v1/webhooks/"+id, testKey, nil)
	call(t, instance, http.MethodGet, "/nowhere", testKey, nil)

	want := map[Route]int{RouteCreate: 2, RouteList: 4, RouteDelete: 1, RouteOther: 2}
	if got := instance.Counts(); !maps.Equal(got, want) {
		t.Errorf("Counts() = %v, want %v", got, want)
	}
	if got := instance.Count(RouteList); got != 4 {
		t.Errorf("Count(list) = %d, want 4", got)
	}

	instance.ResetCounts()

	zero := map[Route]int{RouteCreate: 0, RouteList: 0, RouteDelete: 0, RouteOther: 0}
	if got := instance.Counts(); !maps.Equal(got, zero) {
		t.Errorf("Counts() after reset = %v, want %v", got, zero)
	}
}
