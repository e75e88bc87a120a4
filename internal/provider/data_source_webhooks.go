package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

var (
	_ datasource.DataSource              = (*webhooksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhooksDataSource)(nil)
)

// NewWebhooksDataSource returns the unipile_webhooks data source.
func NewWebhooksDataSource() datasource.DataSource {
	return &webhooksDataSource{}
}

// webhooksDataSource reads every webhook of the tenant, optionally filtered.
type webhooksDataSource struct {
	data *providerData
}

func (d *webhooksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhooks"
}

func (d *webhooksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every webhook of the Unipile account, whether Terraform manages it or not, " +
			"optionally keeping only those that match the filters. Every page of Unipile's webhook list is " +
			"read; the filters are applied afterwards, and a webhook must match all of those set.",
		Attributes: map[string]schema.Attribute{
			"source": schema.StringAttribute{
				MarkdownDescription: "Keeps only webhooks of this source: " + quotedList(unipile.Sources()) +
					". Unipile does not return a webhook's source, so the source inferred from its events " +
					"and payload fields is compared. A webhook whose source cannot be inferred never " +
					"matches, whatever this is set to: `account_status` webhooks, which have neither, are " +
					"left out.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(unipile.Sources()...)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Keeps only webhooks with exactly this name, case included.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"request_url": schema.StringAttribute{
				MarkdownDescription: "Keeps only webhooks that deliver to exactly this URL, character for " +
					"character: a trailing slash or another case makes a different URL.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Keeps only enabled webhooks when `true`, only disabled ones when `false`.",
				Optional:            true,
			},
			"webhooks": schema.ListNestedAttribute{
				MarkdownDescription: "The matching webhooks, sorted by id; empty when none match. Each has " +
					"the attributes of the `unipile_webhook` data source.",
				Computed:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: webhookDataSourceAttributes()},
			},
		},
	}
}

func (d *webhooksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *webhooksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !requireClient(d.data, &resp.Diagnostics) {
		return
	}

	var config webhooksDataSourceModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = d.data.apiContext(ctx)

	listed, err := d.data.client.List(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read Unipile Webhooks", err)
		return
	}

	// The filters compare converted values, so that a source filter sees
	// exactly the source that the webhooks attribute shows.
	config.Webhooks = make([]webhookDataSourceModelV0, 0, len(listed))
	for index := range listed {
		webhook, diags := webhookDataSourceFromAPI(&listed[index])
		resp.Diagnostics.Append(diags...)
		if config.matches(webhook) {
			config.Webhooks = append(config.Webhooks, webhook)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	slices.SortFunc(config.Webhooks, func(a, b webhookDataSourceModelV0) int {
		return strings.Compare(a.ID.ValueString(), b.ID.ValueString())
	})
	tflog.Debug(ctx, "Read Unipile webhooks", map[string]any{"listed": len(listed), "matched": len(config.Webhooks)})

	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// webhooksDataSourceModelV0 is the unipile_webhooks data source.
type webhooksDataSourceModelV0 struct {
	Source     types.String               `tfsdk:"source"`
	Name       types.String               `tfsdk:"name"`
	RequestURL types.String               `tfsdk:"request_url"`
	Enabled    types.Bool                 `tfsdk:"enabled"`
	Webhooks   []webhookDataSourceModelV0 `tfsdk:"webhooks"`
}

// matches tells whether webhook passes every filter that is set. A filter
// never matches a null value, so a webhook of unknown source or without a
// name fails a source or name filter.
func (m webhooksDataSourceModelV0) matches(webhook webhookDataSourceModelV0) bool {
	return filterMatches(m.Source, webhook.Source) &&
		filterMatches(m.Name, webhook.Name) &&
		filterMatches(m.RequestURL, webhook.RequestURL) &&
		filterMatches(m.Enabled, webhook.Enabled)
}

// filterMatches tells whether value passes filter; an unset filter passes
// everything.
func filterMatches(filter, value attr.Value) bool {
	return filter.IsNull() || !value.IsNull() && filter.Equal(value)
}
