package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverLogged runs a whole lifecycle with the released form of
// the provider (a binary Terraform starts) at TF_LOG=TRACE, and searches
// everything Terraform printed and logged for the API key and the header
// values. The logs must still show the API traffic, or the search would
// prove nothing.
func TestSecretsNeverLogged(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("starts the Terraform CLI; set TF_ACC=1 to run it, as make test does")
	}
	t.Parallel()

	env := newTestEnv(t)
	cliConfig := devOverrideConfig(t, buildProvider(t, moduleRoot(t)))

	plainSecret := "plain-header-secret-7c1d93"
	writeOnlySecret := "write-only-secret-e24b58"
	work := t.TempDir()
	config := fmt.Sprintf(`terraform {
  required_providers {
    unipile = { source = "unipile/unipile" }
  }
}

provider "unipile" {}

resource "unipile_webhook" "secret" {
  request_url = "https://hooks.example.com/unipile/secret"
  source      = "messaging"
  headers     = [{ key = "Unipile-Auth", value = %q }]

  headers_wo         = [{ key = "X-Write-Only", value = %q }]
  headers_wo_version = 1
}

data "unipile_webhooks" "all" {
  depends_on = [unipile_webhook.secret]
}

data "unipile_webhook" "same" {
  id = unipile_webhook.secret.id
}
`, plainSecret, writeOnlySecret)
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatalf("writing the configuration: %v", err)
	}

	logFile := filepath.Join(work, "terraform.log")
	runner := terraformRunner{path: "terraform", cliConfig: cliConfig, environ: append(os.Environ(),
		"TF_LOG=TRACE",
		"TF_LOG_PATH="+logFile,
		envDSN+"="+env.dsn,
		envAPIKey+"="+env.apiKey,
	)}

	var printed strings.Builder
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", "-no-color"},
		{"plan", "-input=false", "-no-color", "-detailed-exitcode"},
		{"destroy", "-auto-approve", "-input=false", "-no-color"},
	} {
		out, err := runner.run(t, work, args...)
		printed.Write(out)
		if err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}

	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the log: %v", err)
	}
	everything := printed.String() + string(logged)

	for _, proof := range []string{"@module=unipile.unipile_api", "Unipile request", "[TRACE] provider.terraform-provider-unipile: Unipile response body"} {
		if !strings.Contains(everything, proof) {
			t.Fatalf("the logs lack %q, so they cannot show that secrets are masked", proof)
		}
	}

	for name, secret := range map[string]string{"API key": env.apiKey, "header value": plainSecret, "write-only header value": writeOnlySecret} {
		if count := strings.Count(everything, secret); count > 0 {
			t.Errorf("the %s appears %d times in Terraform's output and TRACE logs", name, count)
		}
	}
}
