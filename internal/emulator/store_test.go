package emulator

import (
	"net/http"
	"reflect"
	"testing"
)

func TestSeed(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})

	given := Webhook{
		Source:     "messaging",
		Name:       "dashboard",
		RequestURL: "not even a URL",
		Events:     []string{"no_such_event"},
		AccountIDs: []string{"acc_1"},
	}
	id := instance.Seed(given)
	if len(id) != 22 {
		t.Errorf("generated id %q has %d characters, want 22", id, len(id))
	}

	want := given
	want.ID = id
	want.Type = "AUTO"
	if got := findStored(t, instance, id); !reflect.DeepEqual(got, want) {
		t.Errorf("stored = %+v, want %+v (seeded as is)", got, want)
	}

	// The store owns its copy: changing the caller's slices changes nothing.
	given.Events[0] = "changed"
	if got := findStored(t, instance, id); got.Events[0] != "no_such_event" {
		t.Errorf("Seed kept the caller's slice")
	}

	if got := instance.Seed(Webhook{ID: "chosen", Type: "TRIGGER"}); got != "chosen" {
		t.Errorf("Seed with an id returned %q", got)
	}
	instance.Seed(Webhook{ID: "chosen", Name: "replaced"})

	stored := instance.Webhooks()
	if len(stored) != 2 || stored[1].ID != "chosen" || stored[1].Name != "replaced" {
		t.Errorf("after reseeding, stored = %+v, want the second replaced in place", stored)
	}

	// A seeded webhook is deletable through the API.
	if status := call(t, instance, http.MethodDelete, "/api/v1/webhooks/chosen", testKey, nil).status; status != http.StatusOK {
		t.Errorf("delete of a seeded webhook: status %d", status)
	}
}

func TestWebhooksReturnsCopies(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	id := instance.Seed(Webhook{Headers: []Header{{Key: "k", Value: "v"}}, Trigger: map[string]string{"a": "b"}})

	copied := instance.Webhooks()
	copied[0].Headers[0].Value = "changed"
	copied[0].Trigger["a"] = "changed"

	got := findStored(t, instance, id)
	if got.Headers[0].Value != "v" || got.Trigger["a"] != "b" {
		t.Errorf("Webhooks() shared state with the store: %+v", got)
	}
}

func TestRemove(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	first := instance.Seed(Webhook{})
	second := instance.Seed(Webhook{})

	if !instance.Remove(first) {
		t.Errorf("Remove of a stored webhook returned false")
	}
	if instance.Remove(first) {
		t.Errorf("second Remove returned true")
	}
	if instance.Remove("never-stored") {
		t.Errorf("Remove of an unknown id returned true")
	}

	stored := instance.Webhooks()
	if len(stored) != 1 || stored[0].ID != second {
		t.Errorf("stored = %+v, want only %s", stored, second)
	}

	resp := call(t, instance, http.MethodDelete, "/api/v1/webhooks/"+first, testKey, nil)
	if resp.status != http.StatusNotFound {
		t.Errorf("API delete after Remove: status %d, want 404", resp.status)
	}
	if n := instance.Count(RouteDelete); n != 1 {
		t.Errorf("Count(delete) = %d, want 1: Remove is not a request", n)
	}
}
