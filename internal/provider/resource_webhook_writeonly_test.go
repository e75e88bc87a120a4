package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// Write-only attributes need Terraform 1.11; older CLIs reject headers_wo.
var writeOnlyVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// writeOnlyArguments renders a webhook with one plain header and one
// write-only header; version "" leaves headers_wo_version out, and secret ""
// leaves headers_wo out.
func writeOnlyArguments(secret, version string) map[string]string {
	arguments := map[string]string{
		"request_url": `"https://hooks.example.com/unipile/write-only"`,
		"source":      `"messaging"`,
		"headers":     `[{ key = "Content-Type", value = "application/json" }]`,
	}
	if secret != "" {
		arguments["headers_wo"] = fmt.Sprintf(`[{ key = "Unipile-Auth", value = %q }]`, secret)
	}
	if version != "" {
		arguments["headers_wo_version"] = version
	}

	return arguments
}

func TestAccWebhookResource_writeOnlyHeaders(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	const firstSecret, secondSecret = "wo-secret-7c1d4e", "wo-secret-93ab0f"
	idChanges := statecheck.CompareValue(compare.ValuesDiffer())
	var firstID string

	// Every step's state holds the plain header, value included, and never
	// the write-only one.
	stateChecks := func(secret string, extra ...statecheck.StateCheck) []statecheck.StateCheck {
		return append([]statecheck.StateCheck{
			statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers_wo"), knownvalue.Null()),
			statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"key":   knownvalue.StringExact("Content-Type"),
					"value": knownvalue.StringExact("application/json"),
				}),
			})),
			stateNeverShows{secret: secret, shown: "application/json"},
			idChanges.AddStateValue(webhookAddress, tfjsonpath.New("id")),
		}, extra...)
	}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   writeOnlyVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(webhookConfig(writeOnlyArguments(firstSecret, "1"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionCreate),
						planNeverShows{secret: firstSecret},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: stateChecks(firstSecret,
					statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers_wo_version"), knownvalue.Int64Exact(1))),
				Check: func(state *terraform.State) error {
					firstID = state.RootModule().Resources[webhookAddress].Primary.ID
					return env.expectHeaders(firstID, map[string]string{"Content-Type": "application/json", "Unipile-Auth": firstSecret})
				},
			},
			{
				// A new write-only value alone is invisible to Terraform.
				Config: env.config(webhookConfig(writeOnlyArguments(secondSecret, "1"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), planNeverShows{secret: secondSecret}},
				},
				Check: func(state *terraform.State) error {
					if id := state.RootModule().Resources[webhookAddress].Primary.ID; id != firstID {
						return fmt.Errorf("the webhook changed from %s to %s without a version bump", firstID, id)
					}
					return env.expectHeaders(firstID, map[string]string{"Content-Type": "application/json", "Unipile-Auth": firstSecret})
				},
			},
			{
				Config: env.config(webhookConfig(writeOnlyArguments(secondSecret, "2"))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionReplace),
						planNeverShows{secret: secondSecret},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: stateChecks(secondSecret,
					statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers_wo_version"), knownvalue.Int64Exact(2))),
				Check: func(state *terraform.State) error {
					id := state.RootModule().Resources[webhookAddress].Primary.ID
					return env.expectHeaders(id, map[string]string{"Content-Type": "application/json", "Unipile-Auth": secondSecret})
				},
			},
			{
				// Dropping the write-only headers and their version replaces
				// the webhook with one that has only the plain header.
				Config: env.config(webhookConfig(writeOnlyArguments("", ""))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddress, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: stateChecks(secondSecret,
					statecheck.ExpectKnownValue(webhookAddress, tfjsonpath.New("headers_wo_version"), knownvalue.Null())),
				Check: func(state *terraform.State) error {
					id := state.RootModule().Resources[webhookAddress].Primary.ID
					return env.expectHeaders(id, map[string]string{"Content-Type": "application/json"})
				},
			},
		},
	})

	env.expectWebhookCount(t, 0)
}

// A header name may appear once across headers and headers_wo; mistakes
// fail at plan time and cost no request.
func TestAccWebhookResource_writeOnlyHeadersInvalid(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		headers   string
		headersWO string
		wantError *regexp.Regexp
	}{
		"name in both lists": {
			headers:   `[{ key = "Content-Type", value = "application/json" }, { key = "X-Auth", value = "plain" }]`,
			headersWO: `[{ key = "x-auth", value = "hidden" }]`,
			wantError: regexp.MustCompile(`(?s)headers_wo\[0\] repeats the name "x-auth" of headers\[1\]`),
		},
		"name twice in headers_wo": {
			headersWO: `[{ key = "X-Auth", value = "a" }, { key = "X-AUTH", value = "b" }]`,
			wantError: regexp.MustCompile(`(?s)headers_wo\[1\] repeats the name "X-AUTH" of headers_wo\[0\]`),
		},
		"empty name in headers_wo": {
			headersWO: `[{ key = "", value = "a" }]`,
			wantError: regexp.MustCompile(`(?s)headers_wo\[0\].key string length must be at least 1`),
		},
		"empty headers_wo": {
			headersWO: `[]`,
			wantError: regexp.MustCompile(`(?s)headers_wo list must contain at least 1 elements`),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			arguments := map[string]string{
				"request_url": `"https://example.com/h"`,
				"source":      `"users"`,
				"headers_wo":  test.headersWO,
			}
			if test.headers != "" {
				arguments["headers"] = test.headers
			}

			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   writeOnlyVersionChecks,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.config(webhookConfig(arguments)),
						PlanOnly:    true,
						ExpectError: test.wantError,
					},
				},
			})

			if requests := env.totalRequests(); requests != 0 {
				t.Errorf("invalid input sent %d requests to Unipile, want none", requests)
			}
		})
	}
}

// expectHeaders compares a webhook's stored headers with want, ignoring
// order and the case of names.
func (e *testEnv) expectHeaders(id string, want map[string]string) error {
	headers, err := e.storedHeaders(id)
	if err != nil {
		return err
	}

	got := map[string]string{}
	for _, header := range headers {
		got[strings.ToLower(header.Key)] = header.Value
	}

	for key, value := range want {
		if got[strings.ToLower(key)] != value {
			return fmt.Errorf("webhook %s has header %s = %q, want %q (all headers: %s)",
				id, key, got[strings.ToLower(key)], value, headerNames(headers))
		}
	}
	if len(got) != len(want) {
		return fmt.Errorf("webhook %s has headers %s, want %d", id, headerNames(headers), len(want))
	}

	return nil
}

// storedHeaders reads a webhook's headers from the emulator's store, or on a
// real tenant through a client of its own, whose reads no earlier call of
// the test can have cached.
func (e *testEnv) storedHeaders(id string) ([]unipile.Header, error) {
	if e.onEmulator() {
		for _, webhook := range e.emulator.Webhooks() {
			if webhook.ID == id {
				headers := make([]unipile.Header, 0, len(webhook.Headers))
				for _, header := range webhook.Headers {
					headers = append(headers, unipile.Header{Key: header.Key, Value: header.Value})
				}
				return headers, nil
			}
		}
		return nil, fmt.Errorf("the emulator holds no webhook %s", id)
	}

	client, err := unipile.New(unipile.Config{DSN: e.dsn, APIKey: e.apiKey, UserAgent: "provider-tests"})
	if err != nil {
		return nil, fmt.Errorf("creating a client: %w", err)
	}

	webhook, err := client.Get(context.Background(), id)
	if err != nil {
		return nil, fmt.Errorf("reading webhook %s from the API: %w", id, err)
	}

	return webhook.Headers, nil
}

func headerNames(headers []unipile.Header) string {
	names := make([]string, 0, len(headers))
	for _, header := range headers {
		names = append(names, header.Key)
	}
	slices.Sort(names)

	return strings.Join(names, ", ")
}

// stateNeverShows fails when secret appears anywhere in the state Terraform
// reports, sensitive values included. shown is a value that must appear, so
// the check proves it reads values and cannot pass by reading nothing.
type stateNeverShows struct {
	secret string
	shown  string
}

func (c stateNeverShows) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = neverShows("state", req.State, c.secret, c.shown)
}

// planNeverShows is stateNeverShows for a plan.
type planNeverShows struct {
	secret string
}

func (c planNeverShows) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	// The configuration a plan carries holds the literal as written; only
	// the values Terraform computed must lack it.
	values := *req.Plan
	values.Config = nil
	resp.Error = neverShows("plan", values, c.secret, "application/json")
}

func neverShows(what string, document any, secret, shown string) error {
	encoded, err := json.Marshal(document)
	if err != nil {
		return fmt.Errorf("encoding the %s: %w", what, err)
	}

	if strings.Contains(string(encoded), secret) {
		return fmt.Errorf("the %s contains the write-only value %q", what, secret)
	}
	if shown != "" && !strings.Contains(string(encoded), shown) {
		return fmt.Errorf("the %s lacks %q, so it cannot prove a value is absent", what, shown)
	}

	return nil
}

// Write-only values never reach the provider's logs, even at TRACE, where
// request bodies are logged. The test sets process-wide logging variables,
// so it cannot run in parallel; Go runs it before every parallel test.
func TestAccWebhookResource_writeOnlyHeadersMaskedInLogs(t *testing.T) {
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	env := newTestEnv(t)

	const secret = "wo-secret-logged-5d2e"

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   writeOnlyVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(webhookConfig(writeOnlyArguments(secret, "1"))),
			},
		},
	})

	files, err := filepath.Glob(filepath.Join(logDir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no log file was written in %s (err %v)", logDir, err)
	}

	var logs strings.Builder
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("reading %s: %v", file, err)
		}
		logs.WriteString(providerLogLines(string(content)))
	}

	// The create body is logged, so the secret had a chance to leak.
	if !strings.Contains(logs.String(), "Created Unipile webhook") || !strings.Contains(logs.String(), "Unipile-Auth") {
		t.Fatalf("the logs lack the create request, so they prove nothing:\n%.2000s", logs.String())
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the logs show the write-only value %q", secret)
	}
}

// providerLogLines keeps the log entries written by the provider and the
// framework, dropping the test harness's own (sdk.helper_resource), which
// echo the test's configuration, literals included. An entry's continuation
// lines are indented.
func providerLogLines(logs string) string {
	var kept strings.Builder
	harness := false

	for _, line := range strings.SplitAfter(logs, "\n") {
		if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
			harness = strings.Contains(line, "sdk.helper_resource:")
		}
		if !harness {
			kept.WriteString(line)
		}
	}

	return kept.String()
}
