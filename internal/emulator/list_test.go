package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"
)

func TestListItemShape(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{
		Accounts: []Account{{ID: "acc_1", Name: "Sales inbox", Type: "WHATSAPP"}},
	})

	id := create(t, instance, with("messaging", map[string]any{
		"name":        "crm",
		"account_ids": []string{"acc_1", "acc_x"},
		"headers":     []map[string]string{{"key": "Unipile-Auth", "value": "s3cret"}},
		"data":        []map[string]string{{"key": "account_id", "name": "accountId"}},
	}))

	items := listAll(t, instance)
	if len(items) != 1 {
		t.Fatalf("listed %d items, want 1", len(items))
	}
	item := items[0]

	wantKeys := []string{"object", "id", "account_ids", "enabled", "name", "request_url",
		"format", "headers", "data", "events", "type"}
	gotKeys := slices.Sorted(maps.Keys(item))
	if !reflect.DeepEqual(gotKeys, slices.Sorted(slices.Values(wantKeys))) {
		t.Errorf("item keys = %v, want %v (no source)", gotKeys, wantKeys)
	}

	checks := map[string]any{
		"object":      "Webhook",
		"id":          id,
		"enabled":     true,
		"name":        "crm",
		"request_url": "https://example.com/hook",
		"format":      "json",
		"type":        "AUTO",
		"events":      []any{"message_received"},
		"headers":     []any{map[string]any{"key": "Unipile-Auth", "value": "s3cret"}},
		"data":        []any{map[string]any{"key": "account_id", "name": "accountId"}},
	}
	for key, want := range checks {
		if !reflect.DeepEqual(item[key], want) {
			t.Errorf("%s = %#v, want %#v", key, item[key], want)
		}
	}

	accounts, _ := item["account_ids"].([]any)
	wantAccounts := map[string]map[string]any{
		"acc_1": {"id": "acc_1", "name": "Sales inbox", "type": "WHATSAPP"},
		"acc_x": {"id": "acc_x", "name": "Account acc_x", "type": "LINKEDIN"},
	}
	if len(accounts) != len(wantAccounts) {
		t.Fatalf("account_ids = %v, want %d objects", accounts, len(wantAccounts))
	}
	for _, a := range accounts {
		account, _ := a.(map[string]any)
		id, _ := account["id"].(string)
		if !reflect.DeepEqual(account, wantAccounts[id]) {
			t.Errorf("account = %v, want %v", account, wantAccounts[id])
		}
	}
}

func TestListEmptyArraysAreArrays(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	create(t, instance, minimalBody("account_status"))

	item := listAll(t, instance)[0]
	for _, key := range []string{"account_ids", "headers", "data", "events"} {
		if list, ok := item[key].([]any); !ok || len(list) != 0 {
			t.Errorf("%s = %#v, want []", key, item[key])
		}
	}
}

func TestListTriggerWebhook(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	instance.Seed(Webhook{Name: "button", Type: "TRIGGER", Trigger: map[string]string{"kind": "button"}})
	instance.Seed(Webhook{Name: "bare trigger", Type: "TRIGGER"})

	items := listAll(t, instance)
	if len(items) != 2 {
		t.Fatalf("listed %d items, want 2", len(items))
	}

	if got, want := items[0]["trigger"], map[string]any{"kind": "button"}; !reflect.DeepEqual(got, want) {
		t.Errorf("trigger = %#v, want %#v", got, want)
	}
	if got, want := items[1]["trigger"], map[string]any{}; !reflect.DeepEqual(got, want) {
		t.Errorf("bare trigger = %#v, want an empty object", got)
	}
	for _, item := range items {
		if item["type"] != "TRIGGER" {
			t.Errorf("type = %v, want TRIGGER", item["type"])
		}
	}
}

func TestListShufflesArrays(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{Seed: 7})
	create(t, instance, with("messaging", map[string]any{
		"events": []string{"message_received", "message_read", "message_reaction"},
	}))

	orders := map[string]bool{}
	for range 30 {
		item := listAll(t, instance)[0]
		orders[fmt.Sprint(item["events"])] = true
		orders[fmt.Sprint(item["data"])] = true
	}

	// Two arrays over thirty lists: a fixed order would give two strings.
	if len(orders) < 4 {
		t.Errorf("saw %d distinct array orders in 30 lists, want them shuffled", len(orders))
	}

	stored := instance.Webhooks()[0]
	if stored.Events[0] != "message_received" || stored.Events[2] != "message_reaction" {
		t.Errorf("listing reordered the stored events: %v", stored.Events)
	}
}

func TestListPaging(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		webhooks  int
		limit     string
		wantPages []int
	}{
		"none, limit 250":    {webhooks: 0, limit: "250", wantPages: []int{0}},
		"one, limit 250":     {webhooks: 1, limit: "250", wantPages: []int{1}},
		"250, limit 250":     {webhooks: 250, limit: "250", wantPages: []int{250}},
		"251, limit 250":     {webhooks: 251, limit: "250", wantPages: []int{250, 1}},
		"1000, limit 250":    {webhooks: 1000, limit: "250", wantPages: []int{250, 250, 250, 250}},
		"none, default":      {webhooks: 0, wantPages: []int{0}},
		"one, default":       {webhooks: 1, wantPages: []int{1}},
		"250, default":       {webhooks: 250, wantPages: []int{100, 100, 50}},
		"251, default":       {webhooks: 251, wantPages: []int{100, 100, 51}},
		"1000, default":      {webhooks: 1000, wantPages: []int{100, 100, 100, 100, 100, 100, 100, 100, 100, 100}},
		"three, limit 1":     {webhooks: 3, limit: "1", wantPages: []int{1, 1, 1}},
		"cursor keeps limit": {webhooks: 5, limit: "2", wantPages: []int{2, 2, 1}},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			instance := startTest(t, Options{})
			var ids []string
			for i := range tt.webhooks {
				ids = append(ids, instance.Seed(Webhook{Source: "users", Name: fmt.Sprint(i)}))
			}

			pages, listed := walk(t, instance, tt.limit)
			if !reflect.DeepEqual(pages, tt.wantPages) {
				t.Errorf("page sizes = %v, want %v", pages, tt.wantPages)
			}
			if !slices.Equal(listed, ids) {
				t.Errorf("listed %d ids, want the %d stored ones in creation order", len(listed), len(ids))
			}
		})
	}
}

func TestListCursorSurvivesDeletes(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	var ids []string
	for i := range 6 {
		ids = append(ids, instance.Seed(Webhook{Source: "users", Name: fmt.Sprint(i)}))
	}

	first := listPage(t, instance, "?limit=2")
	cursor, _ := first["cursor"].(string)

	// Deleting the webhook the cursor points at, and the next one, must
	// not make the walk skip or repeat the rest.
	instance.Remove(ids[1])
	call(t, instance, http.MethodDelete, "/api/v1/webhooks/"+ids[2], testKey, nil)

	second := listPage(t, instance, "?cursor="+url.QueryEscape(cursor))
	got := itemIDs(second)
	if want := []string{ids[3], ids[4]}; !slices.Equal(got, want) {
		t.Errorf("page after deletes = %v, want %v", got, want)
	}
}

func TestListExplicitLimitWinsOverCursor(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	for range 10 {
		instance.Seed(Webhook{Source: "users"})
	}

	first := listPage(t, instance, "?limit=2")
	cursor, _ := first["cursor"].(string)

	second := listPage(t, instance, "?limit=5&cursor="+url.QueryEscape(cursor))
	if n := len(itemIDs(second)); n != 5 {
		t.Errorf("page with limit=5 and a limit-2 cursor has %d items, want 5", n)
	}
}

func TestListRejects(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	id := instance.Seed(Webhook{Source: "users"})

	cursorOf := func(v any) string {
		raw, _ := json.Marshal(v)
		return url.QueryEscape(base64.StdEncoding.EncodeToString(raw))
	}

	tests := map[string]string{
		"limit 0":            "?limit=0",
		"limit 251":          "?limit=251",
		"limit -1":           "?limit=-1",
		"limit abc":          "?limit=abc",
		"limit 2.5":          "?limit=2.5",
		"cursor not base64":  "?cursor=%25%25%25",
		"cursor not json":    "?cursor=" + url.QueryEscape(base64.StdEncoding.EncodeToString([]byte("nope"))),
		"cursor unknown id":  "?cursor=" + cursorOf(map[string]any{"limit": 10, "cursor": map[string]any{"last_id": "unknown"}}),
		"cursor limit 0":     "?cursor=" + cursorOf(map[string]any{"limit": 0, "cursor": map[string]any{"last_id": id}}),
		"cursor limit 9000":  "?cursor=" + cursorOf(map[string]any{"limit": 9000, "cursor": map[string]any{"last_id": id}}),
		"cursor wrong shape": "?cursor=" + cursorOf([]int{1}),
	}

	for name, query := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			resp := call(t, instance, http.MethodGet, "/api/v1/webhooks"+query, testKey, nil)
			assertProblem(t, resp, http.StatusBadRequest, "errors/invalid_parameters", "/api/v1/webhooks")

			if detail, _ := resp.body["detail"].(string); detail == "" {
				t.Errorf("detail is empty")
			}
		})
	}
}

// walk pages through the list with the given limit ("" for the default)
// and returns the page sizes and every id in order.
func walk(t *testing.T, instance *Instance, limit string) ([]int, []string) {
	t.Helper()

	var sizes []int
	var ids []string

	query := url.Values{}
	if limit != "" {
		query.Set("limit", limit)
	}
	for {
		page := listPage(t, instance, "?"+query.Encode())
		pageIDs := itemIDs(page)
		sizes = append(sizes, len(pageIDs))
		ids = append(ids, pageIDs...)

		cursor, isString := page["cursor"].(string)
		if page["cursor"] == nil {
			return sizes, ids
		}
		if !isString || cursor == "" {
			t.Fatalf("cursor = %#v, want a string or null", page["cursor"])
		}
		if len(sizes) > 20 {
			t.Fatalf("paging does not end")
		}

		query = url.Values{"cursor": {cursor}}
	}
}

// listPage fetches one list page and checks its envelope.
func listPage(t *testing.T, instance *Instance, query string) map[string]any {
	t.Helper()

	resp := call(t, instance, http.MethodGet, "/api/v1/webhooks"+query, testKey, nil)
	if resp.status != http.StatusOK {
		t.Fatalf("list%s: status %d, body %v", query, resp.status, resp.body)
	}
	if resp.body["object"] != "WebhookList" {
		t.Errorf("object = %v, want WebhookList", resp.body["object"])
	}
	if _, present := resp.body["cursor"]; !present {
		t.Errorf("cursor is absent, want a string or null")
	}

	return resp.body
}

// listAll returns the items of one default list page.
func listAll(t *testing.T, instance *Instance) []map[string]any {
	t.Helper()

	page := listPage(t, instance, "")
	raw, _ := page["items"].([]any)

	items := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		item, _ := r.(map[string]any)
		items = append(items, item)
	}

	return items
}

func itemIDs(page map[string]any) []string {
	raw, _ := page["items"].([]any)

	ids := make([]string, 0, len(raw))
	for _, r := range raw {
		item, _ := r.(map[string]any)
		id, _ := item["id"].(string)
		ids = append(ids, id)
	}

	return ids
}
