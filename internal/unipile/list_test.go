package unipile

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestListWalksEveryPage(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		webhooks  int
		wantPages int
	}{
		"empty":               {webhooks: 0, wantPages: 1},
		"one":                 {webhooks: 1, wantPages: 1},
		"exactly one page":    {webhooks: 250, wantPages: 1},
		"one past a page":     {webhooks: 251, wantPages: 2},
		"a thousand webhooks": {webhooks: 1000, wantPages: 4},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.seed(test.webhooks)

			got, err := fake.client(t).List(context.Background())
			if err != nil {
				t.Fatalf("List: %v", err)
			}

			if len(got) != test.webhooks {
				t.Fatalf("List returned %d webhooks, want %d", len(got), test.webhooks)
			}

			for index, webhook := range got {
				if want := fmt.Sprintf("wh_%06d", index+1); webhook.ID != want {
					t.Fatalf("webhook %d has id %q, want %q (missing or repeated items)", index, webhook.ID, want)
				}
			}

			if pages := fake.count(routeList); pages != test.wantPages {
				t.Errorf("List made %d requests, want %d", pages, test.wantPages)
			}
		})
	}
}

func TestListAsksForTheLargestPage(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	if _, err := fake.client(t).List(context.Background()); err != nil {
		t.Fatalf("List: %v", err)
	}

	req, _ := fake.lastRequest()
	if got := req.URL.Query().Get("limit"); got != "250" {
		t.Errorf("limit = %q, want 250", got)
	}

	if req.URL.Query().Has("cursor") {
		t.Errorf("first page sent a cursor: %q", req.URL.RawQuery)
	}
}

func TestListPage(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(5)
	client := fake.client(t)

	first, next, err := client.ListPage(context.Background(), "", 2)
	if err != nil || len(first) != 2 || next == "" {
		t.Fatalf("first page = %d items, next %q, err %v; want 2 items and a cursor", len(first), next, err)
	}

	second, next, err := client.ListPage(context.Background(), next, 3)
	if err != nil || len(second) != 3 || next != "" {
		t.Fatalf("second page = %d items, next %q, err %v; want 3 items and no cursor", len(second), next, err)
	}

	if second[0].ID != "wh_000003" {
		t.Errorf("second page starts at %q, want wh_000003", second[0].ID)
	}

	for _, limit := range []int{-1, 251} {
		if _, _, err := client.ListPage(context.Background(), "", limit); err == nil {
			t.Errorf("ListPage with limit %d succeeded, want an error", limit)
		}
	}
}

func TestGetWithoutSharingStopsAtThePageThatHoldsTheWebhook(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(1000)
	client := fake.client(t, func(cfg *Config) { cfg.DisableListSharing = true })

	got, err := client.Get(context.Background(), "wh_000300")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}

	if got.ID != "wh_000300" || got.RequestURL != "https://example.com/hook/300" {
		t.Errorf("Get returned %+v", got)
	}

	if pages := fake.count(routeList); pages != 2 {
		t.Errorf("Get made %d list requests, want 2", pages)
	}
}

func TestGetUnknownIDIsNotFound(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(300)

	_, err := fake.client(t).Get(context.Background(), "wh_missing")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get error = %v, want ErrNotFound", err)
	}

	if !strings.Contains(err.Error(), "wh_missing") {
		t.Errorf("error %q does not name the id", err)
	}

	if pages := fake.count(routeList); pages != 2 {
		t.Errorf("Get made %d list requests, want all 2 pages", pages)
	}
}

func TestListRefusesToLoop(t *testing.T) {
	t.Parallel()

	t.Run("same cursor twice", func(t *testing.T) {
		t.Parallel()

		fake := newFakeUnipile(t)
		page := `{"object":"WebhookList","items":[{"id":"a"}],"cursor":"c1"}`
		for range 3 {
			fake.inject(routeList, respond(http.StatusOK, page))
		}

		_, err := fake.client(t).List(context.Background())
		if err == nil || !strings.Contains(err.Error(), "cursor already followed") {
			t.Fatalf("List error = %v, want a repeated-cursor error", err)
		}

		if pages := fake.count(routeList); pages != 2 {
			t.Errorf("List made %d requests, want 2", pages)
		}
	})

	t.Run("endless distinct cursors", func(t *testing.T) {
		t.Parallel()

		fake := newFakeUnipile(t)
		for index := range 30 {
			fake.inject(routeList, respond(http.StatusOK,
				fmt.Sprintf(`{"items":[],"cursor":"c%d"}`, index)))
		}

		client := fake.client(t)
		client.maxPages = 20

		_, err := client.List(context.Background())
		if err == nil || !strings.Contains(err.Error(), "stopped after 20 pages") {
			t.Fatalf("List error = %v, want the page cap error", err)
		}

		if pages := fake.count(routeList); pages != 20 {
			t.Errorf("List made %d requests, want 20", pages)
		}
	})
}

func TestListDecodesLeniently(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, respond(http.StatusOK, `{
		"object": "WebhookList",
		"items": [
			{"object": "Webhook", "id": "a", "account_ids": ["acc_1", {"id": "acc_2", "name": "Sales", "type": "LINKEDIN"}],
			 "enabled": false, "name": "crm", "request_url": "https://example.com/a", "format": "form",
			 "headers": [{"key": "K", "value": "V"}], "data": [{"key": "account_id", "name": "accountId"}],
			 "events": ["message_received"], "type": "TRIGGER", "trigger": {"kind": "button"},
			 "some_future_field": {"nested": [1, 2]}},
			{"id": "b", "trigger": null, "account_ids": null}
		],
		"cursor": null
	}`))

	got, err := fake.client(t).List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}

	full, sparse := got[0], got[1]
	wantAccounts := []Account{{ID: "acc_1"}, {ID: "acc_2", Name: "Sales", Type: "LINKEDIN"}}
	if fmt.Sprint(full.AccountIDs) != fmt.Sprint(wantAccounts) {
		t.Errorf("AccountIDs = %+v, want %+v", full.AccountIDs, wantAccounts)
	}

	if full.Enabled == nil || *full.Enabled {
		t.Errorf("Enabled = %v, want a pointer to false", full.Enabled)
	}

	if full.Format != FormatForm || full.Type != "TRIGGER" || string(full.Trigger) != `{"kind": "button"}` {
		t.Errorf("format %q, type %q, trigger %s", full.Format, full.Type, full.Trigger)
	}

	if len(full.Headers) != 1 || full.Headers[0] != (Header{Key: "K", Value: "V"}) ||
		len(full.Data) != 1 || full.Data[0].Name != "accountId" || len(full.Events) != 1 {
		t.Errorf("headers %+v, data %+v, events %v", full.Headers, full.Data, full.Events)
	}

	if sparse.Enabled != nil || sparse.Trigger != nil || sparse.AccountIDs != nil || sparse.Headers != nil ||
		sparse.Events != nil || sparse.Data != nil {
		t.Errorf("missing fields did not stay nil: %+v", sparse)
	}
}

func TestListRejectsMalformedPages(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		body    string
		headers []string
		want    string
	}{
		"truncated json":       {body: `{"items":[{"id":"a","headers":[{"key":"k","value":"s3`, want: "not a webhook list"},
		"not an object":        {body: `[{"id":"a"}]`, want: "not a webhook list"},
		"null body":            {body: `null`, want: "no items"},
		"no items":             {body: `{"object":"WebhookList","cursor":null}`, want: "no items"},
		"items not an array":   {body: `{"items":{"id":"a"}}`, want: "items is not an array"},
		"item not an object":   {body: `{"items":["a"]}`, want: "item 0"},
		"item without id":      {body: `{"items":[{"id":"a"},{"name":"x"}]}`, want: "item 1 has no id"},
		"enabled wrong type":   {body: `{"items":[{"id":"a","enabled":"yes"}]}`, want: "item 0"},
		"events wrong type":    {body: `{"items":[{"id":"a","events":"message_received"}]}`, want: "item 0"},
		"account wrong type":   {body: `{"items":[{"id":"a","account_ids":[42]}]}`, want: "account"},
		"account without id":   {body: `{"items":[{"id":"a","account_ids":[{"name":"x"}]}]}`, want: "no id"},
		"cursor wrong type":    {body: `{"items":[],"cursor":7}`, want: "cursor"},
		"trailing garbage":     {body: `{"items":[]} {"items":[]}`, want: "not a webhook list"},
		"empty body":           {body: ``, want: "not a webhook list"},
		"html page with a 200": {body: "<html><body><h1>Welcome</h1>\n<p>nginx</p></body></html>", headers: []string{"Content-Type", "text/html"}, want: "text/html"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.inject(routeList, respond(http.StatusOK, test.body, test.headers...))

			_, err := fake.client(t).List(context.Background())
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Fatalf("List error = %v, want one containing %q", err, test.want)
			}

			t.Logf("error: %v", err)

			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}

			if pages := fake.count(routeList); pages != 1 {
				t.Errorf("a malformed page was fetched %d times, want once (not retried)", pages)
			}
		})
	}
}

func TestListRejectsAHugeBody(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, respond(http.StatusOK, `{"items":[{"id":"`+strings.Repeat("x", 4096)+`"}]}`))

	client := fake.client(t)
	client.maxListBody = 1024

	_, err := client.List(context.Background())
	if !errors.Is(err, errBodyTooLarge) {
		t.Fatalf("List error = %v, want errBodyTooLarge", err)
	}

	if pages := fake.count(routeList); pages != 1 {
		t.Errorf("an oversized page was fetched %d times, want once", pages)
	}
}

// A tenant that serves smaller pages than the one source's 250 says is
// asked for the documented default instead, on that walk and every later
// one, rather than failing every plan.
func TestListFallsBackToTheDefaultPageSize(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(250)

	var limits []string
	refuseLargePages := func(_ *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
		limit := r.URL.Query().Get("limit")
		limits = append(limits, limit)
		if limit == "100" {
			return false
		}

		writeProblem(w, http.StatusBadRequest, "errors/invalid_parameters", "Invalid parameters",
			"limit must not be greater than 100")

		return true
	}
	for range 10 {
		fake.inject(routeList, refuseLargePages)
	}

	client := fake.client(t, func(cfg *Config) { cfg.DisableListSharing = true })
	for walk := 1; walk <= 2; walk++ {
		listed, err := client.List(t.Context())
		if err != nil {
			t.Fatalf("walk %d: List: %v", walk, err)
		}

		if len(listed) != 250 {
			t.Errorf("walk %d listed %d webhooks, want 250", walk, len(listed))
		}
	}

	want := []string{"250", "100", "100", "100", "100", "100", "100"}
	if !slices.Equal(limits, want) {
		t.Errorf("asked for pages of %v, want %v", limits, want)
	}
}
