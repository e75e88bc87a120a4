package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// testAPIKey is the key every test emulator accepts.
const testAPIKey = "test-key-5f1c0e9a"

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"unipile": providerserver.NewProtocol6WithError(New("test")()),
}

// testEnv is where one acceptance test runs: a fresh in-process emulator,
// or the real tenant named by UNIPILE_DSN and UNIPILE_API_KEY when both are
// set. Emulator-only checks (request counts) are made only on the emulator.
type testEnv struct {
	emulator *emulator.Instance
	client   *unipile.Client
	dsn      string
	apiKey   string
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()

	env := &testEnv{dsn: os.Getenv(envDSN), apiKey: os.Getenv(envAPIKey)}
	if env.dsn == "" || env.apiKey == "" {
		instance, err := emulator.Start(emulator.Options{APIKey: testAPIKey})
		if err != nil {
			t.Fatalf("starting the emulator: %v", err)
		}
		t.Cleanup(instance.Close)

		env.emulator = instance
		env.dsn, env.apiKey = instance.URL, testAPIKey
	}

	// The test client lives through many Terraform operations, so it must
	// not keep a snapshot of the list from one of them to the next.
	client, err := unipile.New(unipile.Config{
		DSN: env.dsn, APIKey: env.apiKey, UserAgent: "provider-tests", DisableListSharing: true,
	})
	if err != nil {
		t.Fatalf("creating the test client: %v", err)
	}
	env.client = client

	return env
}

// onEmulator tells whether request counts and server internals can be checked.
func (e *testEnv) onEmulator() bool {
	return e.emulator != nil
}

// config prefixes a configuration with the provider block for this env,
// which can carry further provider arguments such as max_retries.
func (e *testEnv) config(body string, providerArguments ...string) string {
	var extra strings.Builder
	for _, argument := range providerArguments {
		extra.WriteString("  " + argument + "\n")
	}

	return fmt.Sprintf("provider \"unipile\" {\n  dsn     = %q\n  api_key = %q\n%s}\n\n%s", e.dsn, e.apiKey, extra.String(), body)
}

// removeOutOfBand deletes a webhook behind Terraform's back, as a colleague
// using the dashboard would.
func (e *testEnv) removeOutOfBand(t *testing.T, id string) {
	t.Helper()

	if err := e.client.Delete(context.Background(), id); err != nil {
		t.Fatalf("deleting webhook %s out of band: %v", id, err)
	}
}

// count returns the requests the emulator served on a route, or zero on a
// real tenant, where they cannot be counted.
func (e *testEnv) count(route emulator.Route) int {
	if !e.onEmulator() {
		return 0
	}

	return e.emulator.Count(route)
}

// totalRequests counts every request the emulator served.
func (e *testEnv) totalRequests() int {
	total := 0
	for _, route := range []emulator.Route{emulator.RouteList, emulator.RouteCreate, emulator.RouteDelete, emulator.RouteOther} {
		total += e.count(route)
	}

	return total
}

// checkNoWebhooks is a CheckDestroy that finds no webhook left behind.
func (e *testEnv) checkNoWebhooks(_ *terraform.State) error {
	webhooks, err := e.client.List(context.Background())
	if err != nil {
		return fmt.Errorf("listing webhooks after destroy: %w", err)
	}
	if e.onEmulator() && len(webhooks) != 0 {
		return fmt.Errorf("%d webhooks are left after destroy", len(webhooks))
	}

	return nil
}

// expectWebhookCount asserts how many webhooks the emulator holds.
func (e *testEnv) expectWebhookCount(t *testing.T, want int) {
	t.Helper()

	if !e.onEmulator() {
		return
	}
	if got := len(e.emulator.Webhooks()); got != want {
		t.Errorf("the emulator holds %d webhooks, want %d", got, want)
	}
}

// expectNoDuplicates asserts that no two stored webhooks are identical,
// which would double every delivery.
func (e *testEnv) expectNoDuplicates(t *testing.T) {
	t.Helper()

	if !e.onEmulator() {
		return
	}

	seen := map[string]string{}
	for _, webhook := range e.emulator.Webhooks() {
		webhook.ID = ""
		key := fmt.Sprintf("%+v", webhook)
		if first, dup := seen[key]; dup {
			t.Errorf("duplicate webhooks: %s and another with the same arguments", first)
		}
		seen[key] = webhook.ID
	}
}
