package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// createUnmanagedWebhook makes a webhook straight through the API, as the
// dashboard or another tool would, and deletes it when the test ends.
func createUnmanagedWebhook(t *testing.T, env *testEnv, body unipile.CreateWebhookRequest) string {
	t.Helper()

	id, err := env.client.Create(context.Background(), body)
	if err != nil {
		t.Fatalf("creating webhook %q out of band: %v", body.Name, err)
	}

	t.Cleanup(func() {
		err := env.client.Delete(context.Background(), id)
		if err != nil && !errors.Is(err, unipile.ErrNotFound) {
			t.Errorf("deleting webhook %s after the test: %v", id, err)
		}
	})

	return id
}

// uniqueSuffix keeps the names and URLs of one test run apart from every
// other webhook, which matters on a real tenant shared with other runs.
func uniqueSuffix() string {
	return acctest.RandStringFromCharSet(10, acctest.CharSetAlphaNum)
}

// wrappedText matches text in a Terraform error, which wraps long lines at
// any space.
func wrappedText(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for index, word := range words {
		words[index] = regexp.QuoteMeta(word)
	}

	return regexp.MustCompile(strings.Join(words, `\s+`))
}

func TestAccWebhookDataSource_lookupByIDAndName(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	suffix := uniqueSuffix()
	name := "ds-lookup-" + suffix
	url := "https://hooks.example.com/unipile/ds-lookup/" + suffix
	secret := "ds-secret-" + suffix
	disabled := false

	id := createUnmanagedWebhook(t, env, unipile.CreateWebhookRequest{
		RequestURL: url,
		Source:     unipile.SourceMessaging,
		Name:       name,
		Format:     unipile.FormatForm,
		Enabled:    &disabled,
		AccountIDs: []string{"acc_zeta", "acc_alpha"},
		Headers:    []unipile.Header{{Key: "Unipile-Auth", Value: secret}, {Key: "Content-Type", Value: "application/json"}},
		Events:     []string{"message_read", "message_received"},
		Data:       []unipile.DataField{{Key: "chat_id", Name: "chatId"}, {Key: "message"}},
	})

	config := env.config(fmt.Sprintf(`
data "unipile_webhook" "by_id" {
  id = %q
}

data "unipile_webhook" "by_name" {
  name = %q
}
`, id, name))

	// Unipile returns arrays in any order (the emulator shuffles them on
	// every answer), so a second read must still give the same lists.
	sameAccounts := statecheck.CompareValue(compare.ValuesSame())
	sameHeaders := statecheck.CompareValue(compare.ValuesSame())

	var checks []statecheck.StateCheck
	for _, address := range []string{"data.unipile_webhook.by_id", "data.unipile_webhook.by_name"} {
		accounts := knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("acc_alpha")}),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("acc_zeta")}),
		})
		if env.onEmulator() {
			accounts = knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact("acc_alpha"), "name": knownvalue.StringExact("Account acc_alpha"), "type": knownvalue.StringExact("LINKEDIN"),
				}),
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact("acc_zeta"), "name": knownvalue.StringExact("Account acc_zeta"), "type": knownvalue.StringExact("LINKEDIN"),
				}),
			})
		}

		checks = append(checks,
			statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("request_url"), knownvalue.StringExact(url)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("source"), knownvalue.StringExact("messaging")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("format"), knownvalue.StringExact("form")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("type"), knownvalue.StringExact("AUTO")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("account_ids"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("acc_alpha"), knownvalue.StringExact("acc_zeta"),
			})),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("accounts"), accounts),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("events"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("message_read"), knownvalue.StringExact("message_received"),
			})),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("data"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("chat_id"), "name": knownvalue.StringExact("chatId")}),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("message"), "name": knownvalue.Null()}),
			})),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("headers"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("Content-Type"), "value": knownvalue.StringExact("application/json")}),
				knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("Unipile-Auth"), "value": knownvalue.StringExact(secret)}),
			})),
			statecheck.ExpectSensitiveValue(address, tfjsonpath.New("headers").AtSliceIndex(1).AtMapKey("value")),
		)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: append(checks,
					sameAccounts.AddStateValue("data.unipile_webhook.by_id", tfjsonpath.New("accounts")),
					sameHeaders.AddStateValue("data.unipile_webhook.by_id", tfjsonpath.New("headers")),
				),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					sameAccounts.AddStateValue("data.unipile_webhook.by_id", tfjsonpath.New("accounts")),
					sameHeaders.AddStateValue("data.unipile_webhook.by_id", tfjsonpath.New("headers")),
				},
			},
		},
	})
}

func TestAccWebhookDataSource_withoutSource(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	suffix := uniqueSuffix()
	statusID := createUnmanagedWebhook(t, env, unipile.CreateWebhookRequest{
		RequestURL: "https://hooks.example.com/unipile/ds-status/" + suffix,
		Source:     unipile.SourceAccountStatus,
	})

	body := fmt.Sprintf("data \"unipile_webhook\" \"status\" {\n  id = %q\n}\n", statusID)
	checks := []statecheck.StateCheck{
		// account_status webhooks have no events or data keys, so nothing
		// tells their source.
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("source"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("name"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("type"), knownvalue.StringExact("AUTO")),
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("account_ids"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("accounts"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.unipile_webhook.status", tfjsonpath.New("headers"), knownvalue.Null()),
	}

	// A webhook made by a dashboard button can only be seeded.
	if env.onEmulator() {
		triggerID := env.emulator.Seed(emulator.Webhook{
			Source:     unipile.SourceAccountStatus,
			Name:       "dashboard-button-" + suffix,
			RequestURL: "https://hooks.example.com/unipile/ds-trigger/" + suffix,
			Format:     unipile.FormatJSON,
			Enabled:    true,
			Type:       emulator.TypeTrigger,
			Trigger:    map[string]string{"label": "Notify CRM"},
		})
		body += fmt.Sprintf("\ndata \"unipile_webhook\" \"trigger\" {\n  id = %q\n}\n", triggerID)
		checks = append(checks,
			statecheck.ExpectKnownValue("data.unipile_webhook.trigger", tfjsonpath.New("type"), knownvalue.StringExact("TRIGGER")),
			statecheck.ExpectKnownValue("data.unipile_webhook.trigger", tfjsonpath.New("source"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.unipile_webhook.trigger", tfjsonpath.New("name"), knownvalue.StringExact("dashboard-button-"+suffix)),
		)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(body), ConfigStateChecks: checks},
		},
	})
}

func TestAccWebhookDataSource_lookupErrors(t *testing.T) {
	t.Parallel()

	testCases := map[string]struct {
		// setup returns the data source's arguments and the error expected.
		setup func(t *testing.T, env *testEnv, suffix string) (arguments string, want *regexp.Regexp)
	}{
		"unknown id": {
			setup: func(_ *testing.T, _ *testEnv, suffix string) (string, *regexp.Regexp) {
				return fmt.Sprintf("id = %q", "no-such-webhook-"+suffix),
					wrappedText(`Unipile Webhook Not Found`)
			},
		},
		"unknown name": {
			setup: func(_ *testing.T, _ *testEnv, suffix string) (string, *regexp.Regexp) {
				return fmt.Sprintf("name = %q", "nobody-"+suffix),
					regexp.MustCompile(`0\s+of\s+the\s+\d+\s+webhooks\s+in\s+Unipile's\s+webhook\s+list\s+are\s+named`)
			},
		},
		"name shared by two webhooks": {
			setup: func(t *testing.T, env *testEnv, suffix string) (string, *regexp.Regexp) {
				name := "ds-shared-" + suffix
				var ids []string
				for _, source := range []string{unipile.SourceEmail, unipile.SourceUsers} {
					ids = append(ids, createUnmanagedWebhook(t, env, unipile.CreateWebhookRequest{
						RequestURL: "https://hooks.example.com/unipile/ds-shared/" + suffix + "/" + source,
						Source:     source,
						Name:       name,
					}))
				}
				slices.Sort(ids)

				return fmt.Sprintf("name = %q", name),
					wrappedText(fmt.Sprintf(`2 webhooks are named %q, so the name does not tell which one to read: %s. Look the webhook up by id instead`,
						name, strings.Join(ids, ", ")))
			},
		},
		"neither id nor name": {
			setup: func(_ *testing.T, _ *testEnv, _ string) (string, *regexp.Regexp) {
				return "", wrappedText("Exactly one of these attributes must be configured: [id,name]")
			},
		},
		"both id and name": {
			setup: func(_ *testing.T, _ *testEnv, suffix string) (string, *regexp.Regexp) {
				return fmt.Sprintf("id = %q\n  name = %q", "some-id-"+suffix, "some-name-"+suffix),
					wrappedText("Invalid Attribute Combination")
			},
		},
	}

	for name, testCase := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			arguments, want := testCase.setup(t, env, uniqueSuffix())

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.config("data \"unipile_webhook\" \"lookup\" {\n  " + arguments + "\n}\n"),
						ExpectError: want,
					},
				},
			})
		})
	}
}

func TestAccWebhookDataSource_readsWebhookCreatedInSameConfiguration(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	arguments := fullArguments(unipile.SourceEmail)
	arguments["name"] = fmt.Sprintf("%q", "ds-created-"+uniqueSuffix())

	const byID, byName = "data.unipile_webhook.by_id", "data.unipile_webhook.by_name"
	config := env.config(webhookConfig(arguments) + `
data "unipile_webhook" "by_id" {
  id = unipile_webhook.test.id
}

data "unipile_webhook" "by_name" {
  name = unipile_webhook.test.name

  depends_on = [unipile_webhook.test]
}
`)

	var checks []statecheck.StateCheck
	for _, attribute := range []string{"id", "request_url", "source", "name", "format", "enabled", "account_ids", "events", "data", "headers"} {
		for _, address := range []string{byID, byName} {
			checks = append(checks, statecheck.CompareValuePairs(
				webhookAddress, tfjsonpath.New(attribute), address, tfjsonpath.New(attribute), compare.ValuesSame()))
		}
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("type"), knownvalue.StringExact("AUTO")),
		statecheck.ExpectSensitiveValue(byID, tfjsonpath.New("headers").AtSliceIndex(1).AtMapKey("value")),
		statecheck.ExpectSensitiveValue(byName, tfjsonpath.New("headers").AtSliceIndex(1).AtMapKey("value")),
	)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
		},
	})
}
