// Package unipile is a small client for Unipile's v1 webhook API.
//
// It knows nothing of Terraform: the provider converts its wire types to and
// from Terraform values. The API has only three webhook routes (list, create
// and delete), so reading one webhook means walking the paged list; Get does
// that for callers. Walks ask for pages of 250, the largest one source
// documents, and for the documented default of 100 once a tenant refuses 250.
//
// # Connection
//
// The DSN is the tenant's host and port as the dashboard shows it, which
// means HTTPS, or a full URL; see ParseDSN. Every request carries X-API-KEY,
// Accept and User-Agent headers, and redirects are never followed.
//
// # Shared list walks
//
// A Client is meant to live for one Terraform operation, and its Get and
// List calls share walks of the list: concurrent calls wait for one walk,
// and later ones answer from its snapshot for up to a minute. The client's
// own creates and deletes keep the snapshot true: a webhook it created is
// looked for in a new walk rather than reported missing, and one it deleted
// is missing without a walk. Reading back many new webhooks at once costs
// one walk per batch of creates. The comment on listShare gives the rules
// and why a not-found stays trustworthy. Config.DisableListSharing turns
// sharing off; Create's search for a lost webhook always walks on its own.
//
// # Retries
//
// Listing and deleting are idempotent and are retried on 429, 500, 502, 503,
// 504 and on transport failures (reset or dropped connections, timeouts of
// the HTTP client), at most Config.MaxRetries times. The wait honours
// Retry-After, capped at twice MaxBackoff; otherwise it is drawn uniformly
// between zero and an exponential ceiling capped at MaxBackoff. A call whose
// context ends stops at once with the context's error. Create is retried
// only when Unipile cannot have acted, and otherwise looks for the webhook
// it may have made before sending again; Create explains how.
//
// # Errors
//
// A non-2xx answer is an *APIError, which renders Unipile's problem details
// or an excerpt of any other body on one line. errors.Is matches it against
// ErrNotFound, ErrUnauthorized and ErrForbidden. No error message holds the
// API key, nor, for a create, the values of the request's headers.
//
// # Logging
//
// With a Logger set, each HTTP attempt is logged at DEBUG with the fields
// method, path, status, attempt, duration_ms and, for a delete, webhook_id;
// bodies are logged at TRACE. Before any body is logged, the API key and
// every header value found in the exchange are passed to MaskSecrets.
// Request headers are never logged.
package unipile
