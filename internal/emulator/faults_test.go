package emulator

import (
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

func TestFaultStatus(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		fault          Fault
		wantType       string
		wantRetryAfter string
	}{
		"429 with Retry-After": {
			fault:    Fault{Kind: FaultStatus, Status: 429, RetryAfter: "3", Times: 1},
			wantType: "errors/too_many_requests", wantRetryAfter: "3",
		},
		"503 with Retry-After": {
			fault:    Fault{Kind: FaultStatus, Status: 503, RetryAfter: "Wed, 21 Oct 2037 07:28:00 GMT", Times: 1},
			wantType: "errors/service_unavailable", wantRetryAfter: "Wed, 21 Oct 2037 07:28:00 GMT",
		},
		"500 ignores Retry-After": {
			fault:    Fault{Kind: FaultStatus, Status: 500, RetryAfter: "3", Times: 1},
			wantType: "errors/unexpected_error",
		},
		"502": {fault: Fault{Kind: FaultStatus, Status: 502, Times: 1}, wantType: "errors/bad_gateway"},
		"504": {fault: Fault{Kind: FaultStatus, Status: 504, Times: 1}, wantType: "errors/request_timeout"},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			instance := startTest(t, Options{})
			instance.Inject(tt.fault)

			resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, minimalBody("users"))
			assertProblem(t, resp, tt.fault.Status, tt.wantType, "/api/v1/webhooks")

			if got := resp.header.Get("Retry-After"); got != tt.wantRetryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tt.wantRetryAfter)
			}
			if n := len(instance.Webhooks()); n != 0 {
				t.Errorf("a status fault stored %d webhooks, want 0", n)
			}
			if got := instance.FaultsInjected(); !maps.Equal(got, map[FaultKind]int{FaultStatus: 1}) {
				t.Errorf("FaultsInjected() = %v", got)
			}

			// Times: 1 is used up, so the next request goes through.
			if id := create(t, instance, minimalBody("users")); id == "" {
				t.Errorf("create after the fault returned no id")
			}
		})
	}
}

func TestFaultTimesAndRoute(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	instance.Inject(Fault{Route: RouteCreate, Kind: FaultStatus, Status: 503, Times: 2})

	// Other routes are untouched by a create-only rule.
	if resp := call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil); resp.status != http.StatusOK {
		t.Errorf("list status = %d, want 200", resp.status)
	}

	var statuses []int
	for range 3 {
		resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, minimalBody("users"))
		statuses = append(statuses, resp.status)
	}
	if want := []int{503, 503, 201}; !slices.Equal(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}
	if n := instance.Count(RouteCreate); n != 3 {
		t.Errorf("Count(create) = %d, want 3: faulted requests count too", n)
	}
}

func TestFaultOrder(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	instance.Inject(Fault{Route: RouteList, Kind: FaultStatus, Status: 502, Times: 1})
	instance.Inject(Fault{Kind: FaultStatus, Status: 500, Times: 2})

	var statuses []int
	for range 3 {
		statuses = append(statuses, call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil).status)
	}
	if want := []int{502, 500, 500}; !slices.Equal(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}

	instance.Inject(Fault{Kind: FaultStatus, Status: 504, Probability: 1})
	instance.ClearFaults()

	if status := call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil).status; status != http.StatusOK {
		t.Errorf("status after ClearFaults = %d, want 200", status)
	}
	if got := instance.FaultsInjected()[FaultStatus]; got != 3 {
		t.Errorf("FaultsInjected()[status] = %d, want 3", got)
	}
}

func TestFaultProbability(t *testing.T) {
	t.Parallel()

	const requests = 200

	outcomes := func(fault Fault) []int {
		instance := startTest(t, Options{Seed: 42})
		instance.Inject(fault)

		statuses := make([]int, 0, requests)
		for range requests {
			statuses = append(statuses, call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil).status)
		}

		return statuses
	}
	count := func(statuses []int, status int) int {
		n := 0
		for _, s := range statuses {
			if s == status {
				n++
			}
		}
		return n
	}

	half := Fault{Kind: FaultStatus, Status: 500, Probability: 0.5}
	first, second := outcomes(half), outcomes(half)
	if !slices.Equal(first, second) {
		t.Errorf("the same seed gave different fault patterns")
	}
	if n := count(first, 500); n < requests/4 || n > requests*3/4 {
		t.Errorf("probability 0.5 broke %d of %d requests", n, requests)
	}

	capped := outcomes(Fault{Kind: FaultStatus, Status: 500, Probability: 0.5, Times: 5})
	if n := count(capped, 500); n != 5 {
		t.Errorf("probability 0.5 with Times 5 broke %d requests, want 5", n)
	}

	always := outcomes(Fault{Kind: FaultStatus, Status: 500, Probability: 1})
	if n := count(always, 500); n != requests {
		t.Errorf("probability 1 broke %d of %d requests", n, requests)
	}
}

func TestFaultDrop(t *testing.T) {
	t.Parallel()

	instance := startTest(t, Options{})
	instance.Inject(Fault{Route: RouteCreate, Kind: FaultDrop, Times: 1})

	resp, err := send(instance, http.MethodPost, "/api/v1/webhooks", testKey, minimalBody("users"))
	if err == nil {
		_ = resp.Body.Close()
		t.Fatalf("dropped create answered %d, want a transport error", resp.StatusCode)
	}

	if n := len(instance.Webhooks()); n != 0 {
		t.Errorf("a dropped create stored %d webhooks, want 0", n)
	}
	if got := instance.FaultsInjected(); !maps.Equal(got, map[FaultKind]int{FaultDrop: 1}) {
		t.Errorf("FaultsInjected() = %v", got)
	}
	if n := instance.Count(RouteCreate); n != 1 {
		t.Errorf("Count(create) = %d, want 1", n)
	}
}

func TestFaultLoseResponse(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		prepare func(*Instance) (method, path string, body any)
		check   func(*testing.T, *Instance)
	}{
		"create is committed": {
			prepare: func(*Instance) (string, string, any) {
				return http.MethodPost, "/api/v1/webhooks", minimalBody("users")
			},
			check: func(t *testing.T, instance *Instance) {
				if n := len(instance.Webhooks()); n != 1 {
					t.Errorf("a lost create stored %d webhooks, want 1", n)
				}
			},
		},
		"delete is committed": {
			prepare: func(instance *Instance) (string, string, any) {
				return http.MethodDelete, "/api/v1/webhooks/" + instance.Seed(Webhook{Source: "users"}), nil
			},
			check: func(t *testing.T, instance *Instance) {
				if n := len(instance.Webhooks()); n != 0 {
					t.Errorf("a lost delete left %d webhooks, want 0", n)
				}
			},
		},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			instance := startTest(t, Options{})
			method, path, body := tt.prepare(instance)
			instance.Inject(Fault{Kind: FaultLoseResponse, Times: 1})

			resp, err := send(instance, method, path, testKey, body)
			if err == nil {
				_ = resp.Body.Close()
				t.Fatalf("lost response arrived with status %d, want a transport error", resp.StatusCode)
			}

			tt.check(t, instance)
			if got := instance.FaultsInjected(); !maps.Equal(got, map[FaultKind]int{FaultLoseResponse: 1}) {
				t.Errorf("FaultsInjected() = %v", got)
			}
		})
	}
}

func TestFaultWithoutHijacker(t *testing.T) {
	t.Parallel()

	server := New(Options{APIKey: testKey})
	server.Inject(Fault{Kind: FaultDrop, Times: 1})

	defer func() {
		recovered := recover()
		err, _ := recovered.(error)
		if !errors.Is(err, http.ErrAbortHandler) {
			t.Errorf("recovered %v, want http.ErrAbortHandler", recovered)
		}
	}()

	server.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/api/v1/webhooks", nil))
	t.Errorf("ServeHTTP returned normally from a drop fault")
}

func TestInjectRejectsInvalidFaults(t *testing.T) {
	t.Parallel()

	tests := map[string]Fault{
		"unknown kind":         {Kind: "explode", Times: 1},
		"status not allowed":   {Kind: FaultStatus, Status: 418, Times: 1},
		"status missing":       {Kind: FaultStatus, Times: 1},
		"negative times":       {Kind: FaultDrop, Times: -1},
		"probability above 1":  {Kind: FaultDrop, Probability: 1.5},
		"negative probability": {Kind: FaultDrop, Probability: -0.1},
		"never fires":          {Kind: FaultDrop},
	}

	for name, fault := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			server := New(Options{APIKey: testKey})
			defer func() {
				if recover() == nil {
					t.Errorf("Inject(%+v) did not panic", fault)
				}
			}()

			server.Inject(fault)
		})
	}
}
