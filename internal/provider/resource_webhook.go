package provider

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
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
	_ resource.ResourceWithIdentity       = (*webhookResource)(nil)
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
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(unipile.Sources()...)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIf(sourceWasKnown,
						"Changing the source creates a new webhook.",
						"Changing the source creates a new webhook."),
				},
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
				MarkdownDescription: "Extra HTTP headers on every delivery, such as " +
					"`Content-Type: application/json`, which webhooks made through the API otherwise lack. " +
					"Names must be unique, ignoring case, here and in `headers_wo` together. Their order " +
					"does not matter and reordering them changes nothing; any other change creates a new " +
					"webhook. Values set here are stored in the state. On Terraform 1.11 and later, " +
					"put secrets, such as a shared secret that proves a delivery comes from Unipile, in " +
					"`headers_wo` instead.",
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
								"plans and the provider masks it in logs, but it is kept in the state; " +
								"`headers_wo` keeps it out.",
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
			"headers_wo": schema.ListNestedAttribute{
				MarkdownDescription: "Extra HTTP headers on every delivery, like `headers`, but write-only: " +
					"their values are sent to Unipile when the webhook is created and never stored in " +
					"the plan or the state, nor shown in logs. This is the place for a shared secret that " +
					"proves a delivery comes from Unipile. Requires Terraform 1.11 or later. Names must " +
					"be unique, ignoring case, here and in `headers` together. " +
					"Terraform cannot see changes to write-only values, so editing this list does " +
					"nothing by itself: change `headers_wo_version` as well to create a new webhook " +
					"with the new headers. An imported webhook reads all its headers into `headers`, values included, since " +
					"Unipile does not say which were write-only; declaring them in `headers_wo` then " +
					"plans a new webhook.",
				Optional:  true,
				WriteOnly: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"key": schema.StringAttribute{
							MarkdownDescription: "The header name.",
							Required:            true,
							WriteOnly:           true,
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						},
						"value": schema.StringAttribute{
							MarkdownDescription: "The header value, sent to Unipile and kept nowhere else.",
							Required:            true,
							WriteOnly:           true,
							Sensitive:           true,
						},
					},
				},
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
			},
			"headers_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number, to change whenever `headers_wo` changes: since Terraform " +
					"never stores write-only values, a new version is what tells it to create a new " +
					"webhook with the current `headers_wo`. Changing it creates a new webhook.",
				Optional:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
		},
	}
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description:       "The webhook's id, assigned by Unipile.",
				RequiredForImport: true,
			},
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *webhookResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config webhookResourceModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(validateWebhookConfig(ctx, config.webhookModelV0, config.HeadersWO)...)
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}

	var plan, config webhookResourceModelV0
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Write-only values exist only in the configuration: the plan holds null.
	// The shared model's header helpers read any list of headers.
	writeOnly := webhookModelV0{Headers: config.HeadersWO}

	ctx = r.data.apiContext(ctx, append(plan.headerValues(ctx), writeOnly.headerValues(ctx)...)...)
	body, diags := plan.createRequest(ctx)
	resp.Diagnostics.Append(diags...)
	writeOnlyHeaders := writeOnly.apiHeaders(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body.Headers = append(body.Headers, writeOnlyHeaders...)

	id, err := r.data.client.Create(ctx, body)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Create Unipile Webhook", err)
		return
	}
	ctx = tflog.SetField(ctx, "webhook_id", id)
	tflog.Debug(ctx, "Created Unipile webhook")

	resp.Diagnostics.Append(resp.Identity.Set(ctx, webhookIdentityModelV0{ID: types.StringValue(id)})...)
	resp.Diagnostics.Append(saveWriteOnlyHeaderKeys(ctx, resp.Private, writeOnlyHeaders)...)

	created, err := r.readBackCreated(ctx, id)
	if err != nil {
		// The webhook exists, so its id goes into the state: Terraform then
		// marks it tainted and replaces it on the next apply instead of
		// leaving an unmanaged copy behind.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		addAPIError(&resp.Diagnostics, "Unable to Read Created Unipile Webhook", err)
		return
	}
	state, diags := webhookFromAPI(withoutWriteOnly(created, headerKeys(writeOnlyHeaders)), &plan.webhookModelV0)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan.withShared(state))...)
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

	var state webhookResourceModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	writeOnlyKeys, diags := loadWriteOnlyHeaderKeys(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	// The identity is set before anything can return early: the framework
	// requires one after every read, even one that removes the resource, and
	// a state written by Terraform before 1.12 or by an older provider has
	// none to carry over (see terraform-provider-aws#46964).
	resp.Diagnostics.Append(resp.Identity.Set(ctx, webhookIdentityModelV0{ID: state.ID})...)

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

	refreshed, diags := webhookFromAPI(withoutWriteOnly(webhook, writeOnlyKeys), &state.webhookModelV0)
	resp.Diagnostics.Append(diags...)
	if refreshed.Source.IsNull() && !sourceLeftToConfig(ctx, req.Private, &resp.Diagnostics) {
		resp.Diagnostics.AddError("Unable to Tell the Webhook's Source",
			"Unipile does not return a webhook's source, and the events and payload fields of webhook "+
				webhook.ID+" fit more than one. Import it as <source>/<id> instead, for example "+
				"account_status/"+webhook.ID+", or by identity from an import block whose resource "+
				"configuration sets source.")
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, state.withShared(refreshed))...)
}

// Update records the new plan without calling Unipile. Every argument that
// Unipile stores forces a replacement, so the only changes that reach Update
// are those that mean nothing to Unipile, such as reordered headers, or the
// source of a webhook imported by identity being taken from the configuration.
func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan webhookResourceModelV0
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, plan.withShared(plan.webhookModelV0))...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, webhookIdentityModelV0{ID: plan.ID})...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSourceFromConfig, nil)...)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}

	var state webhookResourceModelV0
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

// ImportState accepts the two forms of import: a string id (`terraform
// import`, or an import block's id), which may name the source, and an
// import block's identity, which holds the bare webhook id.
func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		r.importByIdentity(ctx, req, resp)
		return
	}

	importID, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}

	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), importID.ID)...)
	if importID.Source != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("source"), importID.Source)...)
	}
	resp.Diagnostics.Append(resp.Identity.Set(ctx, webhookIdentityModelV0{ID: types.StringValue(importID.ID)})...)
}

// importByIdentity imports the webhook an identity names. An identity has no
// room for a source, so when Unipile's answer does not reveal it, the source
// is left for the resource's configuration to give (see sourceWasKnown).
func (r *webhookResource) importByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var identity webhookIdentityModelV0
	if req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	id := identity.ID.ValueString()
	if !webhookIDPattern.MatchString(id) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid Import Identity",
			"The identity's id "+strconv.Quote(id)+" is not a Unipile webhook id, such as "+
				"zYnh13HWV76_G3KyE-cAyg. An identity holds the bare id; to name the source too, "+
				"import by id as <source>/<id> instead.")
		return
	}

	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identity)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSourceFromConfig, []byte("true"))...)
}

// sourceWasKnown decides whether a new source needs a new webhook. It does
// unless the state has no source, which happens only after an import by
// identity of a webhook whose source Unipile's answer does not reveal: the
// configured source then completes the state instead of replacing anything.
func sourceWasKnown(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}

// Private state keys. Their values are JSON, as the framework requires.
const (
	// privateWriteOnlyHeaderKeys lists the names of the headers sent from
	// headers_wo, never their values, so that a refresh can leave them out.
	privateWriteOnlyHeaderKeys = "write_only_header_keys"

	// privateSourceFromConfig marks a webhook imported by identity, whose
	// source may have to come from the configuration.
	privateSourceFromConfig = "source_from_config"
)

// privateState is what the framework's private state data offers; its type
// lives in an internal package.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func saveWriteOnlyHeaderKeys(ctx context.Context, private privateState, headers []unipile.Header) diag.Diagnostics {
	var diags diag.Diagnostics

	keys := headerKeys(headers)
	if len(keys) == 0 {
		return private.SetKey(ctx, privateWriteOnlyHeaderKeys, nil)
	}

	encoded, err := json.Marshal(keys)
	if err != nil {
		diags.AddError("Unable to Record Write-Only Header Names",
			"The names of the headers_wo headers could not be encoded; this is a bug in the provider. "+
				"Error: "+err.Error())
		return diags
	}

	return private.SetKey(ctx, privateWriteOnlyHeaderKeys, encoded)
}

func loadWriteOnlyHeaderKeys(ctx context.Context, private privateState) ([]string, diag.Diagnostics) {
	encoded, diags := private.GetKey(ctx, privateWriteOnlyHeaderKeys)
	if diags.HasError() || len(encoded) == 0 {
		return nil, diags
	}

	var keys []string
	if err := json.Unmarshal(encoded, &keys); err != nil {
		diags.AddError("Unable to Read Write-Only Header Names",
			"The provider's private record of the headers_wo names is damaged, so write-only headers "+
				"may show as drift. Bump headers_wo_version to create the webhook afresh. Error: "+err.Error())
	}

	return keys, diags
}

func sourceLeftToConfig(ctx context.Context, private privateState, diags *diag.Diagnostics) bool {
	marker, d := private.GetKey(ctx, privateSourceFromConfig)
	diags.Append(d...)

	return len(marker) > 0
}

func headerKeys(headers []unipile.Header) []string {
	keys := make([]string, 0, len(headers))
	for _, header := range headers {
		keys = append(keys, header.Key)
	}

	return keys
}

// withoutWriteOnly returns a copy of the webhook without the headers sent
// from headers_wo, named by keys (ignoring case, as HTTP does). They come
// back like any other header; reporting them under headers would show drift
// and put their values in the state.
func withoutWriteOnly(webhook *unipile.Webhook, keys []string) *unipile.Webhook {
	trimmed := *webhook
	trimmed.Headers = slices.DeleteFunc(slices.Clone(webhook.Headers), func(header unipile.Header) bool {
		return slices.ContainsFunc(keys, func(key string) bool { return strings.EqualFold(key, header.Key) })
	})

	return &trimmed
}

// webhookResourceModelV0 is the resource: the attributes it shares with the
// data sources and the list resource, and the write-only headers, which only
// a managed webhook has.
type webhookResourceModelV0 struct {
	webhookModelV0

	HeadersWO        types.List  `tfsdk:"headers_wo"`
	HeadersWOVersion types.Int64 `tfsdk:"headers_wo_version"`
}

// withShared returns the resource with its shared attributes replaced, as
// after a create or a refresh. headers_wo is null outside the configuration;
// headers_wo_version is Terraform's own and stays.
func (m webhookResourceModelV0) withShared(shared webhookModelV0) webhookResourceModelV0 {
	return webhookResourceModelV0{
		webhookModelV0:   shared,
		HeadersWO:        types.ListNull(types.ObjectType{AttrTypes: headerAttrTypes}),
		HeadersWOVersion: m.HeadersWOVersion,
	}
}

// webhookIdentityModelV0 is the resource identity: the id alone names a
// webhook on its tenant.
type webhookIdentityModelV0 struct {
	ID types.String `tfsdk:"id"`
}
