package unipile

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testAPIKey = "test-key-0123456789"

// fakeUnipile is a small keyset-paged webhook store behind httptest, with a
// queue of interceptors per route that tests use to inject faults.
type fakeUnipile struct {
	t      *testing.T
	server *httptest.Server

	mu       sync.Mutex
	webhooks []Webhook
	nextID   int
	requests []*http.Request
	bodies   [][]byte
	counts   map[string]int
	faults   map[string][]fault
}

// fault handles one request in place of the fake; it returns true when it
// wrote the response itself, false to let the fake go on normally.
type fault func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool

const (
	routeList   = "list"
	routeCreate = "create"
	routeDelete = "delete"
)

func newFakeUnipile(t *testing.T) *fakeUnipile {
	t.Helper()

	f := &fakeUnipile{t: t, counts: map[string]int{}, faults: map[string][]fault{}}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)

	return f
}

// client builds a Client for the fake with fast retries.
func (f *fakeUnipile) client(t *testing.T, adjust ...func(*Config)) *Client {
	t.Helper()

	cfg := Config{
		DSN:        f.server.URL,
		APIKey:     testAPIKey,
		MaxRetries: DefaultMaxRetries,
		MinBackoff: time.Millisecond,
		MaxBackoff: 4 * time.Millisecond,
	}
	for _, change := range adjust {
		change(&cfg)
	}

	client, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	return client
}

// seed adds n webhooks with ids that sort in insertion order.
func (f *fakeUnipile) seed(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()

	for range n {
		f.nextID++
		f.webhooks = append(f.webhooks, Webhook{
			ID:         fmt.Sprintf("wh_%06d", f.nextID),
			RequestURL: fmt.Sprintf("https://example.com/hook/%d", f.nextID),
			Format:     FormatJSON,
			Enabled:    new(true),
			Headers:    []Header{{Key: "Unipile-Auth", Value: fmt.Sprintf("secret-%06d", f.nextID)}},
			Type:       "AUTO",
		})
	}
}

// add stores one webhook as a create would and returns its id.
func (f *fakeUnipile) add(req CreateWebhookRequest) string {
	f.mu.Lock()
	defer f.mu.Unlock()

	f.nextID++
	webhook := Webhook{
		ID:         fmt.Sprintf("wh_%06d", f.nextID),
		Name:       req.Name,
		RequestURL: req.RequestURL,
		Format:     cmp.Or(req.Format, FormatJSON),
		Enabled:    new(req.Enabled == nil || *req.Enabled),
		Headers:    req.Headers,
		Events:     req.Events,
		Data:       req.Data,
		Type:       "AUTO",
	}
	for _, id := range req.AccountIDs {
		webhook.AccountIDs = append(webhook.AccountIDs, Account{ID: id, Name: "Account " + id, Type: "LINKEDIN"})
	}

	f.webhooks = append(f.webhooks, webhook)

	return webhook.ID
}

// inject queues interceptors for a route; each handles one request.
func (f *fakeUnipile) inject(route string, faults ...fault) {
	f.mu.Lock()
	defer f.mu.Unlock()

	f.faults[route] = append(f.faults[route], faults...)
}

func (f *fakeUnipile) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()

	return f.counts[route]
}

func (f *fakeUnipile) stored() []Webhook {
	f.mu.Lock()
	defer f.mu.Unlock()

	return append([]Webhook(nil), f.webhooks...)
}

func (f *fakeUnipile) lastRequest() (*http.Request, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()

	return f.requests[len(f.requests)-1], f.bodies[len(f.bodies)-1]
}

func (f *fakeUnipile) serve(w http.ResponseWriter, r *http.Request) {
	body := readAll(f.t, r)

	route := ""
	switch {
	case r.Method == http.MethodGet && r.URL.Path == webhooksPath:
		route = routeList
	case r.Method == http.MethodPost && r.URL.Path == webhooksPath:
		route = routeCreate
	case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, webhooksPath+"/"):
		route = routeDelete
	default:
		writeProblem(w, http.StatusNotFound, "errors/not_found", "Not found", "no such route")

		return
	}

	f.mu.Lock()
	f.counts[route]++
	f.requests = append(f.requests, r)
	f.bodies = append(f.bodies, body)
	var next fault
	if queue := f.faults[route]; len(queue) > 0 {
		next, f.faults[route] = queue[0], queue[1:]
	}
	f.mu.Unlock()

	if r.Header.Get("X-API-KEY") != testAPIKey {
		writeProblem(w, http.StatusUnauthorized, "errors/invalid_credentials", "Invalid credentials", "")

		return
	}

	r.Body = nopBody{strings.NewReader(string(body))}
	if next != nil && next(f, w, r) {
		return
	}

	switch route {
	case routeList:
		f.serveList(w, r)
	case routeCreate:
		f.serveCreate(w, body)
	case routeDelete:
		f.serveDelete(w, r)
	}
}

func (f *fakeUnipile) serveList(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if raw := r.URL.Query().Get("limit"); raw != "" {
		limit, _ = strconv.Atoi(raw)
	}

	after := ""
	if raw := r.URL.Query().Get("cursor"); raw != "" {
		decoded, err := base64.RawURLEncoding.DecodeString(raw)
		if err != nil {
			writeProblem(w, http.StatusBadRequest, "errors/invalid_parameters", "Invalid parameters", "bad cursor")

			return
		}

		after = string(decoded)
	}

	f.mu.Lock()
	var page []Webhook
	for _, webhook := range f.webhooks {
		if webhook.ID > after && len(page) < limit+1 {
			page = append(page, webhook)
		}
	}
	f.mu.Unlock()

	var cursor any
	if len(page) > limit {
		page = page[:limit]
		cursor = base64.RawURLEncoding.EncodeToString([]byte(page[limit-1].ID))
	}

	writeJSON(w, http.StatusOK, map[string]any{"object": "WebhookList", "items": wireItems(page), "cursor": cursor})
}

// wireItems renders webhooks as Unipile lists them: account ids as objects.
func wireItems(webhooks []Webhook) []map[string]any {
	items := make([]map[string]any, 0, len(webhooks))
	for _, webhook := range webhooks {
		item := map[string]any{
			"object": "Webhook", "id": webhook.ID, "name": webhook.Name, "request_url": webhook.RequestURL,
			"format": webhook.Format, "account_ids": orEmpty(webhook.AccountIDs), "headers": orEmpty(webhook.Headers),
			"events": orEmpty(webhook.Events), "data": orEmpty(webhook.Data), "type": webhook.Type,
		}
		if webhook.Enabled != nil {
			item["enabled"] = *webhook.Enabled
		}

		items = append(items, item)
	}

	return items
}

func orEmpty[T any](values []T) []T {
	if values == nil {
		return []T{}
	}

	return values
}

func (f *fakeUnipile) serveCreate(w http.ResponseWriter, body []byte) {
	var req CreateWebhookRequest
	if err := json.Unmarshal(body, &req); err != nil || req.RequestURL == "" {
		writeProblem(w, http.StatusBadRequest, "errors/invalid_parameters", "Invalid parameters", "request_url is required")

		return
	}

	id := f.add(req)
	writeJSON(w, http.StatusCreated, map[string]any{"object": "WebhookCreated", "webhook_id": id})
}

func (f *fakeUnipile) serveDelete(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, webhooksPath+"/")

	f.mu.Lock()
	defer f.mu.Unlock()

	for index, webhook := range f.webhooks {
		if webhook.ID == id {
			f.webhooks = append(f.webhooks[:index], f.webhooks[index+1:]...)
			writeJSON(w, http.StatusOK, map[string]any{"object": "WebhookDeleted"})

			return
		}
	}

	writeProblem(w, http.StatusNotFound, "errors/resource_not_found", "Resource not found.", "Webhook not found")
}

// Interceptors shared by several tests.

// respond answers with a fixed status, headers and body.
func respond(status int, body string, headerPairs ...string) fault {
	return func(_ *fakeUnipile, w http.ResponseWriter, _ *http.Request) bool {
		for index := 0; index+1 < len(headerPairs); index += 2 {
			w.Header().Set(headerPairs[index], headerPairs[index+1])
		}

		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))

		return true
	}
}

// problem answers with a problem-details body.
func problem(status int, problemType, title, detail string) fault {
	return func(_ *fakeUnipile, w http.ResponseWriter, _ *http.Request) bool {
		writeProblem(w, status, problemType, title, detail)

		return true
	}
}

// dropConnection closes the connection without answering.
func dropConnection() fault {
	return func(f *fakeUnipile, w http.ResponseWriter, _ *http.Request) bool {
		hangUp(f.t, w)

		return true
	}
}

// applyThenDrop lets the fake apply a create, then loses the response, as
// when a connection breaks after the server acted.
func applyThenDrop(times int) fault {
	return func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
		var req CreateWebhookRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			f.t.Errorf("decoding create body: %v", err)
		}

		for range times {
			f.add(req)
		}

		hangUp(f.t, w)

		return true
	}
}

func hangUp(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)

		return
	}

	_ = conn.Close()
}

func writeProblem(w http.ResponseWriter, status int, problemType, title, detail string) {
	body := map[string]any{"type": problemType, "title": title, "status": status}
	if detail != "" {
		body["detail"] = detail
	}

	w.Header().Set("Content-Type", "application/problem+json")
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}

	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(value)
}

func readAll(t *testing.T, r *http.Request) []byte {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading request body: %v", err)
	}

	return body
}

type nopBody struct{ *strings.Reader }

func (nopBody) Close() error { return nil }

// recordingSleep replaces the client's sleep: it records each delay and
// returns at once, so tests can check waits without spending them.
type recordingSleep struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *recordingSleep) sleep(ctx context.Context, delay time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, delay)
	s.mu.Unlock()

	return ctx.Err()
}

func (s *recordingSleep) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()

	return append([]time.Duration(nil), s.delays...)
}
