package main

import (
	"os"

	"github.com/unipile/terraform-provider-unipile/internal/provider"
)

// Terraform keeps a provider's log lines only when TF_LOG or TF_LOG_PROVIDER
// is set; otherwise it reads each JSON line the provider writes to stderr and
// drops it. The plugin libraries cannot know that, so by default they render
// every framework and protocol line at TRACE level: dozens per request, which
// in a plan over 500 webhooks took about a fifth of the provider's CPU time,
// and more of Terraform's to parse and discard.
const (
	envTerraformLog         = "TF_LOG"
	envTerraformProviderLog = "TF_LOG_PROVIDER"

	// envSDKLog sets the level of terraform-plugin-go's and the framework's
	// lines; their subsystems follow it unless set on their own.
	envSDKLog = "TF_LOG_SDK"

	// envProviderLog sets the level of this provider's own lines and of its
	// API subsystem, unless that subsystem's level is set on its own.
	envProviderLog = provider.LogLevelVariable
)

// silenceUnreadLogs turns the plugin libraries' logging off when Terraform
// would discard every line anyway. It leaves logging alone in debug mode,
// where the lines go to the developer's terminal, when Terraform keeps
// provider logs, and for any level the environment sets itself.
func silenceUnreadLogs(debug bool) {
	for _, name := range unreadLogLevels(debug, os.LookupEnv) {
		_ = os.Setenv(name, "off") // Setenv fails only on a malformed name.
	}
}

// unreadLogLevels names the level variables to set to "off": none when
// anyone reads the provider's logs, else those the environment leaves unset.
func unreadLogLevels(debug bool, lookup func(string) (string, bool)) []string {
	if debug {
		return nil
	}

	for _, kept := range []string{envTerraformLog, envTerraformProviderLog} {
		if value, _ := lookup(kept); value != "" {
			return nil
		}
	}

	var unset []string
	for _, level := range []string{envSDKLog, envProviderLog} {
		if _, set := lookup(level); !set {
			unset = append(unset, level)
		}
	}

	return unset
}
