// Package provider holds the Terraform glue of the Unipile provider: the
// schema, the model conversions and the CRUD logic. It never builds an HTTP
// request; the unipile package does.
package provider

import (
	"context"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// Address is where Terraform finds this provider; the binary, the docs and
// the development overrides all use it.
const Address = "registry.terraform.io/unipile/unipile"

// Environment variables read when the matching attribute is not set.
const (
	envDSN    = "UNIPILE_DSN"
	envAPIKey = "UNIPILE_API_KEY"

	// envDisableListSharing=1 makes every read walk the list on its own. It
	// is a diagnostic switch, used by the benchmark to measure what sharing
	// saves; see unipile.Config.DisableListSharing.
	envDisableListSharing = "UNIPILE_DISABLE_LIST_SHARING"
)

var (
	_ provider.Provider                  = (*unipileProvider)(nil)
	_ provider.ProviderWithListResources = (*unipileProvider)(nil)
)

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &unipileProvider{version: version}
	}
}

type unipileProvider struct {
	version string
}

func (p *unipileProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "unipile"
	resp.Version = p.version
}

func (p *unipileProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages [Unipile](https://www.unipile.com) webhooks through Unipile's v1 API.",
		Attributes: map[string]schema.Attribute{
			"dsn": schema.StringAttribute{
				MarkdownDescription: "Your Unipile API endpoint (the DSN shown in the dashboard), such as " +
					"`api8.unipile.com:13443`, or a full URL. HTTPS is assumed; plain `http://` is accepted only " +
					"for loopback addresses such as a local emulator. Defaults to the `" + envDSN + "` environment variable.",
				Optional: true,
			},
			"api_key": schema.StringAttribute{
				MarkdownDescription: "A Unipile access token, sent as the `X-API-KEY` header. " +
					"Defaults to the `" + envAPIKey + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed request is retried after a rate limit (429), a server " +
					"error (500, 502, 503, 504) or a network error, waiting longer each time and honouring " +
					"`Retry-After`. Defaults to `" + strconv.Itoa(unipile.DefaultMaxRetries) + "`; `0` turns retries off.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
		},
	}
}

func (p *unipileProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// A value computed from another resource is unknown during the first
	// plan. Resources then receive no client; that is fine for planning a
	// create, and any call that needs the API says what happened.
	if config.DSN.IsUnknown() || config.APIKey.IsUnknown() || config.MaxRetries.IsUnknown() {
		return
	}

	settings, diags := resolveSettings(config, p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	client, err := unipile.New(settings)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("dsn"), "Invalid Unipile DSN",
			"The dsn setting (or the "+envDSN+" environment variable) could not be used: "+err.Error())
		return
	}

	data := &providerData{client: client, apiKey: settings.APIKey}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// resolveSettings merges the configuration with the environment, the
// configuration winning, and checks that nothing required is missing.
func resolveSettings(config providerModelV0, version string) (unipile.Config, diag.Diagnostics) {
	var diags diag.Diagnostics

	settings := unipile.Config{
		DSN:        firstSet(config.DSN, envDSN),
		APIKey:     firstSet(config.APIKey, envAPIKey),
		UserAgent:  "terraform-provider-unipile/" + version,
		MaxRetries: unipile.DefaultMaxRetries,
		Logger:     apiLogger{},

		DisableListSharing: os.Getenv(envDisableListSharing) == "1",
	}
	if !config.MaxRetries.IsNull() {
		settings.MaxRetries = int(config.MaxRetries.ValueInt64())
	}

	if settings.DSN == "" {
		diags.AddAttributeError(path.Root("dsn"), "Missing Unipile DSN",
			"Set dsn in the provider block or the "+envDSN+" environment variable to your Unipile API "+
				"endpoint, as shown in the Unipile dashboard (for example api8.unipile.com:13443).")
	} else if _, err := unipile.ParseDSN(settings.DSN); err != nil {
		diags.AddAttributeError(path.Root("dsn"), "Invalid Unipile DSN",
			"The dsn setting (or the "+envDSN+" environment variable) is not a usable endpoint: "+err.Error())
	}

	if settings.APIKey == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing Unipile API Key",
			"Set api_key in the provider block or the "+envAPIKey+" environment variable to a Unipile "+
				"access token, created in the Unipile dashboard.")
	}

	return settings, diags
}

// firstSet returns the configured value, or the environment variable when
// the attribute was left out.
func firstSet(configured types.String, envVar string) string {
	if !configured.IsNull() {
		return configured.ValueString()
	}

	return os.Getenv(envVar)
}

func (p *unipileProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewWebhookResource,
	}
}

func (p *unipileProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewWebhookListResource,
	}
}

func (p *unipileProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewWebhookDataSource,
		NewWebhooksDataSource,
	}
}

// providerModelV0 is the provider block.
type providerModelV0 struct {
	DSN        types.String `tfsdk:"dsn"`
	APIKey     types.String `tfsdk:"api_key"`
	MaxRetries types.Int64  `tfsdk:"max_retries"`
}
