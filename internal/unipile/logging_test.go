package unipile

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

// recordingLogger keeps every line with the secrets masked for its context,
// as tflog would apply them.
type recordingLogger struct {
	mu    sync.Mutex
	lines []logLine
}

type logLine struct {
	level  string
	msg    string
	fields map[string]any
	masked []string
}

type maskedKey struct{}

func (l *recordingLogger) MaskSecrets(ctx context.Context, values ...string) context.Context {
	existing, _ := ctx.Value(maskedKey{}).([]string)

	return context.WithValue(ctx, maskedKey{}, append(slices.Clone(existing), values...))
}

func (l *recordingLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	l.record(ctx, "DEBUG", msg, fields)
}

func (l *recordingLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	l.record(ctx, "TRACE", msg, fields)
}

func (l *recordingLogger) record(ctx context.Context, level, msg string, fields map[string]any) {
	masked, _ := ctx.Value(maskedKey{}).([]string)

	l.mu.Lock()
	defer l.mu.Unlock()

	l.lines = append(l.lines, logLine{level: level, msg: msg, fields: fields, masked: masked})
}

func (l *recordingLogger) recorded() []logLine {
	l.mu.Lock()
	defer l.mu.Unlock()

	return slices.Clone(l.lines)
}

// shows reports whether any field of the line holds text.
func (line logLine) shows(text string) bool {
	for _, value := range line.fields {
		if strings.Contains(fmt.Sprint(value), text) {
			return true
		}
	}

	return strings.Contains(line.msg, text)
}

func TestLogsMaskEverySecret(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(260)
	fake.inject(routeCreate, applyThenDrop(1))

	logger := &recordingLogger{}
	client := fake.client(t, func(cfg *Config) { cfg.Logger = logger })

	if _, err := client.List(context.Background()); err != nil {
		t.Fatalf("List: %v", err)
	}

	hook := crmHook()
	hook.Headers = []Header{{Key: "Unipile-Auth", Value: "create-s3cret"}}

	id, err := client.Create(context.Background(), hook)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	if err := client.Delete(context.Background(), id); err != nil {
		t.Fatalf("Delete: %v", err)
	}

	secrets := []string{testAPIKey, "create-s3cret"}
	for index := 1; index <= 260; index++ {
		secrets = append(secrets, fmt.Sprintf("secret-%06d", index))
	}

	lines := logger.recorded()
	shown := map[string]bool{}

	for _, line := range lines {
		if !slices.Contains(line.masked, testAPIKey) {
			t.Errorf("%s %q is logged without the API key masked", line.level, line.msg)
		}

		if line.shows(testAPIKey) {
			t.Errorf("%s %q holds the API key itself", line.level, line.msg)
		}

		for _, secret := range secrets {
			if line.shows(secret) {
				shown[secret] = true

				if !slices.Contains(line.masked, secret) {
					t.Errorf("%s %q shows %q without masking it", line.level, line.msg, secret)
				}
			}
		}
	}

	// The check above only means something if bodies with secrets were logged.
	for _, secret := range []string{"secret-000001", "secret-000260", "create-s3cret"} {
		if !shown[secret] {
			t.Errorf("no line logged a body holding %q", secret)
		}
	}
}

func TestDebugLinesCarryTheRequestFields(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(1)
	fake.inject(routeDelete, problem(http.StatusServiceUnavailable, "errors/service_unavailable", "Unavailable", ""))

	logger := &recordingLogger{}
	if err := fake.client(t, func(cfg *Config) { cfg.Logger = logger }).Delete(context.Background(), "wh_000001"); err != nil {
		t.Fatalf("Delete: %v", err)
	}

	var attempts []logLine
	for _, line := range logger.recorded() {
		if line.level == "DEBUG" && line.msg == "Unipile request" {
			attempts = append(attempts, line)
		}
	}

	if len(attempts) != 2 {
		t.Fatalf("logged %d attempts, want 2", len(attempts))
	}

	for number, line := range attempts {
		want := map[string]any{
			"method": http.MethodDelete, "path": webhooksPath + "/wh_000001", "attempt": number + 1,
			"webhook_id": "wh_000001", "status": []int{http.StatusServiceUnavailable, http.StatusOK}[number],
		}
		for key, value := range want {
			if line.fields[key] != value {
				t.Errorf("attempt %d: %s = %v, want %v", number+1, key, line.fields[key], value)
			}
		}

		if _, ok := line.fields["duration_ms"].(int64); !ok {
			t.Errorf("attempt %d: duration_ms = %#v, want milliseconds", number+1, line.fields["duration_ms"])
		}
	}
}

func TestMalformedBodiesAreNotLogged(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, respond(http.StatusOK, `{"items":[{"id":"a","headers":[{"key":"k","value":"leak-me-`))

	logger := &recordingLogger{}
	if _, err := fake.client(t, func(cfg *Config) { cfg.Logger = logger }).List(context.Background()); err == nil {
		t.Fatal("List accepted a truncated page")
	}

	traced := false
	for _, line := range logger.recorded() {
		if line.shows("leak-me") {
			t.Errorf("%s %q shows part of a header value", line.level, line.msg)
		}

		traced = traced || line.level == "TRACE"
	}

	if !traced {
		t.Error("no TRACE line was logged for the response")
	}
}

func TestHeaderValues(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		body         string
		want         []string
		wantComplete bool
	}{
		"create body": {
			body:         `{"request_url":"u","headers":[{"key":"A","value":"one"},{"key":"B","value":"two"}]}`,
			want:         []string{"one", "two"},
			wantComplete: true,
		},
		"list page": {
			body: `{"items":[{"id":"a","headers":[{"key":"A","value":"one"}]},{"id":"b","name":"value",` +
				`"headers":[{"value":"two","key":"B"}],"data":[{"key":"value","name":"x"}]}],"cursor":null}`,
			want:         []string{"one", "two"},
			wantComplete: true,
		},
		"value that is not a string": {
			body:         `{"headers":[{"key":"A","value":{"value":"inner"}},{"key":"B","value":7}]}`,
			want:         []string{"inner"},
			wantComplete: true,
		},
		"empty value":          {body: `{"headers":[{"key":"A","value":""}]}`, wantComplete: true},
		"value as a list item": {body: `["value","x"]`, wantComplete: true},
		"truncated":            {body: `{"headers":[{"key":"A","value":"one"},{"key":"B","value":"tw`, want: []string{"one"}},
		"unclosed":             {body: `{"headers":[{"key":"A","value":"one"}]`, want: []string{"one"}},
		"html":                 {body: `<html>value</html>`, wantComplete: true},
		"empty":                {body: ``, wantComplete: true},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, complete := headerValues([]byte(test.body))
			if !slices.Equal(got, test.want) || complete != test.wantComplete {
				t.Errorf("headerValues = %q, %t; want %q, %t", got, complete, test.want, test.wantComplete)
			}
		})
	}
}
