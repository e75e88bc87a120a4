package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client *unipile.Client
	apiKey string
}

// apiContext prepares ctx for calls to the API: the client's log lines get
// their own subsystem, and the API key and any other secrets the caller
// holds (header values) are masked in every line logged from ctx.
func (d *providerData) apiContext(ctx context.Context, secrets ...string) context.Context {
	// The offset makes each line name the client's caller, not the adapter.
	ctx = tflog.NewSubsystem(ctx, logSubsystem,
		tflog.WithAdditionalLocationOffset(1), tflog.WithLevelFromEnv(apiLogLevelVariable))

	return apiLogger{}.MaskSecrets(ctx, append(secrets, d.apiKey)...)
}

// providerDataFrom accepts what Configure set, which is nil while the
// provider configuration is still unknown.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}

	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}

	return data
}

// requireClient reports an error when the provider could not be configured
// yet, which happens when its settings come from values unknown at plan.
func requireClient(data *providerData, diags *diag.Diagnostics) bool {
	if data != nil {
		return true
	}

	diags.AddError("Unipile Provider Not Configured",
		"The provider's dsn or api_key was not known when this operation ran, so no request could be "+
			"made. Set them from values known at plan time, such as variables or environment variables.")

	return false
}
