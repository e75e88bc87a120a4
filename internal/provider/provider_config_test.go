package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The configuration wins over the environment, and every missing or broken
// setting is reported against its attribute with the variable to use.
func TestResolveSettings(t *testing.T) {
	tests := map[string]struct {
		config     providerModelV0
		envDSN     string
		envKey     string
		wantDSN    string
		wantKey    string
		wantErrors []string
	}{
		"attributes win over the environment": {
			config:  providerModelV0{DSN: types.StringValue("api8.unipile.com:13443"), APIKey: types.StringValue("from-config")},
			envDSN:  "api1.unipile.com:1",
			envKey:  "from-env",
			wantDSN: "api8.unipile.com:13443",
			wantKey: "from-config",
		},
		"environment fills what is left out": {
			envDSN:  "api8.unipile.com:13443",
			envKey:  "from-env",
			wantDSN: "api8.unipile.com:13443",
			wantKey: "from-env",
		},
		"nothing set": {
			wantErrors: []string{"dsn in the provider block or the UNIPILE_DSN", "api_key in the provider block or the UNIPILE_API_KEY"},
		},
		"plain http to a remote host": {
			config:     providerModelV0{DSN: types.StringValue("http://api8.unipile.com:13443"), APIKey: types.StringValue("k")},
			wantErrors: []string{"dsn setting (or the UNIPILE_DSN environment variable) is not a usable endpoint"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Setenv(envDSN, test.envDSN)
			t.Setenv(envAPIKey, test.envKey)

			settings, diags := resolveSettings(test.config, "test")

			if len(test.wantErrors) == 0 {
				if diags.HasError() {
					t.Fatalf("unexpected errors: %v", diags)
				}
				if settings.DSN != test.wantDSN || settings.APIKey != test.wantKey {
					t.Errorf("got dsn %q key %q, want %q %q", settings.DSN, settings.APIKey, test.wantDSN, test.wantKey)
				}
				return
			}

			if got := diags.ErrorsCount(); got != len(test.wantErrors) {
				t.Fatalf("got %d errors, want %d: %v", got, len(test.wantErrors), diags)
			}
			for i, want := range test.wantErrors {
				if detail := diags.Errors()[i].Detail(); !strings.Contains(detail, want) {
					t.Errorf("error %d is %q; want it to contain %q", i, detail, want)
				}
			}
		})
	}
}

// A provider block without credentials fails the plan with the attribute
// and environment variable named, before any request.
func TestAccProvider_missingAPIKey(t *testing.T) {
	t.Setenv(envAPIKey, "")
	t.Setenv(envDSN, "")
	env := newTestEnv(t)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `provider "unipile" {
  dsn = "` + env.dsn + `"
}
` + webhookConfig(map[string]string{"request_url": `"https://example.com/h"`, "source": `"users"`}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing Unipile API Key.*UNIPILE_API_KEY`),
			},
		},
	})

	if requests := env.totalRequests(); requests != 0 {
		t.Errorf("a provider without credentials sent %d requests", requests)
	}
}
