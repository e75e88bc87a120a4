package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

const webhookAddress = "unipile_webhook.test"

// webhookConfig renders a unipile_webhook named "test" from HCL argument
// lines, so each test states only what it varies.
func webhookConfig(arguments map[string]string) string {
	names := make([]string, 0, len(arguments))
	for name := range arguments {
		names = append(names, name)
	}
	sort.Strings(names)

	var body strings.Builder
	for _, name := range names {
		fmt.Fprintf(&body, "  %s = %s\n", name, arguments[name])
	}

	return "resource \"unipile_webhook\" \"test\" {\n" + body.String() + "\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n"
}

// fullArguments is a configuration that sets every argument, per source.
func fullArguments(source string) map[string]string {
	arguments := map[string]string{
		"request_url": `"https://hooks.example.com/unipile/full"`,
		"source":      fmt.Sprintf("%q", source),
		"name":        `"full-` + source + `"`,
		"format":      `"form"`,
		"enabled":     "false",
		"account_ids": `["acc_sales", "acc_support"]`,
		"headers": `[
    { key = "Content-Type", value = "application/json" },
    { key = "Unipile-Auth", value = "hook-secret-` + source + `" },
  ]`,
	}

	perSource := map[string][2]string{
		"messaging":      {`["message_received", "message_read"]`, `[{ key = "chat_id", name = "chatId" }, { key = "message" }]`},
		"email":          {`["mail_received", "mail_sent"]`, `[{ key = "subject", name = "title" }, { key = "from_attendee" }]`},
		"email_tracking": {`["mail_opened", "mail_link_clicked"]`, `[{ key = "ip" }, { key = "url", name = "link" }]`},
		"users":          {`["new_relation"]`, `[{ key = "account_id", name = "account" }]`},
		"calendar_event": {`["calendar_event_created", "calendar_event_deleted"]`, `[{ key = "account_id" }]`},
		"account_status": {"", ""},
	}
	if events := perSource[source][0]; events != "" {
		arguments["events"] = events
	}
	if data := perSource[source][1]; data != "" {
		arguments["data"] = data
	}

	return arguments
}

// importIDFor builds the import id: account_status webhooks list with no
// events or data, so their source must be named.
func importIDFor(source string) resource.ImportStateIdFunc {
	return func(state *terraform.State) (string, error) {
		id := state.RootModule().Resources[webhookAddress].Primary.ID
		if source == "account_status" {
			return source + "/" + id, nil
		}

		return id, nil
	}
}

func TestAccWebhookResource_everySource(t *testing.T) {
	t.Parallel()

	for _, source := range []string{"messaging", "users", "account_status", "email", "email_tracking", "calendar_event"} {
		t.Run(source, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			minimal := map[string]string{
				"request_url": `"https://hooks.example.com/unipile/minimal"`,
				"source":      fmt.Sprintf("%q", source),
			}

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             env.checkNoWebhooks,
				Steps: []resource.TestStep{
					{
						Config: env.config(webhookConfig(minimal)),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9_-]+$`))),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("source"), knownvalue.StringExact(source)),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("format"), knownvalue.StringExact("json")),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("name"), knownvalue.Null()),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("account_ids"), knownvalue.Null()),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers"), knownvalue.Null()),
						},
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{
						ResourceName:      webhookAddress,
						ImportState:       true,
						ImportStateVerify: true,
						ImportStateIdFunc: importIDFor(source),
					},
					{
						Config: env.config(webhookConfig(fullArguments(source))),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionReplace)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("name"), knownvalue.StringExact("full-"+source)),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("format"), knownvalue.StringExact("form")),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("account_ids"), knownvalue.SetExact([]knownvalue.Check{
								knownvalue.StringExact("acc_sales"), knownvalue.StringExact("acc_support"),
							})),
							statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers"), knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("Content-Type"), "value": knownvalue.StringExact("application/json")}),
								knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("Unipile-Auth"), "value": knownvalue.StringExact("hook-secret-" + source)}),
							})),
							statecheck.ExpectSensitiveValue(webhookAddress, tfjsonpath.New("headers").AtSliceIndex(1).AtMapKey("value")),
						},
					},
					{
						ResourceName:      webhookAddress,
						ImportState:       true,
						ImportStateVerify: true,
						ImportStateIdFunc: importIDFor(source),
					},
				},
			})

			env.expectNoDuplicates(t)
		})
	}
}

func TestAccWebhookResource_importBlock(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	arguments := fullArguments("email")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(webhookConfig(arguments)),
			},
			{
				Config:          env.config(webhookConfig(arguments)),
				ResourceName:    webhookAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

func TestAccWebhookResource_everyArgumentReplaces(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	base := fullArguments("messaging")
	with := func(name, value string) map[string]string {
		changed := map[string]string{}
		for key, existing := range base {
			changed[key] = existing
		}
		if value == "" {
			delete(changed, name)
		} else {
			changed[name] = value
		}
		base = changed

		return changed
	}

	idChanges := statecheck.CompareValue(compare.ValuesDiffer())
	replaceStep := func(arguments map[string]string) resource.TestStep {
		return resource.TestStep{
			Config: env.config(webhookConfig(arguments)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionReplace)},
			},
			ConfigStateChecks: []statecheck.StateCheck{idChanges.AddStateValue(webhookAddress, tfjsonpath.New("id"))},
		}
	}

	first := resource.TestStep{
		Config:            env.config(webhookConfig(base)),
		ConfigStateChecks: []statecheck.StateCheck{idChanges.AddStateValue(webhookAddress, tfjsonpath.New("id"))},
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			first,
			replaceStep(with("request_url", `"https://hooks.example.com/unipile/moved"`)),
			replaceStep(with("name", `"renamed"`)),
			replaceStep(with("format", `"json"`)),
			replaceStep(with("enabled", "true")),
			replaceStep(with("account_ids", `["acc_sales"]`)),
			replaceStep(with("events", `["message_reaction"]`)),
			replaceStep(with("data", `[{ key = "chat_id", name = "conversation" }]`)),
			replaceStep(with("headers", `[{ key = "Unipile-Auth", value = "rotated-secret" }]`)),
			replaceStep(func() map[string]string {
				// The events and data keys above are messaging's own.
				with("events", "")
				with("data", "")
				return with("source", `"users"`)
			}()),
		},
	})

	env.expectWebhookCount(t, 0)
}

func TestAccWebhookResource_reorderedHeadersChangeNothing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	headers := func(first, second string) map[string]string {
		return map[string]string{
			"request_url": `"https://hooks.example.com/unipile/order"`,
			"source":      `"messaging"`,
			"headers":     "[" + first + ", " + second + "]",
		}
	}
	auth := `{ key = "Unipile-Auth", value = "order-secret" }`
	contentType := `{ key = "Content-Type", value = "application/json" }`
	creates := 0

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(webhookConfig(headers(auth, contentType))),
				Check: func(*terraform.State) error {
					creates = env.count(emulator.RouteCreate)
					return nil
				},
			},
			{
				Config: env.config(webhookConfig(headers(contentType, auth))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers").AtSliceIndex(0).AtMapKey("key"), knownvalue.StringExact("Content-Type")),
				},
				Check: func(*terraform.State) error {
					if now := env.count(emulator.RouteCreate); now != creates {
						return fmt.Errorf("reordering headers sent %d create requests", now-creates)
					}
					return nil
				},
			},
		},
	})
}

func TestAccWebhookResource_deletedOutsideTerraform(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	config := env.config(webhookConfig(map[string]string{
		"request_url": `"https://hooks.example.com/unipile/gone"`,
		"source":      `"email"`,
	}))
	var firstID string

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(state *terraform.State) error {
					firstID = state.RootModule().Resources[webhookAddress].Primary.ID
					return nil
				},
			},
			{
				PreConfig: func() { env.removeOutOfBand(t, firstID) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionCreate)},
				},
				Check: func(state *terraform.State) error {
					if id := state.RootModule().Resources[webhookAddress].Primary.ID; id == firstID {
						return fmt.Errorf("the webhook kept the deleted id %s", id)
					}
					return nil
				},
			},
		},
	})

	env.expectWebhookCount(t, 0)
}

func TestAccWebhookResource_destroyWhenAlreadyGone(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("losing a delete response needs the emulator's fault injection")
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(webhookConfig(map[string]string{
					"request_url": `"https://hooks.example.com/unipile/lost"`,
					"source":      `"users"`,
				})),
				Check: func(*terraform.State) error {
					// The first delete is applied but its answer never
					// arrives; the retry then finds nothing to delete.
					env.emulator.Inject(emulator.Fault{Route: emulator.RouteDelete, Kind: emulator.FaultLoseResponse, Times: 1})
					return nil
				},
			},
		},
	})

	if lost := env.emulator.FaultsInjected()[emulator.FaultLoseResponse]; lost != 1 {
		t.Errorf("expected the lost delete response to be injected once, got %d", lost)
	}
}
