package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

var (
	_ datasource.DataSource                     = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*webhookDataSource)(nil)
)

// NewWebhookDataSource returns the unipile_webhook data source.
func NewWebhookDataSource() datasource.DataSource {
	return &webhookDataSource{}
}

// webhookDataSource reads one webhook, found by id or by a name that only
// one webhook has.
type webhookDataSource struct {
	data *providerData
}

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := webhookDataSourceAttributes()

	attributes["id"] = schema.StringAttribute{
		MarkdownDescription: "The id of the webhook to read. Set either `id` or `name`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attributes["name"] = schema.StringAttribute{
		MarkdownDescription: "The name of the webhook to read, matched exactly. Set either `id` or `name`. " +
			"Unipile does not require names to be unique: the read fails unless exactly one webhook has " +
			"this name, and the error lists the ids to use instead.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}

	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Unipile webhook, whether Terraform manages it or not, by its `id` or " +
			"by its `name`.\n\nUnipile can only list webhooks, so every read pages through the list until the " +
			"webhook turns up (all of it, for a lookup by name).",
		Attributes: attributes,
	}
}

func (d *webhookDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *webhookDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !requireClient(d.data, &resp.Diagnostics) {
		return
	}

	var config webhookDataSourceModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = d.data.apiContext(ctx)

	var webhook *unipile.Webhook
	if !config.ID.IsNull() {
		webhook = d.findByID(ctx, config.ID.ValueString(), &resp.Diagnostics)
	} else {
		webhook = d.findByName(ctx, config.Name.ValueString(), &resp.Diagnostics)
	}
	if webhook == nil {
		return
	}

	state, diags := webhookDataSourceFromAPI(webhook)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// findByID returns the webhook with id, or nil after adding an error.
func (d *webhookDataSource) findByID(ctx context.Context, id string, diags *diag.Diagnostics) *unipile.Webhook {
	ctx = tflog.SetField(ctx, "webhook_id", id)

	webhook, err := d.data.client.Get(ctx, id)
	if errors.Is(err, unipile.ErrNotFound) {
		diags.AddAttributeError(path.Root("id"), "Unipile Webhook Not Found",
			fmt.Sprintf("No webhook in Unipile's webhook list has the id %q. It may have been deleted, or "+
				"the id may belong to another Unipile account than the provider's dsn and api_key.", id))
		return nil
	}
	if err != nil {
		addAPIError(diags, "Unable to Read Unipile Webhook", err)
		return nil
	}

	return webhook
}

// findByName lists every webhook and returns the only one named name, or
// nil after adding an error that says how many matched.
func (d *webhookDataSource) findByName(ctx context.Context, name string, diags *diag.Diagnostics) *unipile.Webhook {
	webhooks, err := d.data.client.List(ctx)
	if err != nil {
		addAPIError(diags, "Unable to Read Unipile Webhook", err)
		return nil
	}

	var matches []*unipile.Webhook
	for index := range webhooks {
		if webhooks[index].Name == name {
			matches = append(matches, &webhooks[index])
		}
	}

	switch len(matches) {
	case 1:
		return matches[0]
	case 0:
		diags.AddAttributeError(path.Root("name"), "Unipile Webhook Not Found",
			fmt.Sprintf("0 of the %d webhooks in Unipile's webhook list are named %q (names are matched "+
				"exactly, case included). Check the name, or look the webhook up by id instead.",
				len(webhooks), name))
	default:
		diags.AddAttributeError(path.Root("name"), "Several Unipile Webhooks Have This Name",
			fmt.Sprintf("%d webhooks are named %q, so the name does not tell which one to read: %s. "+
				"Look the webhook up by id instead, setting id to one of these ids.",
				len(matches), name, idList(matches)))
	}

	return nil
}

// idList names the matched webhooks, sorted so the message is stable and
// cut short so that a name shared by hundreds stays readable.
func idList(webhooks []*unipile.Webhook) string {
	const shown = 10

	ids := make([]string, 0, len(webhooks))
	for _, webhook := range webhooks {
		ids = append(ids, webhook.ID)
	}
	slices.Sort(ids)

	if len(ids) <= shown {
		return strings.Join(ids, ", ")
	}

	return fmt.Sprintf("%s and %d more", strings.Join(ids[:shown], ", "), len(ids)-shown)
}

// webhookDataSourceAttributes describes one webhook as the data sources read
// it, every attribute computed. The unipile_webhook data source turns its
// lookup keys into arguments; unipile_webhooks nests these in its list.
func webhookDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The webhook's id.",
			Computed:            true,
		},
		"request_url": schema.StringAttribute{
			MarkdownDescription: "The URL Unipile delivers events to.",
			Computed:            true,
		},
		"source": schema.StringAttribute{
			MarkdownDescription: "What the webhook listens to: " + quotedList(unipile.Sources()) + ". " +
				"Unipile does not return a webhook's source, so it is inferred from the events and payload " +
				"fields; it is null when they fit more than one source, as with `account_status` webhooks, " +
				"which have neither.",
			Computed: true,
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The webhook's name, sent as `webhook_name` in every delivery; null when it " +
				"has none.",
			Computed: true,
		},
		"format": schema.StringAttribute{
			MarkdownDescription: "The body format of deliveries: `json` or `form`.",
			Computed:            true,
		},
		"enabled": schema.BoolAttribute{
			MarkdownDescription: "Whether Unipile delivers events.",
			Computed:            true,
		},
		"account_ids": schema.SetAttribute{
			MarkdownDescription: "The ids of the connected accounts the webhook is limited to; null when it " +
				"receives events of every account.",
			ElementType: types.StringType,
			Computed:    true,
		},
		"accounts": schema.ListNestedAttribute{
			MarkdownDescription: "The accounts of `account_ids` as Unipile describes them, sorted by id; null " +
				"when the webhook receives events of every account.",
			Computed: true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: "The account's id.",
						Computed:            true,
					},
					"name": schema.StringAttribute{
						MarkdownDescription: "The account's name, such as the mailbox or profile it connects.",
						Computed:            true,
					},
					"type": schema.StringAttribute{
						MarkdownDescription: "The kind of account, such as `LINKEDIN`, `WHATSAPP` or `GOOGLE`.",
						Computed:            true,
					},
				},
			},
		},
		"events": schema.SetAttribute{
			MarkdownDescription: "The events that trigger a delivery; null when Unipile lists none.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"data": schema.SetNestedAttribute{
			MarkdownDescription: "The payload fields each delivery carries; null when Unipile lists none.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						MarkdownDescription: "The payload field.",
						Computed:            true,
					},
					"name": schema.StringAttribute{
						MarkdownDescription: "The name the field gets in the delivered body; null when it " +
							"keeps its key.",
						Computed: true,
					},
				},
			},
		},
		"headers": schema.ListNestedAttribute{
			MarkdownDescription: "The extra HTTP headers on every delivery, sorted by name; null when there " +
				"are none.",
			Computed: true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						MarkdownDescription: "The header name.",
						Computed:            true,
					},
					"value": schema.StringAttribute{
						MarkdownDescription: "The header value, often a shared secret. It is sensitive: " +
							"Terraform hides it in plans and output, but it is kept in the state.",
						Computed:  true,
						Sensitive: true,
					},
				},
			},
		},
		"type": schema.StringAttribute{
			MarkdownDescription: "How the webhook was made: `AUTO` for one made through the API (including by " +
				"Terraform), `TRIGGER` for one made by a button in the Unipile dashboard.",
			Computed: true,
		},
	}
}
