package unipile

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Delete removes a webhook. Deleting is idempotent, so failures that may
// pass are retried. An unknown id gives an error matching ErrNotFound; that
// includes a retry after a lost response to a delete that did succeed, so
// callers that only want the webhook gone can treat ErrNotFound as success.
func (c *Client) Delete(ctx context.Context, id string) error {
	if err := checkWebhookID(id); err != nil {
		return err
	}

	req := request{
		method:    http.MethodDelete,
		path:      webhooksPath + "/" + url.PathEscape(id),
		bodyLimit: maxSmallBody,
		webhookID: id,
	}

	_, err := c.send(c.withKeyMasked(ctx), req)
	if c.share != nil && (err == nil || errors.Is(err, ErrNotFound)) {
		c.share.deletedByClient(id)
	}

	return err
}

// checkWebhookID refuses ids that would address another route: an empty
// one is the list itself, and a dot segment could be resolved away by a
// server or proxy that cleans paths. Ids are otherwise opaque.
func checkWebhookID(id string) error {
	switch id {
	case "":
		return errors.New("a webhook id is required")
	case ".", "..":
		return fmt.Errorf("%q is not a webhook id", id)
	default:
		return nil
	}
}
