package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// validateWebhookConfig checks what depends on more than one attribute: the
// events and data keys a source accepts, and header names, which must stay
// unique across headers and writeOnlyHeaders (headers_wo; a null list when
// the caller has none). It runs at plan time and makes no request.
//
// A value that Unipile's docs list for another source only is an error. A
// value no list mentions is only a warning, since Unipile adds events and
// fields faster than its docs say, and a new one must never block a user.
func validateWebhookConfig(ctx context.Context, config webhookModelV0, writeOnlyHeaders types.List) diag.Diagnostics {
	var diags diag.Diagnostics

	diags.Append(validateHeaderKeys(ctx,
		headerGroup{name: "headers", headers: config.Headers},
		headerGroup{name: "headers_wo", headers: writeOnlyHeaders},
	)...)

	if config.Source.IsNull() || config.Source.IsUnknown() {
		return diags
	}
	entry, ok := unipile.CatalogFor(config.Source.ValueString())
	if !ok {
		return diags
	}

	for _, event := range stringsFromSet(ctx, config.Events, &diags) {
		diags.Append(checkValue(entry.Source, "events", event, entry.Events, entry.EventsDocumented,
			unipile.SourcesWithEvent(event))...)
	}

	for _, field := range config.dataFields(ctx, &diags) {
		if field.Key.IsUnknown() || field.Key.IsNull() {
			continue
		}
		key := field.Key.ValueString()
		diags.Append(checkValue(entry.Source, "data", key, entry.DataKeys, entry.DataKeysDocumented,
			documentedOwners(unipile.SourcesWithDataKey(key)))...)
	}

	return diags
}

// checkValue judges one event or data key against the source's list.
func checkValue(source, attribute, value string, known []string, complete bool, owners []string) diag.Diagnostics {
	var diags diag.Diagnostics
	if slices.Contains(known, value) {
		return diags
	}

	listed := "Unipile documents no values for it"
	if len(known) > 0 {
		listed = "its documented values are " + strings.Join(known, ", ")
	}

	switch {
	case len(owners) > 0 && !slices.Contains(owners, source) && complete:
		diags.AddAttributeError(path.Root(attribute), "Value Belongs to Another Source",
			fmt.Sprintf("%s contains %q, which belongs to the %s source, not to %s: %s. "+
				"Remove it, or change source.", attribute, value, strings.Join(owners, " and "), source, listed))
	case len(owners) > 0 && !slices.Contains(owners, source):
		diags.AddAttributeWarning(path.Root(attribute), "Value Documented for Another Source",
			fmt.Sprintf("%s contains %q, which Unipile documents for the %s source, not for %s (%s). "+
				"Unipile may still accept it; check its documentation if the apply fails.",
				attribute, value, strings.Join(owners, " and "), source, listed))
	default:
		diags.AddAttributeWarning(path.Root(attribute), "Value Not Documented by Unipile",
			fmt.Sprintf("%s contains %q, which Unipile does not document for the %s source (%s). "+
				"It may be new; if Unipile rejects it, the apply will say so.", attribute, value, source, listed))
	}

	return diags
}

// documentedOwners keeps the sources whose data keys are documented, since
// the others accept any key as far as anyone knows.
func documentedOwners(sources []string) []string {
	return slices.DeleteFunc(slices.Clone(sources), func(source string) bool {
		entry, _ := unipile.CatalogFor(source)
		return !entry.DataKeysDocumented
	})
}

// headerGroup is one attribute that holds headers, named as in the schema.
type headerGroup struct {
	name    string
	headers types.List
}

// validateHeaderKeys rejects header names that repeat, ignoring case, within
// one group or across groups, since HTTP treats them as one header and
// Unipile would send only one of them.
func validateHeaderKeys(ctx context.Context, groups ...headerGroup) diag.Diagnostics {
	var diags diag.Diagnostics

	// seen remembers where each lower-cased name first appeared.
	seen := map[string]string{}
	for _, group := range groups {
		if group.headers.IsNull() || group.headers.IsUnknown() {
			continue
		}

		var elements []headerModel
		diags.Append(group.headers.ElementsAs(ctx, &elements, false)...)

		for index, header := range elements {
			if header.Key.IsNull() || header.Key.IsUnknown() {
				continue
			}

			key := strings.ToLower(header.Key.ValueString())
			here := fmt.Sprintf("%s[%d]", group.name, index)
			if first, dup := seen[key]; dup {
				diags.AddAttributeError(path.Root(group.name).AtListIndex(index).AtName("key"), "Duplicate Header Name",
					fmt.Sprintf("%s repeats the name %q of %s (names ignore case, and headers and headers_wo "+
						"share them). Give each header one entry.", here, header.Key.ValueString(), first))
				continue
			}
			seen[key] = here
		}
	}

	return diags
}

// headersChangedBeyondOrder decides whether a change to headers needs a new
// webhook: only when the headers differ as a collection, not merely in order.
func headersChangedBeyondOrder(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !sameHeaders(ctx, req.StateValue, req.PlanValue)
}

func sameHeaders(ctx context.Context, a, b types.List) bool {
	if a.IsUnknown() || b.IsUnknown() {
		return false
	}

	return slices.Equal(sortedHeaderPairs(ctx, a), sortedHeaderPairs(ctx, b))
}

func sortedHeaderPairs(ctx context.Context, headers types.List) []string {
	model := webhookModelV0{Headers: headers}

	var diags diag.Diagnostics
	var pairs []string
	for _, header := range model.headerList(ctx, &diags) {
		pairs = append(pairs, header.Key.ValueString()+"\x00"+header.Value.ValueString())
	}
	slices.Sort(pairs)

	return pairs
}

// quotedList renders values as `a`, `b` and `c` for descriptions.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, value := range values {
		quoted[i] = "`" + value + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}

	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
