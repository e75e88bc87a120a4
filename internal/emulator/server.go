package emulator

import (
	"crypto/sha256"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// APIKey is the X-API-KEY value every request must carry. It is
	// required: New panics and Start fails without it, since an emulator
	// that accepts anything would hide a client that forgets the header.
	APIKey string

	// Latency is added before every response; SetLatency changes it later.
	Latency time.Duration

	// Accounts are the connected accounts list items expand ids into. A
	// webhook may name an id missing here: how the real API validates
	// account ids is undocumented, so the emulator accepts any id and
	// expands an unknown one with a generated name and type "LINKEDIN".
	Accounts []Account

	// Seed drives the random order of arrays in list items and the dice
	// of probabilistic faults; 0 picks a time-based seed.
	Seed int64

	// Logf, when set, receives one line per request.
	Logf func(format string, args ...any)
}

// Server is the emulator. It is an http.Handler and safe for concurrent
// use; one mutex guards all of its state.
type Server struct {
	apiKeyDigest [sha256.Size]byte
	accounts     map[string]Account
	logf         func(format string, args ...any)

	mu      sync.Mutex
	latency time.Duration
	counts  map[Route]int
	store   store
	faults  []*faultRule
	fired   map[FaultKind]int

	// shuffleRNG and faultRNG are separate so that the order of list
	// calls never changes which requests a probabilistic fault hits.
	shuffleRNG *rand.Rand
	faultRNG   *rand.Rand
}

// New returns an emulator with no webhooks. It panics when opts.APIKey is
// empty.
func New(opts Options) *Server {
	if opts.APIKey == "" {
		panic("emulator: Options.APIKey must not be empty")
	}

	seed := uint64(opts.Seed)
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}

	accounts := make(map[string]Account, len(opts.Accounts))
	for _, account := range opts.Accounts {
		accounts[account.ID] = account
	}

	return &Server{
		apiKeyDigest: sha256.Sum256([]byte(opts.APIKey)),
		accounts:     accounts,
		logf:         opts.Logf,
		latency:      opts.Latency,
		counts:       make(map[Route]int),
		store:        newStore(),
		fired:        make(map[FaultKind]int),
		shuffleRNG:   rand.New(rand.NewPCG(seed, 1)),
		faultRNG:     rand.New(rand.NewPCG(seed, 2)),
	}
}

// SetLatency changes the delay added before every later response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.latency = d
}

// Count returns how many requests reached route, rejected ones included.
func (s *Server) Count(route Route) int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.counts[route]
}

// Counts returns the request count of every route, zeros included.
func (s *Server) Counts() map[Route]int {
	s.mu.Lock()
	defer s.mu.Unlock()

	counts := make(map[Route]int, 4)
	for _, route := range []Route{RouteList, RouteCreate, RouteDelete, RouteOther} {
		counts[route] = s.counts[route]
	}

	return counts
}

// ResetCounts sets every request counter back to zero.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()

	clear(s.counts)
}

// ServeHTTP answers one request: it counts it, waits for the latency,
// applies the first matching fault and otherwise handles the route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	route, id := classify(r)

	s.mu.Lock()
	s.counts[route]++
	latency := s.latency
	s.mu.Unlock()

	if !sleep(r, latency) {
		s.log(r, "canceled", started)
		return
	}

	fault, faulted := s.nextFault(route)
	switch {
	case !faulted:
		recorder := &statusRecorder{ResponseWriter: w}
		s.handle(recorder, r, route, id)
		s.log(r, strconv.Itoa(recorder.status), started)

	case fault.Kind == FaultStatus:
		writeFaultStatus(w, r, fault)
		s.log(r, strconv.Itoa(fault.Status)+" (injected)", started)

	case fault.Kind == FaultDrop:
		s.log(r, "dropped (injected)", started)
		abortConnection(w)

	case fault.Kind == FaultLoseResponse:
		// The request is applied in full before the connection goes, which
		// is the case where a blind retry of a create makes a duplicate.
		s.handle(&discardWriter{header: http.Header{}}, r, route, id)
		s.log(r, "response lost (injected)", started)
		abortConnection(w)
	}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request, route Route, id string) {
	// The real API guards every path with the key, so the check comes
	// before the route is known to exist.
	if !s.authorize(w, r) {
		return
	}

	switch route {
	case RouteList:
		s.handleList(w, r)
	case RouteCreate:
		s.handleCreate(w, r)
	case RouteDelete:
		s.handleDelete(w, r, id)
	default:
		writeProblem(w, r, http.StatusNotFound, problemNotFound,
			"Cannot "+r.Method+" "+r.URL.Path)
	}
}

// classify maps a request to its route and, for a delete, the webhook id.
// Only the three real routes are served; GET, PATCH and PUT on a webhook
// id do not exist on the v1 API and fall to RouteOther.
func classify(r *http.Request) (Route, string) {
	const collection = "/api/v1/webhooks"

	path := r.URL.Path
	if path == collection {
		switch r.Method {
		case http.MethodGet:
			return RouteList, ""
		case http.MethodPost:
			return RouteCreate, ""
		}

		return RouteOther, ""
	}

	id, isItem := strings.CutPrefix(path, collection+"/")
	if isItem && id != "" && !strings.Contains(id, "/") && r.Method == http.MethodDelete {
		return RouteDelete, id
	}

	return RouteOther, ""
}

func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}

	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// log writes the request line when a logger is configured. It never
// includes headers, so the API key and header values stay out of logs.
func (s *Server) log(r *http.Request, outcome string, started time.Time) {
	if s.logf == nil {
		return
	}

	s.logf("%s %s %s %s", r.Method, r.URL.Path, outcome, time.Since(started).Round(time.Microsecond))
}
