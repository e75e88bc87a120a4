package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// webhookModelV0 holds the attributes that the resource, the data sources and
// the list resource share. It is the one place where a Unipile webhook turns
// into Terraform values and back.
type webhookModelV0 struct {
	ID         types.String `tfsdk:"id"`
	RequestURL types.String `tfsdk:"request_url"`
	Source     types.String `tfsdk:"source"`
	Name       types.String `tfsdk:"name"`
	Format     types.String `tfsdk:"format"`
	Enabled    types.Bool   `tfsdk:"enabled"`
	AccountIDs types.Set    `tfsdk:"account_ids"`
	Events     types.Set    `tfsdk:"events"`
	Data       types.Set    `tfsdk:"data"`
	Headers    types.List   `tfsdk:"headers"`
}

// headerModel is one element of headers.
type headerModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// dataFieldModel is one element of data.
type dataFieldModel struct {
	Key  types.String `tfsdk:"key"`
	Name types.String `tfsdk:"name"`
}

var (
	headerAttrTypes = map[string]attr.Type{
		"key":   types.StringType,
		"value": types.StringType,
	}
	dataFieldAttrTypes = map[string]attr.Type{
		"key":  types.StringType,
		"name": types.StringType,
	}
)

// createRequest builds the create body from a fully known plan.
func (m webhookModelV0) createRequest(ctx context.Context) (unipile.CreateWebhookRequest, diag.Diagnostics) {
	var diags diag.Diagnostics

	req := unipile.CreateWebhookRequest{
		RequestURL: m.RequestURL.ValueString(),
		Source:     m.Source.ValueString(),
		Name:       m.Name.ValueString(),
		Format:     m.Format.ValueString(),
	}

	if !m.Enabled.IsNull() && !m.Enabled.IsUnknown() {
		enabled := m.Enabled.ValueBool()
		req.Enabled = &enabled
	}

	req.AccountIDs = stringsFromSet(ctx, m.AccountIDs, &diags)
	req.Events = stringsFromSet(ctx, m.Events, &diags)
	req.Headers = m.apiHeaders(ctx, &diags)

	for _, field := range m.dataFields(ctx, &diags) {
		req.Data = append(req.Data, unipile.DataField{Key: field.Key.ValueString(), Name: field.Name.ValueString()})
	}

	return req, diags
}

// apiHeaders returns the configured headers in the client's form.
func (m webhookModelV0) apiHeaders(ctx context.Context, diags *diag.Diagnostics) []unipile.Header {
	var headers []unipile.Header
	for _, header := range m.headerList(ctx, diags) {
		headers = append(headers, unipile.Header{Key: header.Key.ValueString(), Value: header.Value.ValueString()})
	}

	return headers
}

// headerValues lists the header values, which are secrets to mask in logs.
func (m webhookModelV0) headerValues(ctx context.Context) []string {
	var diags diag.Diagnostics

	var values []string
	for _, header := range m.headerList(ctx, &diags) {
		values = append(values, header.Value.ValueString())
	}

	return values
}

func (m webhookModelV0) headerList(ctx context.Context, diags *diag.Diagnostics) []headerModel {
	var headers []headerModel
	if m.Headers.IsNull() || m.Headers.IsUnknown() {
		return nil
	}
	diags.Append(m.Headers.ElementsAs(ctx, &headers, false)...)

	return headers
}

func (m webhookModelV0) dataFields(ctx context.Context, diags *diag.Diagnostics) []dataFieldModel {
	var fields []dataFieldModel
	if m.Data.IsNull() || m.Data.IsUnknown() {
		return nil
	}
	diags.Append(m.Data.ElementsAs(ctx, &fields, false)...)

	return fields
}

// webhookFromAPI converts a listed webhook into Terraform values.
//
// prior is what Terraform last knew (the plan after a create, the state on a
// refresh) or nil on an import or a data source read. Unipile returns a
// webhook in its own shape: arrays in any order, optional values filled in,
// no source. Wherever the returned value means the same as the prior one,
// the prior one is kept, so that a refresh never reports a change that did
// not happen.
func webhookFromAPI(webhook *unipile.Webhook, prior *webhookModelV0) (webhookModelV0, diag.Diagnostics) {
	var diags diag.Diagnostics
	if prior == nil {
		prior = &webhookModelV0{}
	}

	model := webhookModelV0{
		ID:         types.StringValue(webhook.ID),
		RequestURL: types.StringValue(webhook.RequestURL),
		Source:     sourceOf(webhook, prior.Source),
		Name:       optionalString(webhook.Name),
		Format:     sameFold(webhook.Format, prior.Format),
		Enabled:    enabledOf(webhook.Enabled, prior.Enabled),
		AccountIDs: accountIDSet(webhook.AccountIDs),
		Events:     stringSetOrNull(webhook.Events),
		Data:       dataFieldSet(webhook.Data, prior, &diags),
		Headers:    headerList(webhook.Headers, prior, &diags),
	}

	return model, diags
}

// sourceOf keeps a known source, since list items never carry one, and
// infers it otherwise. It is null when the events and data keys fit more
// than one source.
func sourceOf(webhook *unipile.Webhook, prior types.String) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && prior.ValueString() != "" {
		return prior
	}

	keys := make([]string, 0, len(webhook.Data))
	for _, field := range webhook.Data {
		keys = append(keys, field.Key)
	}

	source, ok := unipile.InferSource(webhook.Events, keys)
	if !ok {
		return types.StringNull()
	}

	return types.StringValue(source)
}

// optionalString maps the empty string Unipile returns for an unset value
// to null, which is how an unset argument reads in Terraform.
func optionalString(value string) types.String {
	if value == "" {
		return types.StringNull()
	}

	return types.StringValue(value)
}

// sameFold keeps the prior spelling when Unipile returns the same word in
// another case, and keeps the prior value when Unipile leaves the field out.
func sameFold(returned string, prior types.String) types.String {
	if prior.IsNull() || prior.IsUnknown() {
		return optionalString(returned)
	}
	if returned == "" || strings.EqualFold(returned, prior.ValueString()) {
		return prior
	}

	return types.StringValue(returned)
}

// enabledOf reads the enabled flag. The docs say it always comes back; if a
// response lacks it anyway, the prior value stands, and Unipile's likely
// default (enabled) stands in for a webhook Terraform never saw.
func enabledOf(returned *bool, prior types.Bool) types.Bool {
	switch {
	case returned != nil:
		return types.BoolValue(*returned)
	case !prior.IsNull() && !prior.IsUnknown():
		return prior
	default:
		return types.BoolValue(true)
	}
}

func accountIDSet(accounts []unipile.Account) types.Set {
	ids := make([]string, 0, len(accounts))
	for _, account := range accounts {
		ids = append(ids, account.ID)
	}

	return stringSetOrNull(ids)
}

// stringSetOrNull returns null for no values: the schema refuses empty sets,
// so an empty returned array can only mean the argument was not set.
func stringSetOrNull(values []string) types.Set {
	if len(values) == 0 {
		return types.SetNull(types.StringType)
	}

	elements := make([]attr.Value, 0, len(values))
	for _, value := range values {
		elements = append(elements, types.StringValue(value))
	}

	return types.SetValueMust(types.StringType, elements)
}

// dataFieldSet converts the payload fields. A field whose name the user left
// out stays without a name whatever Unipile filled in, so the server's choice
// never shows as drift; a field Terraform did not know reads without a name
// when Unipile named it after its own key, which is what no name means.
func dataFieldSet(fields []unipile.DataField, prior *webhookModelV0, diags *diag.Diagnostics) types.Set {
	elementType := types.ObjectType{AttrTypes: dataFieldAttrTypes}
	if len(fields) == 0 {
		return types.SetNull(elementType)
	}

	// named records, per key, whether the prior value gave that key a name.
	named := map[string]bool{}
	for _, field := range prior.dataFields(context.Background(), diags) {
		named[field.Key.ValueString()] = !field.Name.IsNull()
	}

	elements := make([]attr.Value, 0, len(fields))
	for _, field := range fields {
		wasNamed, known := named[field.Key]
		name := optionalString(field.Name)
		if known && !wasNamed || !known && field.Name == field.Key {
			name = types.StringNull()
		}

		element, d := types.ObjectValue(dataFieldAttrTypes, map[string]attr.Value{
			"key":  types.StringValue(field.Key),
			"name": name,
		})
		diags.Append(d...)
		elements = append(elements, element)
	}

	set, d := types.SetValue(elementType, elements)
	diags.Append(d...)

	return set
}

// headerList converts the headers in the order the configuration gave them,
// since Unipile does not keep it; headers Terraform did not know come last,
// sorted by key. A value Unipile masks (asterisks, or nothing) is taken from
// the prior state: the docs say values come back in clear text, but that is
// unverified on live tenants and a masked value must not look like drift.
func headerList(headers []unipile.Header, prior *webhookModelV0, diags *diag.Diagnostics) types.List {
	elementType := types.ObjectType{AttrTypes: headerAttrTypes}
	if len(headers) == 0 {
		return types.ListNull(elementType)
	}

	priorHeaders := prior.headerList(context.Background(), diags)
	remaining := slices.Clone(headers)
	ordered := make([]headerModel, 0, len(headers))

	for _, known := range priorHeaders {
		index := slices.IndexFunc(remaining, func(h unipile.Header) bool {
			return strings.EqualFold(h.Key, known.Key.ValueString())
		})
		if index < 0 {
			continue
		}

		returned := remaining[index]
		remaining = slices.Delete(remaining, index, index+1)

		value := types.StringValue(returned.Value)
		if looksMasked(returned.Value) {
			value = known.Value
		}
		ordered = append(ordered, headerModel{Key: keySpelling(returned.Key, known.Key), Value: value})
	}

	slices.SortFunc(remaining, func(a, b unipile.Header) int { return strings.Compare(a.Key, b.Key) })
	for _, extra := range remaining {
		ordered = append(ordered, headerModel{Key: types.StringValue(extra.Key), Value: types.StringValue(extra.Value)})
	}

	list, d := types.ListValueFrom(context.Background(), elementType, ordered)
	diags.Append(d...)

	return list
}

// keySpelling keeps the configured spelling of a header name when Unipile
// returns it in another case: HTTP header names ignore case.
func keySpelling(returned string, known types.String) types.String {
	if strings.EqualFold(returned, known.ValueString()) {
		return known
	}

	return types.StringValue(returned)
}

func looksMasked(value string) bool {
	return value == "" || strings.Trim(value, "*•") == ""
}

// stringsFromSet reads a set of strings, or nil when it is null or unknown.
func stringsFromSet(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}

	var values []string
	diags.Append(set.ElementsAs(ctx, &values, false)...)

	return values
}
