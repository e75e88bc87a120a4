package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
)

const (
	defaultLimit = 100
	maxLimit     = 250
)

type listBody struct {
	Object string     `json:"object"`
	Items  []listItem `json:"items"`
	Cursor *string    `json:"cursor"`
}

// listItem is a webhook as the list shows it: account ids expanded to
// objects and no source field.
type listItem struct {
	Object     string        `json:"object"`
	ID         string        `json:"id"`
	AccountIDs []wireAccount `json:"account_ids"`
	Enabled    bool          `json:"enabled"`
	Name       string        `json:"name"`
	RequestURL string        `json:"request_url"`
	Format     string        `json:"format"`
	Headers    []wireHeader  `json:"headers"`
	Data       []wireData    `json:"data"`
	Events     []string      `json:"events"`
	Type       string        `json:"type"`
	Trigger    any           `json:"trigger,omitempty"`
}

type wireAccount struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// cursorBody is what the opaque cursor encodes, the same keyset shape the
// official SDK builds.
type cursorBody struct {
	Limit  int `json:"limit"`
	Cursor struct {
		LastID string `json:"last_id"`
	} `json:"cursor"`
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()

	limit, detail := parseLimit(query.Get("limit"))
	if detail != "" {
		writeProblem(w, r, http.StatusBadRequest, problemInvalidParameters, detail)
		return
	}

	s.mu.Lock()
	body, detail := s.page(query.Get("cursor"), limit)
	s.mu.Unlock()

	if detail != "" {
		writeProblem(w, r, http.StatusBadRequest, problemInvalidParameters, detail)
		return
	}

	writeJSON(w, http.StatusOK, body)
}

func parseLimit(raw string) (int, string) {
	if raw == "" {
		return 0, ""
	}

	limit, err := strconv.Atoi(raw)
	if err != nil || limit < 1 || limit > maxLimit {
		return 0, fmt.Sprintf("limit: %q is not an integer between 1 and %d", raw, maxLimit)
	}

	return limit, ""
}

// page builds the page after the cursor. An explicit limit wins over the
// one the cursor remembers. The caller holds s.mu.
func (s *Server) page(rawCursor string, limit int) (listBody, string) {
	start := 0
	if rawCursor != "" {
		cursor, detail := s.decodeCursor(rawCursor)
		if detail != "" {
			return listBody{}, detail
		}

		start = s.store.after(s.store.seqs[cursor.Cursor.LastID])
		if limit == 0 {
			limit = cursor.Limit
		}
	}
	if limit == 0 {
		limit = defaultLimit
	}

	end := min(start+limit, len(s.store.entries))
	body := listBody{Object: "WebhookList", Items: make([]listItem, 0, end-start)}
	for _, e := range s.store.entries[start:end] {
		body.Items = append(body.Items, s.toListItem(e.webhook))
	}

	// The cursor is only handed out when more webhooks follow, so the last
	// page says so itself instead of costing an extra empty request.
	if end < len(s.store.entries) {
		next := encodeCursor(limit, s.store.entries[end-1].webhook.ID)
		body.Cursor = &next
	}

	return body, ""
}

func encodeCursor(limit int, lastID string) string {
	var cursor cursorBody
	cursor.Limit = limit
	cursor.Cursor.LastID = lastID

	raw, _ := json.Marshal(cursor) // A struct of an int and a string always encodes.

	return base64.StdEncoding.EncodeToString(raw)
}

// decodeCursor accepts only cursors this emulator could have issued: valid
// base64 JSON naming an id it has seen and a limit in range.
func (s *Server) decodeCursor(raw string) (cursorBody, string) {
	var cursor cursorBody
	bad := fmt.Sprintf("cursor: %q is not a cursor this API returned", raw)

	decoded, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || json.Unmarshal(decoded, &cursor) != nil {
		return cursor, bad
	}

	if _, known := s.store.seqs[cursor.Cursor.LastID]; !known || cursor.Limit < 1 || cursor.Limit > maxLimit {
		return cursor, bad
	}

	return cursor, ""
}

// toListItem renders a stored webhook. The docs promise no order for the
// arrays, so each response shuffles them: a client that compares them in
// order fails its tests here rather than in production. The caller holds
// s.mu, which guards the random source.
func (s *Server) toListItem(w Webhook) listItem {
	item := listItem{
		Object:     "Webhook",
		ID:         w.ID,
		AccountIDs: make([]wireAccount, 0, len(w.AccountIDs)),
		Enabled:    w.Enabled,
		Name:       w.Name,
		RequestURL: w.RequestURL,
		Format:     w.Format,
		Headers:    make([]wireHeader, 0, len(w.Headers)),
		Data:       make([]wireData, 0, len(w.Data)),
		Events:     append([]string{}, w.Events...),
		Type:       w.Type,
	}

	for _, id := range w.AccountIDs {
		item.AccountIDs = append(item.AccountIDs, s.expandAccount(id))
	}
	for _, h := range w.Headers {
		item.Headers = append(item.Headers, wireHeader(h))
	}
	for _, d := range w.Data {
		item.Data = append(item.Data, wireData(d))
	}
	if w.Type == TypeTrigger {
		trigger := map[string]string{}
		for k, v := range w.Trigger {
			trigger[k] = v
		}
		item.Trigger = trigger
	}

	shuffle(s.shuffleRNG, item.AccountIDs)
	shuffle(s.shuffleRNG, item.Headers)
	shuffle(s.shuffleRNG, item.Data)
	shuffle(s.shuffleRNG, item.Events)

	return item
}

func (s *Server) expandAccount(id string) wireAccount {
	if account, known := s.accounts[id]; known {
		return wireAccount(account)
	}

	return wireAccount{ID: id, Name: "Account " + id, Type: "LINKEDIN"}
}

func shuffle[T any](rng *rand.Rand, s []T) {
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}
