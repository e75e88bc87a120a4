package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// fleetSize is how many webhooks the fault test manages at once.
const fleetSize = 50

// An apply and a destroy of fifty webhooks while about a fifth of all
// requests fail: rate limits with Retry-After, unavailable servers, dropped
// connections, and requests Unipile carried out but whose answer was lost.
// Every webhook must exist exactly once, be tracked in the state, and be
// gone after the destroy.
func TestAccWebhookResource_survivesFaults(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("injecting faults needs the emulator")
	}

	config := env.config(fmt.Sprintf(`
resource "unipile_webhook" "fleet" {
  count       = %d
  name        = "fleet-${count.index}"
  request_url = "https://hooks.example.com/unipile/fleet/${count.index}"
  source      = "messaging"
  headers     = [{ key = "Unipile-Auth", value = "fleet-secret-${count.index}" }]
}
`, fleetSize), "max_retries = 10")

	injectFaults := func() {
		// Each rule draws in turn, so the chance that a request fails is
		// 1 - 0.95^4, about 19 %.
		for _, fault := range []emulator.Fault{
			{Kind: emulator.FaultStatus, Status: 429, RetryAfter: "1", Probability: 0.05},
			{Kind: emulator.FaultStatus, Status: 503, Probability: 0.05},
			{Kind: emulator.FaultDrop, Probability: 0.05},
			{Kind: emulator.FaultLoseResponse, Probability: 0.05},
		} {
			env.emulator.Inject(fault)
		}
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(state *terraform.State) error {
			env.emulator.ClearFaults()
			return env.checkNoWebhooks(state)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: injectFaults,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(state *terraform.State) error {
					return env.expectStateMatchesServer(state, fleetSize)
				},
			},
		},
	})

	injected := env.emulator.FaultsInjected()
	total := 0
	for _, count := range injected {
		total += count
	}
	t.Logf("survived %d injected faults over %d requests: %d error statuses, %d dropped connections, %d lost responses",
		total, env.totalRequests(), injected[emulator.FaultStatus], injected[emulator.FaultDrop], injected[emulator.FaultLoseResponse])

	if injected[emulator.FaultLoseResponse] == 0 || injected[emulator.FaultDrop] == 0 || injected[emulator.FaultStatus] == 0 {
		t.Errorf("every kind of fault should have been injected at least once: %v", injected)
	}
}

// A create whose answer is lost beside a webhook identical to it, which
// another resource holds: the provider must adopt the webhook the lost
// create made, not the one the state already tracks, though the apply's
// provider process never reads that resource.
func TestAccWebhookResource_lostCreateBesideAnIdenticalWebhook(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("losing a create's answer needs the emulator")
	}

	twin := func(name string) string {
		return fmt.Sprintf(`
resource "unipile_webhook" %q {
  request_url = "https://hooks.example.com/unipile/twins"
  source      = "messaging"
}
`, name)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(twin("first")),
			},
			{
				PreConfig: func() {
					env.emulator.Inject(emulator.Fault{Route: emulator.RouteCreate, Kind: emulator.FaultLoseResponse, Times: 1})
				},
				Config: env.config(twin("first") + twin("second")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(state *terraform.State) error {
					if lost := env.emulator.FaultsInjected()[emulator.FaultLoseResponse]; lost != 1 {
						return fmt.Errorf("%d create answers were lost, want 1", lost)
					}

					return env.expectStateMatchesServer(state, 2)
				},
			},
		},
	})
}

// expectStateMatchesServer checks that the server holds exactly the
// webhooks the state tracks, each once.
func (e *testEnv) expectStateMatchesServer(state *terraform.State, want int) error {
	var tracked []string
	for _, resourceState := range state.RootModule().Resources {
		if resourceState.Type == "unipile_webhook" {
			tracked = append(tracked, resourceState.Primary.ID)
		}
	}

	var stored []string
	for _, webhook := range e.emulator.Webhooks() {
		stored = append(stored, webhook.ID)
	}

	slices.Sort(tracked)
	slices.Sort(stored)
	switch {
	case len(tracked) != want:
		return fmt.Errorf("the state tracks %d webhooks, want %d", len(tracked), want)
	case !slices.Equal(tracked, stored):
		return fmt.Errorf("the server holds %d webhooks and the state tracks %d; they differ (a duplicate or a lost webhook)", len(stored), len(tracked))
	}

	return nil
}
