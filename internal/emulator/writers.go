package emulator

import "net/http"

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}

	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(body []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}

	return r.ResponseWriter.Write(body)
}

// discardWriter swallows a response that a fault is about to lose.
type discardWriter struct {
	header http.Header
}

func (d *discardWriter) Header() http.Header { return d.header }

func (d *discardWriter) WriteHeader(int) {}

func (d *discardWriter) Write(body []byte) (int, error) { return len(body), nil }

// abortConnection closes the client's connection without sending a byte of
// response. Hijacking closes the raw socket on HTTP/1; where hijacking is
// not possible (HTTP/2, recorders) the standard abort panic does the same
// job, and net/http neither logs it nor answers.
func abortConnection(w http.ResponseWriter) {
	if hijacker, ok := w.(http.Hijacker); ok {
		conn, _, err := hijacker.Hijack()
		if err == nil {
			_ = conn.Close()
			return
		}
	}

	panic(http.ErrAbortHandler)
}
