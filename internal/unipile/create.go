package unipile

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// createOutcome is what one create attempt tells about Unipile's state.
type createOutcome int

const (
	// createMade: Unipile made the webhook and said which.
	createMade createOutcome = iota
	// createRefused: Unipile refused for a reason a retry will not change.
	createRefused
	// createNotActed: nothing was made (429, a 503 that says so, or a
	// request that never left this machine); retrying is safe.
	createNotActed
	// createUnknown: the request reached Unipile but the answer is lost or
	// a server error; a webhook may or may not exist.
	createUnknown
	// createMadeWithoutID: Unipile answered 2xx but the id could not be read.
	createMadeWithoutID
)

type createVerdict struct {
	outcome createOutcome
	id      string
	err     error
}

// PossibleDuplicatesError says that a create whose outcome was unknown may
// have left more than one webhook: several webhooks that match the request
// appeared while it ran. IDs lists them.
type PossibleDuplicatesError struct {
	IDs   []string
	Cause error
}

func (e *PossibleDuplicatesError) Error() string {
	return fmt.Sprintf("%v; then %d webhooks matching the request appeared (%s), so duplicates may exist: "+
		"keep one of them and delete the others", e.Cause, len(e.IDs), strings.Join(e.IDs, ", "))
}

// Create makes a webhook and returns its id, without ever leaving a
// duplicate behind knowingly.
//
// A create Unipile refused before acting (429, a 503 of type
// service_unavailable, or a request that never left this machine) is
// retried like a list call. A create whose outcome is unknown (the
// connection dropped after the request was sent, a timeout, a 500, 502 or
// 504) is not simply sent again: after a pause the client walks the list
// for a webhook it may have made: one with the same request_url and the
// same value of every field the request set (and no headers if it set
// none), whose id the client has not created, been given through Claim, or
// listed before this create began. Exactly one such webhook is adopted;
// none means nothing was made, so the create is retried as one more
// attempt; several give a *PossibleDuplicatesError.
//
// Before its first create the client walks the whole list once, so that
// every webhook that already existed is known and never adopted, those
// that Terraform resources hold included: the provider sees none of them
// during an apply, which runs in a process of its own. One case remains
// that the client cannot tell apart: an identical webhook made by someone
// else while the apply ran would be adopted as this create's product.
func (c *Client) Create(ctx context.Context, webhook CreateWebhookRequest) (string, error) {
	ctx = c.withKeyMasked(ctx)
	if err := c.walkBeforeFirstCreate(ctx); err != nil {
		return "", err
	}

	if c.share == nil {
		return c.create(ctx, webhook)
	}

	// The shared snapshot learns of the new id, so that reading it back
	// walks again rather than trust a list taken before it existed.
	c.share.createStarted()
	id, err := c.create(ctx, webhook)
	c.share.createEnded(id)

	return id, err
}

// walkBeforeFirstCreate makes sure a walk through every page has ended
// before a create begins; see Create. With sharing, concurrent first
// creates wait for one walk, and the snapshot it leaves serves reads.
func (c *Client) walkBeforeFirstCreate(ctx context.Context) error {
	if c.ledger.hasWalkedAll() {
		return nil
	}

	var err error
	if c.share != nil {
		_, err = c.share.await(ctx, true)
	} else {
		_, err = c.listAll(ctx)
	}

	if err != nil {
		return fmt.Errorf("POST %s: not sent, because listing the existing webhooks first failed, and without "+
			"that list a lost answer could not be told apart from a webhook that already exists: %w",
			webhooksPath, err)
	}

	return nil
}

func (c *Client) create(ctx context.Context, webhook CreateWebhookRequest) (string, error) {
	body, err := json.Marshal(webhook)
	if err != nil {
		return "", fmt.Errorf("encoding the webhook: %w", err)
	}

	req := request{method: http.MethodPost, path: webhooksPath, body: body, bodyLimit: maxSmallBody}
	secrets := []string{c.apiKey}
	for _, header := range webhook.Headers {
		secrets = append(secrets, header.Value)
	}

	tick := c.ledger.begin()

	for number := 1; ; number++ {
		answer, sent, err := c.attempt(ctx, req, number)
		if ctx.Err() != nil {
			if sent {
				return "", fmt.Errorf("%s: interrupted before Unipile answered, so the webhook may have "+
					"been created: %w", req, ctx.Err())
			}

			return "", fmt.Errorf("%s: %w", req, ctx.Err())
		}

		verdict := judgeCreate(req, answer, sent, err, secrets)
		switch verdict.outcome {
		case createMade:
			c.ledger.claim(verdict.id)

			return verdict.id, nil
		case createRefused:
			return "", verdict.err
		case createNotActed:
			if number > c.maxRetries {
				return "", giveUp(number, verdict.err)
			}

			if err := c.pause(ctx, "Retrying Unipile create", req, number, answer, verdict.err); err != nil {
				return "", err
			}
		case createUnknown, createMadeWithoutID:
			id, err := c.recoverCreate(ctx, webhook, tick, req, number, answer, verdict)
			if err != nil || id != "" {
				return id, err
			}

			if number > c.maxRetries {
				return "", giveUp(number, fmt.Errorf("%w (and no webhook it could have made is listed)", verdict.err))
			}
		}
	}
}

func judgeCreate(req request, answer *exchange, sent bool, err error, secrets []string) createVerdict {
	if err != nil {
		var urlErr *url.Error
		if !errors.As(err, &urlErr) || !transientTransportError(urlErr.Err) {
			return createVerdict{outcome: createRefused, err: transportFailure(req, err)}
		}

		if !sent {
			return createVerdict{outcome: createNotActed, err: transportFailure(req, err)}
		}

		return createVerdict{outcome: createUnknown, err: transportFailure(req, err)}
	}

	if answer.succeeded() {
		if answer.bodyErr != nil {
			return createVerdict{outcome: createMadeWithoutID, err: fmt.Errorf("%s: %d: %w", req, answer.status, answer.bodyErr)}
		}

		id, err := decodeCreated(answer.body)
		if err != nil {
			return createVerdict{outcome: createMadeWithoutID, err: fmt.Errorf("%s: %d: %w", req, answer.status, err)}
		}

		return createVerdict{outcome: createMade, id: id}
	}

	apiErr := newAPIError(req.method, req.path, answer.status, answer.body, secrets)
	switch {
	case answer.status == http.StatusTooManyRequests,
		answer.status == http.StatusServiceUnavailable && strings.HasSuffix(apiErr.Type, "service_unavailable"):
		return createVerdict{outcome: createNotActed, err: apiErr}
	case retryableStatus(answer.status):
		return createVerdict{outcome: createUnknown, err: apiErr}
	default:
		return createVerdict{outcome: createRefused, err: apiErr}
	}
}

// recoverCreate looks for the webhook an attempt with an unknown outcome may
// have made. It returns its id, or "" when there is none and a retry is
// safe, or an error. The pause first gives a slow server time to finish the
// request it may still be working on, which would otherwise be missed.
func (c *Client) recoverCreate(ctx context.Context, webhook CreateWebhookRequest, tick uint64, req request,
	number int, answer *exchange, verdict createVerdict,
) (string, error) {
	if err := c.pause(ctx, "Checking whether a lost Unipile create made a webhook", req, number, answer,
		verdict.err); err != nil {
		return "", err
	}

	var candidates []string

	err := c.walk(ctx, func(items []Webhook) bool {
		for _, item := range items {
			if matchesRequest(webhook, item) && !c.ledger.accountedFor(item.ID, tick) {
				candidates = append(candidates, item.ID)
			}
		}

		return false
	})
	if err != nil {
		return "", fmt.Errorf("%v; listing webhooks to find out whether it made one failed: %w", verdict.err, err)
	}

	switch len(candidates) {
	case 0:
		if verdict.outcome == createMadeWithoutID {
			return "", fmt.Errorf("%w; Unipile accepted the webhook, but it is not in the list either", verdict.err)
		}

		return "", nil
	case 1:
		c.ledger.claim(candidates[0])
		c.log.Debug(ctx, "Recovered the webhook of a Unipile create whose response was lost", map[string]any{
			"method": req.method, "path": req.path, "attempt": number, "webhook_id": candidates[0],
			"reason": verdict.err.Error(),
		})

		return candidates[0], nil
	default:
		return "", &PossibleDuplicatesError{IDs: candidates, Cause: verdict.err}
	}
}
