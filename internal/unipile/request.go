package unipile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"
)

// errBodyTooLarge marks a response larger than its cap. It is not retried:
// the same request would get the same body.
var errBodyTooLarge = errors.New("the response body is larger than the client accepts")

type request struct {
	method    string
	path      string // escaped, under the base URL, such as /api/v1/webhooks/abc
	query     url.Values
	body      []byte
	bodyLimit int64
	webhookID string
}

// String names the call in errors and logs; the query is left out.
func (r request) String() string {
	return r.method + " " + r.path
}

// exchange is what one attempt got back: a status, headers and a body read
// up to its cap. bodyErr says the body could not be read whole.
type exchange struct {
	status  int
	header  http.Header
	body    []byte
	bodyErr error
}

func (e *exchange) succeeded() bool {
	return e.status >= 200 && e.status < 300
}

// attempt sends req once. sent reports whether the whole request reached
// the connection, which tells a create that failed before Unipile could act
// from one whose outcome is unknown. Errors are transport errors; an HTTP
// error status is not an error here.
func (c *Client) attempt(ctx context.Context, req request, number int) (result *exchange, sent bool, err error) {
	httpReq, err := c.newHTTPRequest(ctx, req)
	if err != nil {
		return nil, false, err
	}

	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) { wrote.Store(info.Err == nil) },
	}
	httpReq = httpReq.WithContext(httptrace.WithClientTrace(httpReq.Context(), trace))

	fields := map[string]any{"method": req.method, "path": req.path, "attempt": number}
	if req.webhookID != "" {
		fields["webhook_id"] = req.webhookID
	}

	c.traceBody(ctx, "Unipile request body", req.body, nil, fields)

	started := time.Now()
	resp, err := c.httpClient.Do(httpReq)
	if err != nil {
		fields["duration_ms"] = time.Since(started).Milliseconds()
		fields["error"] = transportMessage(err)
		c.log.Debug(ctx, "Unipile request failed", fields)

		return nil, wrote.Load(), err
	}

	result = &exchange{status: resp.StatusCode, header: resp.Header}
	result.body, result.bodyErr = readBody(resp, req.bodyLimit)

	fields["status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(started).Milliseconds()
	if result.bodyErr != nil {
		fields["error"] = result.bodyErr.Error()
	}

	c.log.Debug(ctx, "Unipile request", fields)
	c.traceBody(ctx, "Unipile response body", result.body, req.body, fields)

	return result, true, nil
}

func (c *Client) newHTTPRequest(ctx context.Context, req request) (*http.Request, error) {
	target := c.base.String() + req.path
	if len(req.query) > 0 {
		target += "?" + req.query.Encode()
	}

	var body io.Reader
	if req.body != nil {
		body = bytes.NewReader(req.body)
	}

	httpReq, err := http.NewRequestWithContext(ctx, req.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("%s: building the request: %w", req, err)
	}

	httpReq.Header.Set("X-API-KEY", c.apiKey)
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set("User-Agent", c.userAgent)
	if req.body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}

	return httpReq, nil
}

// readBody reads a success body up to limit and fails beyond it. An error
// body is only needed for its message, so it is cut at maxErrorBody instead.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer func() { _ = resp.Body.Close() }()

	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if !success {
		limit = maxErrorBody
	}

	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if int64(len(body)) > limit {
		if !success {
			return body[:limit], nil
		}

		return nil, fmt.Errorf("%w (%d bytes)", errBodyTooLarge, limit)
	}

	if err != nil {
		return body, fmt.Errorf("reading the response body: %w", err)
	}

	return body, nil
}

// transportMessage strips the *url.Error wrapper, whose message repeats the
// whole URL, so that messages name the call once.
func transportMessage(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}

	return err.Error()
}

// transportFailure names the call in a transport error without repeating
// the URL that *url.Error adds. Callers check their context first, so a
// deadline here is the HTTP client's own timeout: it is kept as text, lest
// errors.Is take it for the caller's context ending.
func transportFailure(req request, err error) error {
	var urlErr *url.Error
	if !errors.As(err, &urlErr) {
		return err
	}

	if errors.Is(urlErr.Err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: no answer within the HTTP client's timeout: %s", req, urlErr.Err.Error())
	}

	return fmt.Errorf("%s: %w", req, urlErr.Err)
}
