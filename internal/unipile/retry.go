package unipile

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// retryableStatus lists the answers a later identical request may get past:
// rate limiting and the server failures that are usually brief.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	default:
		return false
	}
}

// transientTransportError reports whether a failure to get any answer may
// pass: a reset or closed connection, a timeout of the HTTP client (not of
// the caller's context, which is checked first), a refused connection while
// a server restarts. Certificate problems, a name that does not resolve and
// talking TLS to a plain HTTP server will fail the same way again.
func transientTransportError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		badHostname      x509.HostnameError
		invalidCert      x509.CertificateInvalidError
		verification     *tls.CertificateVerificationError
		recordHeader     tls.RecordHeaderError
		dnsErr           *net.DNSError
	)

	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &badHostname), errors.As(err, &invalidCert),
		errors.As(err, &verification), errors.As(err, &recordHeader):
		return false
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	default:
		return true
	}
}

// retryDelay is how long to wait before retry number retry (1 for the
// first). A Retry-After header wins, capped at twice MaxBackoff so a server
// cannot stall a run for hours; otherwise the wait is exponential from
// MinBackoff, capped at MaxBackoff, with full jitter so that parallel
// callers spread out.
func (c *Client) retryDelay(retry int, answer *exchange) time.Duration {
	if answer != nil {
		if wait, ok := parseRetryAfter(answer.header.Get("Retry-After"), time.Now()); ok {
			return min(wait, 2*c.maxBackoff)
		}
	}

	ceiling := c.minBackoff
	for doubled := 1; doubled < retry && ceiling < c.maxBackoff; doubled++ {
		ceiling *= 2
	}

	ceiling = min(ceiling, c.maxBackoff)
	if ceiling <= 0 {
		return 0
	}

	return rand.N(ceiling + 1)
}

// parseRetryAfter reads delta seconds or an HTTP date; a date in the past
// means no wait.
func parseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}

	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0, false
		}

		return time.Duration(min(seconds, int64(24*time.Hour/time.Second))) * time.Second, true
	}

	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}

	return max(when.Sub(now), 0), true
}

func sleepContext(ctx context.Context, delay time.Duration) error {
	if delay <= 0 {
		return ctx.Err()
	}

	timer := time.NewTimer(delay)
	defer timer.Stop()

	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// send makes an idempotent call (a list page or a delete), retrying what
// may pass as the package documentation describes. It returns the first
// successful exchange, or the error of the last attempt.
//
// The loop is written here rather than taken from go-retryablehttp, the
// usual choice, because Create shares attempt with it and must learn whether
// each request left this machine whole, which decides between sending again
// and looking for a webhook the lost attempt made; that library's loop
// hides it, and its backoffs add no full jitter.
func (c *Client) send(ctx context.Context, req request) (*exchange, error) {
	for number := 1; ; number++ {
		answer, _, err := c.attempt(ctx, req, number)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", req, ctx.Err())
		}

		failure, retryable := c.judge(req, answer, err)
		if failure == nil {
			return answer, nil
		}

		if !retryable {
			return nil, failure
		}

		if number > c.maxRetries {
			return nil, giveUp(number, failure)
		}

		if err := c.pause(ctx, "Retrying Unipile request", req, number, answer, failure); err != nil {
			return nil, err
		}
	}
}

// judge returns nil for a success, else the error and whether to retry.
func (c *Client) judge(req request, answer *exchange, err error) (failure error, retryable bool) {
	switch {
	case err != nil:
		var urlErr *url.Error
		if !errors.As(err, &urlErr) {
			return err, false
		}

		return transportFailure(req, err), transientTransportError(urlErr.Err)
	case !answer.succeeded():
		return newAPIError(req.method, req.path, answer.status, answer.body, []string{c.apiKey}),
			retryableStatus(answer.status)
	case answer.bodyErr != nil:
		return fmt.Errorf("%s: %d: %w", req, answer.status, answer.bodyErr),
			!errors.Is(answer.bodyErr, errBodyTooLarge)
	default:
		return nil, false
	}
}

// pause logs msg with the reason and waits before the next step of a call.
func (c *Client) pause(ctx context.Context, msg string, req request, number int, answer *exchange, cause error) error {
	delay := c.retryDelay(number, answer)

	fields := map[string]any{
		"method": req.method, "path": req.path, "attempt": number,
		"delay_ms": delay.Milliseconds(), "reason": cause.Error(),
	}
	if req.webhookID != "" {
		fields["webhook_id"] = req.webhookID
	}

	c.log.Debug(ctx, msg, fields)

	if err := c.sleep(ctx, delay); err != nil {
		return fmt.Errorf("%s: %w", req, err)
	}

	return nil
}

func giveUp(attempts int, failure error) error {
	return fmt.Errorf("gave up after %d attempts: %w", attempts, failure)
}
