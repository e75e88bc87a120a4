package emulator

import "net/http"

type deletedBody struct {
	Object string `json:"object"`
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	removed := s.store.remove(id)
	s.mu.Unlock()

	if !removed {
		writeProblem(w, r, http.StatusNotFound, problemNotFound, "Webhook not found")
		return
	}

	writeJSON(w, http.StatusOK, deletedBody{Object: "WebhookDeleted"})
}
