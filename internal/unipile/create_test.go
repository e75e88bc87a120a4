package unipile

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// crmHook is a create request with every field set.
func crmHook() CreateWebhookRequest {
	return CreateWebhookRequest{
		RequestURL: "https://example.com/crm",
		Source:     SourceMessaging,
		Name:       "crm",
		Format:     FormatJSON,
		Enabled:    new(true),
		AccountIDs: []string{"acc_1", "acc_2"},
		Headers:    []Header{{Key: "Unipile-Auth", Value: "s3cret"}},
		Events:     []string{"message_received", "message_read"},
		Data:       []DataField{{Key: "account_id", Name: "accountId"}, {Key: "message"}},
	}
}

func TestCreateSendsTheRequest(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)

	id, err := fake.client(t).Create(context.Background(), crmHook())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	stored := fake.stored()
	if len(stored) != 1 || stored[0].ID != id {
		t.Fatalf("Create returned %q; the fake holds %+v", id, stored)
	}

	_, body := fake.lastRequest()

	var sent map[string]any
	if err := json.Unmarshal(body, &sent); err != nil {
		t.Fatalf("create body is not JSON: %v", err)
	}

	for _, field := range []string{"request_url", "source", "name", "format", "enabled", "account_ids", "headers", "events", "data"} {
		if _, ok := sent[field]; !ok {
			t.Errorf("create body lacks %s: %s", field, body)
		}
	}
}

func TestCreateOmitsUnsetFields(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	if _, err := fake.client(t).Create(context.Background(), CreateWebhookRequest{
		RequestURL: "https://example.com", Source: SourceAccountStatus,
	}); err != nil {
		t.Fatalf("Create: %v", err)
	}

	if _, body := fake.lastRequest(); string(body) != `{"request_url":"https://example.com","source":"account_status"}` {
		t.Errorf("create body = %s", body)
	}
}

func TestCreateRetriesWhatUnipileDidNotAct(t *testing.T) {
	t.Parallel()

	refusals := map[string]fault{
		"429": problem(http.StatusTooManyRequests, "errors/too_many_requests", "Too many requests", ""),
		"503 service unavailable": problem(http.StatusServiceUnavailable, "errors/service_unavailable",
			"Service unavailable", "Please try again later."),
	}

	for name, refusal := range refusals {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.inject(routeCreate, refusal, refusal)

			id, err := fake.client(t).Create(context.Background(), crmHook())
			if err != nil {
				t.Fatalf("Create: %v", err)
			}

			if stored := fake.stored(); len(stored) != 1 || stored[0].ID != id {
				t.Errorf("Create returned %q; the fake holds %d webhooks", id, len(stored))
			}

			// The one list is the walk before the first create; a refusal
			// needs none.
			if creates, lists := fake.count(routeCreate), fake.count(routeList); creates != 3 || lists != 1 {
				t.Errorf("made %d creates and %d lists, want 3 creates and only the walk before them", creates, lists)
			}
		})
	}
}

func TestCreateRefusalIsNotRetried(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeCreate, problem(http.StatusBadRequest, "errors/invalid_parameters", "Invalid parameters",
		"request_url must be https"))

	_, err := fake.client(t).Create(context.Background(), crmHook())

	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		t.Fatalf("Create error = %v, want the 400", err)
	}

	if want := "POST /api/v1/webhooks: 400 Bad Request (errors/invalid_parameters): Invalid parameters: " +
		"request_url must be https"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}

	if creates := fake.count(routeCreate); creates != 1 {
		t.Errorf("made %d creates, want 1", creates)
	}
}

func TestCreateRecoversALostResponse(t *testing.T) {
	t.Parallel()

	lost := map[string]fault{
		"connection dropped after the create": applyThenDrop(1),
		"502 after the create": func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
			var req CreateWebhookRequest
			_ = json.NewDecoder(r.Body).Decode(&req)
			f.add(req)
			respond(http.StatusBadGateway, "<html>Bad gateway</html>")(f, w, r)

			return true
		},
		"2xx without an id": func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
			var req CreateWebhookRequest
			_ = json.NewDecoder(r.Body).Decode(&req)
			f.add(req)
			respond(http.StatusCreated, `{"object":"WebhookCreated"}`)(f, w, r)

			return true
		},
	}

	for name, answer := range lost {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.seed(300)
			fake.inject(routeCreate, answer)

			id, err := fake.client(t).Create(context.Background(), crmHook())
			if err != nil {
				t.Fatalf("Create: %v", err)
			}

			stored := fake.stored()
			if len(stored) != 301 || stored[300].ID != id {
				t.Errorf("Create returned %q; the fake holds %d webhooks, want 301 ending with it", id, len(stored))
			}

			if creates := fake.count(routeCreate); creates != 1 {
				t.Errorf("made %d creates, want 1 (no duplicate)", creates)
			}
		})
	}
}

func TestCreateRetriesWhenTheLostAttemptMadeNothing(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeCreate, dropConnection(), problem(http.StatusInternalServerError, "errors/unexpected_error",
		"Unexpected error", ""))

	id, err := fake.client(t).Create(context.Background(), crmHook())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	if stored := fake.stored(); len(stored) != 1 || stored[0].ID != id {
		t.Errorf("Create returned %q; the fake holds %+v", id, stored)
	}

	if creates, lists := fake.count(routeCreate), fake.count(routeList); creates != 3 || lists != 3 {
		t.Errorf("made %d creates and %d lists, want 3 creates, the walk before them and a list after each "+
			"of the 2 failures", creates, lists)
	}
}

func TestCreateGivesUpWhenEveryOutcomeIsUnknownAndNothingWasMade(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	for range 5 {
		fake.inject(routeCreate, dropConnection())
	}

	_, err := fake.client(t, func(cfg *Config) { cfg.MaxRetries = 2 }).Create(context.Background(), crmHook())
	if err == nil || !strings.Contains(err.Error(), "gave up after 3 attempts") ||
		!strings.Contains(err.Error(), "no webhook it could have made is listed") {
		t.Fatalf("Create error = %v", err)
	}

	if creates := fake.count(routeCreate); creates != 3 {
		t.Errorf("made %d creates, want 3", creates)
	}
}

func TestCreateReportsPossibleDuplicates(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeCreate, applyThenDrop(2))

	_, err := fake.client(t).Create(context.Background(), crmHook())

	var duplicates *PossibleDuplicatesError
	if !errors.As(err, &duplicates) {
		t.Fatalf("Create error = %v, want a PossibleDuplicatesError", err)
	}

	if want := []string{"wh_000001", "wh_000002"}; !slices.Equal(duplicates.IDs, want) {
		t.Errorf("IDs = %v, want %v", duplicates.IDs, want)
	}

	for _, part := range []string{"wh_000001", "wh_000002", "duplicates may exist", "POST /api/v1/webhooks"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q lacks %q", err, part)
		}
	}

	if creates := fake.count(routeCreate); creates != 1 {
		t.Errorf("made %d creates, want 1", creates)
	}
}

func TestCreateIgnoresWebhooksItAlreadyKnew(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		// withTwin stores an identical webhook before the test starts;
		// prepare runs before the create whose response is lost.
		withTwin bool
		// twinDuringCreate has someone else make an identical webhook
		// while the create runs, after the client's first walk.
		twinDuringCreate bool
		prepare          func(t *testing.T, client *Client, twin string)
		wantErr          bool
	}{
		"seen in an earlier list": {
			withTwin: true,
			prepare: func(t *testing.T, client *Client, _ string) {
				if _, err := client.List(context.Background()); err != nil {
					t.Fatalf("List: %v", err)
				}
			},
		},
		"claimed by the caller": {
			withTwin: true,
			prepare:  func(_ *testing.T, client *Client, twin string) { client.Claim(twin) },
		},
		"made by an earlier create of this client": {
			prepare: func(t *testing.T, client *Client, _ string) {
				if _, err := client.Create(context.Background(), crmHook()); err != nil {
					t.Fatalf("Create: %v", err)
				}
			},
		},
		"there before the first create, as webhooks that resources hold are": {
			withTwin: true,
			prepare:  func(*testing.T, *Client, string) {},
		},
		"made by someone else while the create ran": {
			twinDuringCreate: true,
			prepare:          func(*testing.T, *Client, string) {},
			wantErr:          true,
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			client := fake.client(t)

			twin := ""
			if test.withTwin {
				twin = fake.add(crmHook())
			}

			test.prepare(t, client, twin)

			lostCreate := applyThenDrop(1)
			if test.twinDuringCreate {
				lostCreate = func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
					f.add(crmHook())

					return applyThenDrop(1)(f, w, r)
				}
			}
			fake.inject(routeCreate, lostCreate)

			id, err := client.Create(context.Background(), crmHook())
			stored := fake.stored()
			newest := stored[len(stored)-1].ID

			if test.wantErr {
				var duplicates *PossibleDuplicatesError
				if !errors.As(err, &duplicates) || len(duplicates.IDs) != 2 {
					t.Fatalf("Create = %q, %v; want a PossibleDuplicatesError naming both twins", id, err)
				}

				return
			}

			if err != nil || id != newest {
				t.Fatalf("Create = %q, %v; want the new webhook %q", id, err, newest)
			}
		})
	}
}

func TestCreateInterruptedAfterSendingSaysSo(t *testing.T) {
	t.Parallel()

	ctx, cancel := context.WithCancel(context.Background())
	fake := newFakeUnipile(t)
	fake.inject(routeCreate, func(_ *fakeUnipile, _ http.ResponseWriter, r *http.Request) bool {
		cancel()
		<-r.Context().Done()

		return true
	})

	_, err := fake.client(t).Create(ctx, crmHook())
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "may have been created") {
		t.Fatalf("Create error = %v, want a cancellation that warns about a possible webhook", err)
	}

	// The one list is the walk before the create.
	if lists := fake.count(routeList); lists != 1 {
		t.Errorf("made %d list requests, want only the walk before the create", lists)
	}
}

func TestCreateNotSentIsRetriedWithoutAList(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	client := fake.client(t)

	// A closed port refuses the connection, so the request never leaves.
	fake.server.Close()

	sleeper := &recordingSleep{}
	client.sleep = sleeper.sleep

	_, err := client.Create(context.Background(), crmHook())
	if err == nil || !strings.Contains(err.Error(), "gave up after 5 attempts") {
		t.Fatalf("Create error = %v, want retries to run out", err)
	}

	if delays := sleeper.recorded(); len(delays) != DefaultMaxRetries {
		t.Errorf("waited %d times, want %d", len(delays), DefaultMaxRetries)
	}
}

func TestMatchesRequest(t *testing.T) {
	t.Parallel()

	listed := Webhook{
		ID: "wh_1", Name: "crm", RequestURL: "https://example.com/crm", Format: FormatJSON, Enabled: new(true),
		AccountIDs: []Account{{ID: "acc_2", Name: "B"}, {ID: "acc_1", Name: "A"}},
		Headers:    []Header{{Key: "Unipile-Auth", Value: "s3cret"}},
		Events:     []string{"message_read", "message_received"},
		Data:       []DataField{{Key: "message", Name: "message"}, {Key: "account_id", Name: "accountId"}},
	}

	tests := map[string]struct {
		change func(*CreateWebhookRequest)
		item   func(*Webhook)
		want   bool
	}{
		"same in another order":      {want: true},
		"other url":                  {change: func(r *CreateWebhookRequest) { r.RequestURL += "/x" }},
		"other name":                 {change: func(r *CreateWebhookRequest) { r.Name = "erp" }},
		"no name sent":               {change: func(r *CreateWebhookRequest) { r.Name = "" }, want: true},
		"other format":               {change: func(r *CreateWebhookRequest) { r.Format = FormatForm }},
		"no format sent":             {change: func(r *CreateWebhookRequest) { r.Format = "" }, want: true},
		"other enabled":              {change: func(r *CreateWebhookRequest) { r.Enabled = new(false) }},
		"no enabled sent":            {change: func(r *CreateWebhookRequest) { r.Enabled = nil }, want: true},
		"enabled not listed":         {item: func(w *Webhook) { w.Enabled = nil }, want: true},
		"other accounts":             {change: func(r *CreateWebhookRequest) { r.AccountIDs = []string{"acc_1"} }},
		"no accounts sent":           {change: func(r *CreateWebhookRequest) { r.AccountIDs = nil }, want: true},
		"other header value":         {change: func(r *CreateWebhookRequest) { r.Headers[0].Value = "other" }},
		"no headers sent":            {change: func(r *CreateWebhookRequest) { r.Headers = nil }},
		"no headers on either":       {change: func(r *CreateWebhookRequest) { r.Headers = nil }, item: func(w *Webhook) { w.Headers = nil }, want: true},
		"other events":               {change: func(r *CreateWebhookRequest) { r.Events = []string{"message_read"} }},
		"no events sent":             {change: func(r *CreateWebhookRequest) { r.Events = nil }, want: true},
		"other data name":            {change: func(r *CreateWebhookRequest) { r.Data[0].Name = "acc" }},
		"data name echoed as empty":  {item: func(w *Webhook) { w.Data[0].Name = "" }, want: true},
		"no data sent":               {change: func(r *CreateWebhookRequest) { r.Data = nil }, want: true},
		"duplicate events collapsed": {change: func(r *CreateWebhookRequest) { r.Events = append(r.Events, "message_read") }, want: true},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			req := crmHook()
			if test.change != nil {
				test.change(&req)
			}

			item := listed
			item.Data = slices.Clone(listed.Data)
			if test.item != nil {
				test.item(&item)
			}

			if got := matchesRequest(req, item); got != test.want {
				t.Errorf("matchesRequest = %t, want %t", got, test.want)
			}
		})
	}
}

// Without the walk before the first create, a lost answer could not be
// told apart from a webhook that already existed, so nothing is sent.
func TestCreateIsNotSentWhenTheWalkBeforeItFails(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, problem(http.StatusServiceUnavailable, "errors/service_unavailable",
		"Service unavailable", "Please try again later."))

	client := fake.client(t, func(cfg *Config) { cfg.MaxRetries = 0 })
	_, err := client.Create(t.Context(), crmHook())

	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || !strings.Contains(err.Error(), "not sent") {
		t.Fatalf("Create error = %v, want the list's 503 and a word that nothing was sent", err)
	}

	if creates := fake.count(routeCreate); creates != 0 {
		t.Errorf("made %d creates, want none", creates)
	}

	// The next create walks again, and goes ahead.
	if _, err := client.Create(t.Context(), crmHook()); err != nil {
		t.Fatalf("second Create: %v", err)
	}

	if creates, lists := fake.count(routeCreate), fake.count(routeList); creates != 1 || lists != 2 {
		t.Errorf("made %d creates and %d lists, want 1 and 2", creates, lists)
	}
}
