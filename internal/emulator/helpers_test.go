package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

const testKey = "test-key"

// startTest starts an emulator with the test key and closes it with the
// test.
func startTest(t *testing.T, opts Options) *Instance {
	t.Helper()

	if opts.APIKey == "" {
		opts.APIKey = testKey
	}

	instance, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(instance.Close)

	return instance
}

// response is a decoded answer of the emulator.
type response struct {
	status int
	header http.Header
	body   map[string]any
}

// call sends one request with the given key ("" sends none) and decodes a
// JSON object answer.
func call(t *testing.T, instance *Instance, method, path, key string, body any) response {
	t.Helper()

	resp, err := send(instance, method, path, key, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()

	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}

	decoded := map[string]any{}
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatalf("%s %s: body %q is not a JSON object: %v", method, path, raw, err)
	}

	return response{status: resp.StatusCode, header: resp.Header, body: decoded}
}

// send sends one request; a string body is sent verbatim, anything else as
// JSON. Keep-alives are off so every request has its own connection and
// the transport never replays one on a dropped reused connection.
func send(instance *Instance, method, path, key string, body any) (*http.Response, error) {
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		reader = bytes.NewReader(raw)
	}

	req, err := http.NewRequest(method, instance.URL+path, reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("X-API-KEY", key)
	}

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	return client.Do(req)
}

// create posts body with the test key and returns the new id, failing the
// test unless the answer is 201.
func create(t *testing.T, instance *Instance, body any) string {
	t.Helper()

	resp := call(t, instance, http.MethodPost, "/api/v1/webhooks", testKey, body)
	if resp.status != http.StatusCreated {
		t.Fatalf("create: status %d, body %v", resp.status, resp.body)
	}

	id, _ := resp.body["webhook_id"].(string)

	return id
}

// minimalBody is the smallest valid create body.
func minimalBody(source string) map[string]any {
	return map[string]any{"request_url": "https://example.com/hook", "source": source}
}

// assertProblem checks a problem-details answer.
func assertProblem(t *testing.T, resp response, status int, kind, path string) {
	t.Helper()

	if resp.status != status {
		t.Errorf("status = %d, want %d (body %v)", resp.status, status, resp.body)
	}
	if got := resp.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("content-type = %q", got)
	}
	if resp.body["type"] != kind {
		t.Errorf("type = %v, want %s", resp.body["type"], kind)
	}
	if resp.body["status"] != float64(status) {
		t.Errorf("body status = %v, want %d", resp.body["status"], status)
	}
	if title, _ := resp.body["title"].(string); title == "" {
		t.Errorf("title is empty")
	}
	if resp.body["instance"] != path {
		t.Errorf("instance = %v, want %s", resp.body["instance"], path)
	}
}
