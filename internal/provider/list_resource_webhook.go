package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
	"github.com/unipile/terraform-provider-unipile/internal/validators"
)

var (
	_ list.ListResource              = (*webhookListResource)(nil)
	_ list.ListResourceWithConfigure = (*webhookListResource)(nil)
)

// NewWebhookListResource returns the unipile_webhook list resource, which
// `terraform query` uses to find webhooks to import.
func NewWebhookListResource() list.ListResource {
	return &webhookListResource{}
}

// webhookListResource lists the tenant's webhooks, optionally filtered.
type webhookListResource struct {
	data *providerData
}

func (r *webhookListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (r *webhookListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the Unipile webhooks of the tenant, for `terraform query` (Terraform 1.14 " +
			"or later) and the import blocks it can generate. Every filter is optional; a webhook must " +
			"match all that are set.\n\n" +
			"~> Configuration generated with `-generate-config-out` needs two things filled in before " +
			"the import plans cleanly. Terraform never writes sensitive values, so each header value " +
			"reads `null # sensitive`: put the value back. And a webhook whose source cannot be " +
			"inferred (an `account_status` one, typically, with a warning saying so) has `source = null`: " +
			"set it, and the first apply records it without replacing the webhook.",
		Attributes: map[string]schema.Attribute{
			"source": schema.StringAttribute{
				MarkdownDescription: "Only webhooks of this source: " + quotedList(unipile.Sources()) +
					". Unipile does not return a webhook's source, so it is inferred from the events and " +
					"payload fields; a webhook that fits this source and others too (an `account_status` " +
					"webhook, typically, which lists with neither) is listed with this source.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(unipile.Sources()...)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Only webhooks with exactly this name.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"request_url": schema.StringAttribute{
				MarkdownDescription: "Only webhooks that deliver to exactly this URL.",
				Optional:            true,
				Validators:          []validator.String{validators.AbsoluteHTTPURL()},
			},
		},
	}
}

func (r *webhookListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// List walks Unipile's pages and streams each matching webhook, stopping as
// soon as the query's limit is reached or Terraform wants no more, so that a
// small limit never costs a walk through every page.
func (r *webhookListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filter webhookListFilterV0
	diags := req.Config.Get(ctx, &filter)
	if !diags.HasError() {
		requireClient(r.data, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}

	ctx = r.data.apiContext(ctx)

	stream.Results = func(push func(list.ListResult) bool) {
		var listed int64
		cursor := ""

		for {
			page, next, err := r.data.client.ListPage(ctx, cursor, 0)
			if err != nil {
				var failure diag.Diagnostics
				addAPIError(&failure, "Unable to List Unipile Webhooks", err)
				push(list.ListResult{Diagnostics: failure})
				return
			}

			for i := range page {
				if !filter.matches(&page[i]) {
					continue
				}
				if !push(r.result(ctx, req, &page[i], filter)) {
					return
				}

				listed++
				if req.Limit > 0 && listed >= req.Limit {
					return
				}
			}

			if next == "" {
				return
			}
			cursor = next
		}
	}
}

// result turns one webhook into a list result, converted by the same code
// as a refresh, so that generated configuration imports without changes.
func (r *webhookListResource) result(ctx context.Context, req list.ListRequest, webhook *unipile.Webhook, filter webhookListFilterV0) list.ListResult {
	result := req.NewListResult(ctx)

	result.DisplayName = webhook.Name
	if result.DisplayName == "" {
		result.DisplayName = webhook.ID
	}

	result.Diagnostics.Append(result.Identity.Set(ctx, webhookIdentityModelV0{ID: types.StringValue(webhook.ID)})...)
	if !req.IncludeResource {
		return result
	}

	// A source filter that matched says what Unipile's answer may not.
	model, diags := webhookFromAPI(webhook, &webhookModelV0{Source: filter.Source})
	result.Diagnostics.Append(diags...)
	if model.Source.IsNull() {
		tflog.Debug(ctx, "Listed webhook fits more than one source", map[string]any{"webhook_id": webhook.ID})
		result.Diagnostics.AddWarning("Webhook Source Unknown",
			"Unipile does not return a webhook's source, and the events and payload fields of webhook "+
				webhook.ID+" fit more than one, so its resource leaves source out. Set source in the "+
				"configuration before importing it, or list with a source filter.")
	}

	result.Diagnostics.Append(result.Resource.Set(ctx, webhookResourceModelV0{}.withShared(model))...)

	return result
}

// webhookListFilterV0 is the list block's config.
type webhookListFilterV0 struct {
	Source     types.String `tfsdk:"source"`
	Name       types.String `tfsdk:"name"`
	RequestURL types.String `tfsdk:"request_url"`
}

// matches tells whether a webhook passes every filter that is set.
func (f webhookListFilterV0) matches(webhook *unipile.Webhook) bool {
	if !f.Name.IsNull() && webhook.Name != f.Name.ValueString() {
		return false
	}
	if !f.RequestURL.IsNull() && webhook.RequestURL != f.RequestURL.ValueString() {
		return false
	}
	if !f.Source.IsNull() && !couldBeSource(webhook, f.Source.ValueString()) {
		return false
	}

	return true
}

// couldBeSource tells whether nothing in a webhook rules the source out: an
// event or data key that Unipile documents for other sources only, or, for
// a source with default events, having neither events nor payload fields.
// Unknown values rule nothing out, as in unipile.InferSource.
func couldBeSource(webhook *unipile.Webhook, source string) bool {
	// A webhook created without events gets its source's default ones, but
	// the docs leave open whether the list shows them. Its payload fields
	// always come back, server-filled, so a webhook listed with no events
	// still passes on fields that fit the source; one with neither, as an
	// account_status webhook lists, never passes for an email one.
	entry, _ := unipile.CatalogFor(source)
	if len(webhook.Events) == 0 && len(webhook.Data) == 0 && len(entry.DefaultEvents) > 0 {
		return false
	}

	for _, event := range webhook.Events {
		if owners := unipile.SourcesWithEvent(event); len(owners) > 0 && !slices.Contains(owners, source) {
			return false
		}
	}

	for _, field := range webhook.Data {
		if owners := unipile.SourcesWithDataKey(field.Key); len(owners) > 0 && !slices.Contains(owners, source) {
			return false
		}
	}

	return true
}
