package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogLevelVariable sets the level of the provider's own log lines. The
// name is terraform-plugin-go's: TF_LOG_PROVIDER and the last part of the
// provider's address.
const LogLevelVariable = "TF_LOG_PROVIDER_UNIPILE"

// logSubsystem names the API client's log lines, and apiLogLevelVariable
// raises or lowers them on their own.
const (
	logSubsystem        = "unipile_api"
	apiLogLevelVariable = LogLevelVariable + "_API"
)

// apiLogger hands the client's request logs to tflog. It implements
// unipile.Logger, which keeps the client free of Terraform imports.
type apiLogger struct{}

func (apiLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemDebug(ctx, logSubsystem, msg, fields)
}

func (apiLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemTrace(ctx, logSubsystem, msg, fields)
}

// MaskSecrets hides every given value wherever it would appear: in messages
// and in field values, in the API subsystem and in the provider's own lines.
func (apiLogger) MaskSecrets(ctx context.Context, values ...string) context.Context {
	secrets := nonEmpty(values)
	if len(secrets) == 0 {
		return ctx
	}

	ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, secrets...)
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, secrets...)
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)

	return ctx
}

// nonEmpty drops empty strings, which would otherwise mask nothing useful
// and could garble every line.
func nonEmpty(values []string) []string {
	kept := make([]string, 0, len(values))
	for _, value := range values {
		if value != "" {
			kept = append(kept, value)
		}
	}

	return kept
}
