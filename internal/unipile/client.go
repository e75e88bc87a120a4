package unipile

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
)

// Defaults for the Config fields left at their zero value. DefaultMaxRetries
// is not applied automatically, because zero retries is a valid choice:
// callers pass it explicitly.
const (
	DefaultUserAgent   = "terraform-provider-unipile/dev"
	DefaultMaxRetries  = 4
	DefaultMinBackoff  = 500 * time.Millisecond
	DefaultMaxBackoff  = 30 * time.Second
	DefaultHTTPTimeout = 60 * time.Second

	// MaxPageSize is the largest list page Unipile serves, by one source
	// only; DefaultPageSize is the page it serves when no limit is given.
	// A tenant that refuses MaxPageSize is asked for DefaultPageSize.
	MaxPageSize     = 250
	DefaultPageSize = 100
)

// Guards against a misbehaving server; tests lower them on their own client.
const (
	defaultMaxPages    = 10_000
	defaultMaxListBody = 32 << 20
	maxSmallBody       = 1 << 20
	maxErrorBody       = 64 << 10
)

// Config says how to reach one Unipile tenant.
type Config struct {
	// DSN is the tenant's endpoint: "api8.unipile.com:13443" as the
	// dashboard shows it, or a full URL. See ParseDSN.
	DSN    string
	APIKey string

	// UserAgent is the whole User-Agent header; DefaultUserAgent when empty.
	UserAgent string

	// HTTPClient sends the requests; a client with DefaultHTTPTimeout when
	// nil. The client is copied and set never to follow redirects, so that
	// the API key is not sent on to wherever a redirect points.
	HTTPClient *http.Client

	// MaxRetries is how many times a failed call that is safe to repeat is
	// tried again after its first attempt; negative means none.
	MaxRetries int

	// MinBackoff and MaxBackoff bound the wait before a retry;
	// DefaultMinBackoff and DefaultMaxBackoff when zero.
	MinBackoff time.Duration
	MaxBackoff time.Duration

	// PageSize is the list page size, 1 to MaxPageSize; MaxPageSize when zero.
	PageSize int

	// Logger receives a line per HTTP attempt; nothing is logged when nil.
	Logger Logger

	// DisableListSharing makes every Get and List walk the list on its own,
	// as if no other call had walked it. It is a diagnostic switch, for
	// measuring what sharing saves or ruling it out when chasing a problem;
	// see the package documentation for what sharing does.
	DisableListSharing bool
}

// Logger is where the client writes its request logs. It is an interface so
// that this package stays free of Terraform's logging library.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)

	// MaskSecrets returns a ctx whose log lines never show the given values.
	MaskSecrets(ctx context.Context, values ...string) context.Context
}

// Client talks to one Unipile tenant's v1 webhook API. It is safe for
// concurrent use.
type Client struct {
	base       *url.URL
	apiKey     string
	userAgent  string
	httpClient *http.Client
	maxRetries int
	minBackoff time.Duration
	maxBackoff time.Duration
	pageSize   atomic.Int64 // lowered once if Unipile refuses it; see listOwnPage
	log        Logger

	maxPages    int
	maxListBody int64
	sleep       func(ctx context.Context, delay time.Duration) error

	ledger ledger

	// share is nil when list sharing is disabled.
	share *listShare
}

// New checks cfg and builds a Client. It sends no request.
func New(cfg Config) (*Client, error) {
	base, err := ParseDSN(cfg.DSN)
	if err != nil {
		return nil, err
	}

	apiKey, err := checkAPIKey(cfg.APIKey)
	if err != nil {
		return nil, err
	}

	client := &Client{
		base:        base,
		apiKey:      apiKey,
		userAgent:   cfg.UserAgent,
		maxRetries:  max(cfg.MaxRetries, 0),
		minBackoff:  cmp.Or(cfg.MinBackoff, DefaultMinBackoff),
		maxBackoff:  cmp.Or(cfg.MaxBackoff, DefaultMaxBackoff),
		log:         cfg.Logger,
		maxPages:    defaultMaxPages,
		maxListBody: defaultMaxListBody,
		sleep:       sleepContext,
	}
	client.pageSize.Store(int64(cmp.Or(cfg.PageSize, MaxPageSize)))

	if client.userAgent == "" {
		client.userAgent = DefaultUserAgent
	}

	if client.log == nil {
		client.log = silentLogger{}
	}

	if err := client.checkLimits(); err != nil {
		return nil, err
	}

	client.httpClient = withoutRedirects(cfg.HTTPClient)

	if !cfg.DisableListSharing {
		client.share = newListShare(client.listAll, client.log)
	}

	return client, nil
}

// checkAPIKey trims the key and refuses one that could not be sent as a
// header. The key itself is never part of the message.
func checkAPIKey(key string) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return "", errors.New("the API key is empty")
	}

	if strings.ContainsFunc(key, func(r rune) bool { return unicode.IsControl(r) || r > unicode.MaxASCII }) {
		return "", errors.New("the API key contains a line break, control or non-ASCII character; " +
			"copy it again from the Unipile dashboard")
	}

	return key, nil
}

// checkLimits rejects settings that cannot work rather than bending them.
func (c *Client) checkLimits() error {
	switch {
	case c.pageSize.Load() < 1 || c.pageSize.Load() > MaxPageSize:
		return fmt.Errorf("the page size %d is outside 1..%d", c.pageSize.Load(), MaxPageSize)
	case c.minBackoff < 0 || c.maxBackoff < 0:
		return errors.New("backoff durations must not be negative")
	case c.minBackoff > c.maxBackoff:
		return fmt.Errorf("the minimum backoff %s exceeds the maximum %s", c.minBackoff, c.maxBackoff)
	default:
		return nil
	}
}

// withoutRedirects copies the caller's client, or makes one, and stops it
// from following redirects: Go forwards custom headers such as X-API-KEY to
// the redirect target, and a POST turned into a GET would hide a failure.
func withoutRedirects(given *http.Client) *http.Client {
	client := &http.Client{Timeout: DefaultHTTPTimeout}
	if given != nil {
		copied := *given
		client = &copied
	}

	client.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}

	return client
}

// Claim records ids as known not to be the product of a create whose
// response is lost, such as the ids already in Terraform state. See Create.
func (c *Client) Claim(ids ...string) {
	c.ledger.claim(ids...)
}
