package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Resource identity needs Terraform 1.12.
var identityVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

var webhookIDRegexp = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func TestAccWebhookResource_identity(t *testing.T) {
	t.Parallel()

	for _, source := range []string{"email", "messaging"} {
		t.Run(source, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			arguments := fullArguments(source)

			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   identityVersionChecks,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             env.checkNoWebhooks,
				Steps: []resource.TestStep{
					{
						Config: env.config(webhookConfig(arguments)),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectIdentity(webhookAddress, map[string]knownvalue.Check{
								"id": knownvalue.StringRegexp(webhookIDRegexp),
							}),
							statecheck.ExpectIdentityValueMatchesState(webhookAddress, tfjsonpath.New("id")),
						},
					},
					{
						Config:          env.config(webhookConfig(arguments)),
						ResourceName:    webhookAddress,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
						ImportPlanChecks: resource.ImportPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionNoop)},
						},
					},
				},
			})
		})
	}
}

// An account_status webhook lists with no events or data, so nothing in
// Unipile's answer tells its source; imported by identity, it takes the
// configured source without being replaced.
func TestAccWebhookResource_identityImportTakesSourceFromConfig(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	config := env.config(webhookConfig(map[string]string{
		"request_url": `"https://hooks.example.com/unipile/status"`,
		"source":      `"account_status"`,
	}))

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				Config:             config,
				ResourceName:       webhookAddress,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithResourceIdentity,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("source"), knownvalue.StringExact("account_status")),
					},
				},
			},
		},
	})
}

// An identity holds a bare webhook id; anything else fails at plan, before
// any request.
func TestAccWebhookResource_identityImportInvalid(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		id        string
		wantError *regexp.Regexp
	}{
		"source and id": {
			id:        "account_status/zYnh13HWV76_G3KyE-cAyg",
			wantError: regexp.MustCompile(`(?s)Invalid Import Identity.*import by id as <source>/<id>`),
		},
		"url": {
			id:        "https://example.com/hooks/1",
			wantError: regexp.MustCompile(`(?s)Invalid Import Identity.*is not a Unipile webhook id`),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			config := webhookConfig(map[string]string{
				"request_url": `"https://hooks.example.com/unipile/status"`,
				"source":      `"account_status"`,
			}) + "\nimport {\n  to       = " + webhookAddress + "\n  identity = { id = \"" + test.id + "\" }\n}\n"

			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   identityVersionChecks,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.config(config),
						PlanOnly:    true,
						ExpectError: test.wantError,
					},
				},
			})

			if requests := env.totalRequests(); requests != 0 {
				t.Errorf("an invalid identity sent %d requests to Unipile, want none", requests)
			}
		})
	}
}
