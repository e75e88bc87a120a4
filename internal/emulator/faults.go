package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
)

// FaultKind says how an injected fault breaks a request.
type FaultKind string

// Fault kinds.
const (
	// FaultStatus answers with an error status instead of handling the
	// request, which is not applied.
	FaultStatus FaultKind = "status"

	// FaultDrop closes the connection without a response; the request is
	// not applied. Go's http.Transport replays a GET on its own when a
	// reused keep-alive connection closes like this, so a client may never
	// see a dropped list; the counters still show both attempts.
	FaultDrop FaultKind = "drop"

	// FaultLoseResponse applies the request (a create is committed) and
	// then closes the connection without a response.
	FaultLoseResponse FaultKind = "lose_response"
)

// Fault is one rule for breaking requests. Rules are checked in the order
// they were injected and the first that fires decides the outcome.
type Fault struct {
	// Route limits the rule to one route; "" matches every route.
	Route Route

	Kind FaultKind

	// Status is the answer of a FaultStatus: 429, 500, 502, 503 or 504.
	Status int

	// RetryAfter, when set, is sent as the Retry-After header of a 429 or
	// 503 answer.
	RetryAfter string

	// Times is how many matching requests the rule breaks before it is
	// used up; 0 with a Probability means no limit.
	Times int

	// Probability is the chance, between 0 and 1, that the rule breaks a
	// matching request; 0 with Times means every one. When both are set,
	// each matching request is a draw and Times caps the breaks.
	Probability float64
}

type faultRule struct {
	Fault
	remaining int // meaningless when unlimited
	unlimited bool
}

// faultStatuses maps each injectable status to its problem type.
var faultStatuses = map[int]string{
	http.StatusTooManyRequests:     problemTooManyRequests,
	http.StatusInternalServerError: problemUnexpected,
	http.StatusBadGateway:          problemBadGateway,
	http.StatusServiceUnavailable:  problemUnavailable,
	http.StatusGatewayTimeout:      problemTimeout,
}

// faultDetails gives each injected status the detail text a client would
// show, where the real API documents one.
var faultDetails = map[int]string{
	http.StatusServiceUnavailable: "Please try again later.",
}

// Inject queues a fault rule after those already queued. It panics on a
// rule that could never behave as meant (unknown kind or status, a
// probability outside 0..1, negative or no Times and no Probability),
// since such a rule is a mistake in the test that wrote it.
func (s *Server) Inject(f Fault) {
	if err := f.validate(); err != nil {
		panic("emulator: " + err.Error())
	}

	s.mu.Lock()
	defer s.mu.Unlock()

	s.faults = append(s.faults, &faultRule{
		Fault:     f,
		remaining: f.Times,
		unlimited: f.Times == 0,
	})
}

// ClearFaults drops every queued fault rule; the injected counts stay.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.faults = nil
}

// FaultsInjected returns how many requests each kind of fault has broken.
func (s *Server) FaultsInjected() map[FaultKind]int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return maps.Clone(s.fired)
}

func (f Fault) validate() error {
	switch f.Kind {
	case FaultStatus:
		if _, ok := faultStatuses[f.Status]; !ok {
			return fmt.Errorf("fault status %d is not one of 429, 500, 502, 503, 504", f.Status)
		}
	case FaultDrop, FaultLoseResponse:
	default:
		return fmt.Errorf("unknown fault kind %q", f.Kind)
	}

	switch {
	case f.Times < 0:
		return fmt.Errorf("fault Times %d is negative", f.Times)
	case f.Probability < 0 || f.Probability > 1:
		return fmt.Errorf("fault Probability %v is outside 0..1", f.Probability)
	case f.Times == 0 && f.Probability == 0:
		return fmt.Errorf("fault needs Times or Probability")
	}

	return nil
}

// nextFault returns the first rule that matches route and fires for this
// request, using up one of its breaks. A rule whose draw fails lets the
// later rules have their turn.
func (s *Server) nextFault(route Route) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()

	for i, rule := range s.faults {
		if rule.Route != "" && rule.Route != route {
			continue
		}
		if rule.Probability > 0 && s.faultRNG.Float64() >= rule.Probability {
			continue
		}

		if !rule.unlimited {
			rule.remaining--
			if rule.remaining == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		s.fired[rule.Kind]++

		return rule.Fault, true
	}

	return Fault{}, false
}

func writeFaultStatus(w http.ResponseWriter, r *http.Request, f Fault) {
	retryable := f.Status == http.StatusTooManyRequests || f.Status == http.StatusServiceUnavailable
	if retryable && f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}

	writeProblem(w, r, f.Status, faultStatuses[f.Status], faultDetails[f.Status])
}
