package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// importID is what `terraform import` and import blocks name: a webhook id,
// optionally preceded by its source for the webhooks whose source cannot be
// inferred from what Unipile lists.
type importID struct {
	Source string
	ID     string
}

// webhookIDPattern accepts the URL-safe characters Unipile's ids are made
// of. Being strict here keeps a pasted URL or a quoted id from becoming a
// confusing "not found".
var webhookIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

const importIDForms = "Use the webhook's id, such as zYnh13HWV76_G3KyE-cAyg, or <source>/<id>, " +
	"such as account_status/zYnh13HWV76_G3KyE-cAyg, when Unipile cannot tell the source."

func parseImportID(raw string) (importID, error) {
	source, id, hasSource := strings.Cut(strings.TrimSpace(raw), "/")
	if !hasSource {
		id, source = source, ""
	}

	if hasSource && !slices.Contains(unipile.Sources(), source) {
		return importID{}, fmt.Errorf("the import id %q starts with %q, which is not a source; the sources are %s. %s",
			raw, source, strings.Join(unipile.Sources(), ", "), importIDForms)
	}

	if !webhookIDPattern.MatchString(id) {
		return importID{}, fmt.Errorf("the import id %q does not contain a Unipile webhook id. %s", raw, importIDForms)
	}

	return importID{Source: source, ID: id}, nil
}
