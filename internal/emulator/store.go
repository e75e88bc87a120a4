package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"sort"
)

// store keeps webhooks in creation order. Every id ever issued keeps its
// sequence number after a delete, so a list cursor that points at a deleted
// webhook still resumes at the right place, as keyset paging should.
type store struct {
	entries []entry // ordered by seq
	seqs    map[string]uint64
	nextSeq uint64
}

type entry struct {
	seq     uint64
	webhook Webhook
}

func newStore() store {
	return store{seqs: make(map[string]uint64)}
}

// newID returns an unused id of 22 URL-safe characters, the shape of real
// webhook ids.
func (st *store) newID() string {
	for {
		var raw [16]byte
		_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails.

		id := base64.RawURLEncoding.EncodeToString(raw[:])
		if _, taken := st.seqs[id]; !taken {
			return id
		}
	}
}

// put stores w, replacing a live webhook of the same id in place.
func (st *store) put(w Webhook) {
	if i, found := st.find(w.ID); found {
		st.entries[i].webhook = w
		return
	}

	st.nextSeq++
	st.seqs[w.ID] = st.nextSeq
	st.entries = append(st.entries, entry{seq: st.nextSeq, webhook: w})
}

func (st *store) remove(id string) bool {
	i, found := st.find(id)
	if !found {
		return false
	}

	st.entries = append(st.entries[:i], st.entries[i+1:]...)

	return true
}

func (st *store) find(id string) (int, bool) {
	seq, known := st.seqs[id]
	if !known {
		return 0, false
	}

	i := st.after(seq - 1)
	if i < len(st.entries) && st.entries[i].seq == seq {
		return i, true
	}

	return 0, false
}

func (st *store) after(seq uint64) int {
	return sort.Search(len(st.entries), func(i int) bool { return st.entries[i].seq > seq })
}

// Webhooks returns a copy of every stored webhook in creation order.
func (s *Server) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()

	webhooks := make([]Webhook, 0, len(s.store.entries))
	for _, e := range s.store.entries {
		webhooks = append(webhooks, e.webhook.clone())
	}

	return webhooks
}

// Seed stores w as is, the way a webhook made in the dashboard or an
// existing tenant would appear, and returns its id. An empty ID is
// generated and an empty Type becomes "AUTO"; nothing else is validated or
// defaulted. Seeding an id that is already stored replaces that webhook.
func (s *Server) Seed(w Webhook) string {
	s.mu.Lock()
	defer s.mu.Unlock()

	w = w.clone()
	if w.ID == "" {
		w.ID = s.store.newID()
	}
	if w.Type == "" {
		w.Type = TypeAuto
	}

	s.store.put(w)

	return w.ID
}

// Remove deletes a webhook out of band, as a dashboard user would, and
// reports whether it existed. It does not count as a request.
func (s *Server) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.store.remove(id)
}
