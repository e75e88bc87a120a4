package emulator

import (
	"encoding/json"
	"net/http"
)

// Problem types the emulator answers with, as the real API spells them.
const (
	problemMissingCredentials = "errors/missing_credentials"
	problemInvalidCredentials = "errors/invalid_credentials"
	problemInvalidParameters  = "errors/invalid_parameters"
	problemMissingParameters  = "errors/missing_parameters"
	problemMalformedRequest   = "errors/malformed_request"
	problemNotFound           = "errors/resource_not_found"
	problemTooManyRequests    = "errors/too_many_requests"
	problemUnexpected         = "errors/unexpected_error"
	problemBadGateway         = "errors/bad_gateway"
	problemUnavailable        = "errors/service_unavailable"
	problemTimeout            = "errors/request_timeout"
)

var problemTitles = map[string]string{
	problemMissingCredentials: "Missing credentials",
	problemInvalidCredentials: "Invalid credentials",
	problemInvalidParameters:  "Invalid parameters",
	problemMissingParameters:  "Missing parameters",
	problemMalformedRequest:   "Malformed request",
	problemNotFound:           "Resource not found",
	problemTooManyRequests:    "Too many requests",
	problemUnexpected:         "Unexpected error",
	problemBadGateway:         "Bad gateway",
	problemUnavailable:        "Service unavailable",
	problemTimeout:            "Request timeout",
}

// problem is an RFC 9457 style error body. ConnectionParams only appears on
// 401 answers, as it does on the real API.
type problem struct {
	Title            string            `json:"title"`
	Type             string            `json:"type"`
	Status           int               `json:"status"`
	Detail           string            `json:"detail,omitempty"`
	Instance         string            `json:"instance"`
	ConnectionParams *connectionParams `json:"connectionParams,omitempty"`
}

// connectionParams stands in for the object real 401 bodies carry. Its real
// fields are undocumented, so it only says how the key is expected.
type connectionParams struct {
	Header string `json:"header"`
}

func writeProblem(w http.ResponseWriter, r *http.Request, status int, kind, detail string) {
	body := problem{
		Title:    problemTitles[kind],
		Type:     kind,
		Status:   status,
		Detail:   detail,
		Instance: r.URL.Path,
	}
	if status == http.StatusUnauthorized {
		body.ConnectionParams = &connectionParams{Header: apiKeyHeader}
	}

	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	payload, err := json.Marshal(body)
	if err != nil {
		// Every body is built from plain structs, so this is a bug in the
		// emulator; a 500 makes the failing test point at it.
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}

	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(payload)
}
