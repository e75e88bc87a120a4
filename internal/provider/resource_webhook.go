package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
	"github.com/unipile/terraform-provider-unipile/internal/validators"
)

var (
	_ resource.Resource                   = (*webhookResource)(nil)
	_ resource.ResourceWithConfigure      = (*webhookResource)(nil)
	_ resource.ResourceWithImportState    = (*webhookResource)(nil)
	_ resource.ResourceWithValidateConfig = (*webhookResource)(nil)
)

// NewWebhookResource returns the unipile_webhook resource.
func NewWebhookResource() resource.Resource {
	return &webhookResource{}
}

// webhookResource manages one Unipile webhook. Unipile cannot change a
// webhook, so every argument replaces it and Update only records the plan.
type webhookResource struct {
	data *providerData
}

func (r *webhookResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (r *webhookResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Unipile webhook: Unipile POSTs an event of one source (messages, emails, " +
			"email tracking, account status, new relations or calendar events) to `request_url` each time one " +
			"happens.\n\n~> Unipile's API cannot modify a webhook. Changing any argument deletes the webhook and " +
			"creates a new one with a new `id`; use `create_before_destroy` so that deliveries never stop.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The webhook's id, assigned by Unipile.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"request_url": schema.StringAttribute{
				MarkdownDescription: "The absolute `https://` (or `http://`) URL Unipile delivers events to. " +
					"It must be reachable from the internet. Changing it creates a new webhook.",
				Required:      true,
				Validators:    []validator.String{validators.AbsoluteHTTPURL()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "What the webhook listens to: " + quotedList(unipile.Sources()) +
					". Changing it creates a new webhook.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(unipile.Sources()...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "A name for the webhook, sent as `webhook_name` in every delivery. " +
					"Changing it creates a new webhook.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"format": schema.StringAttribute{
				MarkdownDescription: "The body format of deliveries: `json` or `form`. Defaults to `json`. " +
					"Changing it creates a new webhook.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(unipile.FormatJSON),
				Validators:    []validator.String{stringvalidator.OneOf(unipile.FormatJSON, unipile.FormatForm)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether Unipile delivers events. Defaults to `true`. " +
					"Changing it creates a new webhook, since Unipile cannot pause one.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(true),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"account_ids": schema.SetAttribute{
				MarkdownDescription: "Limits the webhook to these connected accounts. Leave it out to receive " +
					"events of every account, present and future. Changing it creates a new webhook.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
			"events": schema.SetAttribute{
				MarkdownDescription: "The events that trigger a delivery; each source has its own (see the " +
					"table above). Leave it out to get the source's default, which is then read back from " +
					"Unipile. Changing it creates a new webhook.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
				PlanModifiers: []planmodifier.Set{
					setplanmodifier.UseStateForUnknown(),
					setplanmodifier.RequiresReplace(),
				},
			},
			"data": schema.SetNestedAttribute{
				MarkdownDescription: "The payload fields each delivery carries, optionally renamed. Leave it " +
					"out to get what Unipile sends by default, which is then read back. Changing it creates " +
					"a new webhook.",
				Optional: true,
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"key": schema.StringAttribute{
							MarkdownDescription: "The payload field, such as `message` or `subject`; each " +
								"source has its own.",
							Required:   true,
							Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						},
						"name": schema.StringAttribute{
							MarkdownDescription: "The name the field gets in the delivered body. Leave it " +
								"out to keep the key.",
							Optional:   true,
							Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						},
					},
				},
				Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
				PlanModifiers: []planmodifier.Set{
					setplanmodifier.UseStateForUnknown(),
					setplanmodifier.RequiresReplace(),
				},
			},
			"headers": schema.ListNestedAttribute{
				MarkdownDescription: "Extra HTTP headers on every delivery, such as a shared secret that " +
					"proves a delivery comes from Unipile, or `Content-Type: application/json`, which " +
					"webhooks made through the API otherwise lack. Names must be unique, ignoring case. " +
					"Their order does not matter and reordering them changes nothing; any other change " +
					"creates a new webhook.",
				Optional: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"key": schema.StringAttribute{
							MarkdownDescription: "The header name.",
							Required:            true,
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						},
						"value": schema.StringAttribute{
							MarkdownDescription: "The header value. It is sensitive: Terraform hides it in " +
								"plans and the provider masks it in logs, but it is kept in the state.",
							Required:  true,
							Sensitive: true,
						},
					},
				},
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				PlanModifiers: []planmodifier.List{
					listplanmodifier.RequiresReplaceIf(headersChangedBeyondOrder,
						"Changing a header creates a new webhook; reordering headers does not.",
						"Changing a header creates a new webhook; reordering headers does not."),
				},
			},
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *webhookResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config webhookModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(validateWebhookConfig(ctx, config)...)
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}

	var plan webhookModelV0
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = r.data.apiContext(ctx, plan.headerValues(ctx)...)
	body, diags := plan.createRequest(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	id, err := r.data.client.Create(ctx, body)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Create Unipile Webhook", err)
		return
	}
	ctx = tflog.SetField(ctx, "webhook_id", id)
	tflog.Debug(ctx, "Created Unipile webhook")

	created, err := r.readBackCreated(ctx, id)
	if err != nil {
		// The webhook exists, so its id goes into the state: Terraform then
		// marks it tainted and replaces it on the next apply instead of
		// leaving an unmanaged copy behind.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		addAPIError(&resp.Diagnostics, "Unable to Read Created Unipile Webhook", err)
		return
	}

	state, diags := webhookFromAPI(created, &plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readBackCreated fetches a webhook just created. The list may lag behind the
// create on a busy tenant, so a missing webhook is looked for a few times
// with growing pauses before giving up.
func (r *webhookResource) readBackCreated(ctx context.Context, id string) (*unipile.Webhook, error) {
	pause := 250 * time.Millisecond

	for attempt := 1; ; attempt++ {
		webhook, err := r.data.client.Get(ctx, id)
		if !errors.Is(err, unipile.ErrNotFound) || attempt == createdReadAttempts {
			return webhook, err
		}

		tflog.Debug(ctx, "Created webhook not listed yet; looking again", map[string]any{"attempt": attempt})
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
			pause *= 2
		}
	}
}

// createdReadAttempts bounds readBackCreated to about four seconds of waiting.
const createdReadAttempts = 5

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}

	var state webhookModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = r.data.apiContext(ctx, state.headerValues(ctx)...)
	ctx = tflog.SetField(ctx, "webhook_id", state.ID.ValueString())

	webhook, err := r.data.client.Get(ctx, state.ID.ValueString())
	if errors.Is(err, unipile.ErrNotFound) {
		tflog.Warn(ctx, "Unipile webhook no longer exists; removing it from the state so the next plan creates it")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read Unipile Webhook", err)
		return
	}

	refreshed, diags := webhookFromAPI(webhook, &state)
	resp.Diagnostics.Append(diags...)
	if refreshed.Source.IsNull() {
		resp.Diagnostics.AddError("Unable to Tell the Webhook's Source",
			"Unipile does not return a webhook's source, and the events and payload fields of webhook "+
				webhook.ID+" fit more than one. Import it as <source>/<id> instead, for example "+
				"account_status/"+webhook.ID+".")
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &refreshed)...)
}

// Update records the new plan without calling Unipile. Every argument that
// Unipile stores forces a replacement, so the only changes that reach Update
// are those that mean nothing to Unipile, such as reordered headers.
func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan webhookModelV0
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}

	var state webhookModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = r.data.apiContext(ctx, state.headerValues(ctx)...)
	ctx = tflog.SetField(ctx, "webhook_id", state.ID.ValueString())

	err := r.data.client.Delete(ctx, state.ID.ValueString())
	if errors.Is(err, unipile.ErrNotFound) {
		tflog.Debug(ctx, "Unipile webhook was already deleted")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Delete Unipile Webhook", err)
	}
}

func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}

	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), importID.ID)...)
	if importID.Source != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("source"), importID.Source)...)
	}
}
