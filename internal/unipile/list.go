package unipile

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// webhooksPath is the list and create route.
const webhooksPath = apiPrefix + "/webhooks"

// ListPage fetches one page of webhooks. cursor is "" for the first page,
// then the next value of the previous page; next is "" after the last page.
// limit 0 means the client's page size.
func (c *Client) ListPage(ctx context.Context, cursor string, limit int) (items []Webhook, next string, err error) {
	ctx = c.withKeyMasked(ctx)
	if limit == 0 {
		return c.listOwnPage(ctx, cursor)
	}

	if limit < 1 || limit > MaxPageSize {
		return nil, "", fmt.Errorf("list page limit %d is outside 1..%d", limit, MaxPageSize)
	}

	return c.listPage(ctx, cursor, limit)
}

// listOwnPage fetches a page of the client's page size. The largest page,
// 250, rests on one source; a tenant that refuses it with a 400 is asked
// again for the documented default of 100, and so is every later page.
func (c *Client) listOwnPage(ctx context.Context, cursor string) ([]Webhook, string, error) {
	limit := int(c.pageSize.Load())
	items, next, err := c.listPage(ctx, cursor, limit)

	var apiErr *APIError
	if limit <= DefaultPageSize || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return items, next, err
	}

	c.pageSize.CompareAndSwap(int64(limit), DefaultPageSize)
	c.log.Debug(ctx, "Unipile refused the list page size; asking for its default page size instead", map[string]any{
		"limit": limit, "fallback_limit": DefaultPageSize, "reason": err.Error(),
	})

	return c.listPage(ctx, cursor, DefaultPageSize)
}

func (c *Client) listPage(ctx context.Context, cursor string, limit int) ([]Webhook, string, error) {
	query := url.Values{"limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		query.Set("cursor", cursor)
	}

	req := request{method: http.MethodGet, path: webhooksPath, query: query, bodyLimit: c.maxListBody}

	answer, err := c.send(ctx, req)
	if err != nil {
		return nil, "", err
	}

	page, err := decodeListPage(answer.body)
	if err != nil {
		return nil, "", fmt.Errorf("%s: Unipile's answer is not a readable webhook list (%s): %w",
			req, c.describeBody(answer), err)
	}

	c.ledger.observe(page.Items)

	return page.Items, page.Cursor, nil
}

// List returns every webhook. Unless sharing is disabled, it may answer
// from the walk of a concurrent or recent call; see the package
// documentation.
func (c *Client) List(ctx context.Context) ([]Webhook, error) {
	ctx = c.withKeyMasked(ctx)
	if c.share != nil {
		return c.share.list(ctx)
	}

	return c.listAll(ctx)
}

// listAll walks every page.
func (c *Client) listAll(ctx context.Context) ([]Webhook, error) {
	var all []Webhook

	err := c.walk(ctx, func(items []Webhook) bool {
		all = append(all, items...)

		return false
	})
	if err != nil {
		return nil, err
	}

	c.ledger.walkedAll()

	return all, nil
}

// Get finds one webhook by id. The API has no route for one webhook, so Get
// looks in the list: in a shared snapshot of it unless sharing is disabled
// (see the package documentation), or else by walking it up to the page
// that holds the webhook. An id that is not listed gives an error matching
// ErrNotFound.
func (c *Client) Get(ctx context.Context, id string) (*Webhook, error) {
	if id == "" {
		return nil, errors.New("a webhook id is required")
	}

	ctx = c.withKeyMasked(ctx)
	if c.share == nil {
		return c.find(ctx, id)
	}

	found, ok, err := c.share.get(ctx, id)
	if err != nil {
		return nil, err
	}

	if !ok {
		return nil, notListed(id)
	}

	return found, nil
}

// find walks the list until the page that holds id.
func (c *Client) find(ctx context.Context, id string) (*Webhook, error) {
	var found *Webhook

	err := c.walk(ctx, func(items []Webhook) bool {
		for index := range items {
			if items[index].ID == id {
				found = &items[index]

				return true
			}
		}

		return false
	})
	if err != nil {
		return nil, err
	}

	if found == nil {
		return nil, notListed(id)
	}

	return found, nil
}

func notListed(id string) error {
	return fmt.Errorf("%w: no webhook with id %q in Unipile's webhook list", ErrNotFound, id)
}

// walk hands each page to visit until visit returns true or the pages end.
// It refuses to loop: a cursor seen before, or more pages than any tenant
// could hold, ends the walk with an error.
func (c *Client) walk(ctx context.Context, visit func(items []Webhook) (stop bool)) error {
	seen := make(map[string]struct{})
	cursor := ""

	for page := 1; ; page++ {
		if page > c.maxPages {
			return fmt.Errorf("GET %s: stopped after %d pages; Unipile keeps returning a next cursor",
				webhooksPath, c.maxPages)
		}

		items, next, err := c.listOwnPage(ctx, cursor)
		if err != nil {
			return err
		}

		if visit(items) || next == "" {
			return nil
		}

		if _, repeated := seen[next]; repeated {
			return fmt.Errorf("GET %s: page %d returned a cursor already followed; "+
				"stopping rather than looping over the same pages", webhooksPath, page)
		}

		seen[next] = struct{}{}
		cursor = next
	}
}
