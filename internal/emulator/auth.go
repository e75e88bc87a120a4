package emulator

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
)

// apiKeyHeader carries the access token; the API has no bearer form.
const apiKeyHeader = "X-API-KEY"

// authorize answers 401 and returns false unless the request carries the
// configured key. Comparing digests in constant time hides both the key's
// content and its length from timing.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	key := r.Header.Get(apiKeyHeader)
	if key == "" {
		writeProblem(w, r, http.StatusUnauthorized, problemMissingCredentials,
			"The "+apiKeyHeader+" header is required.")
		return false
	}

	digest := sha256.Sum256([]byte(key))
	if subtle.ConstantTimeCompare(digest[:], s.apiKeyDigest[:]) != 1 {
		writeProblem(w, r, http.StatusUnauthorized, problemInvalidCredentials,
			"The "+apiKeyHeader+" header does not hold a valid access token.")
		return false
	}

	return true
}
