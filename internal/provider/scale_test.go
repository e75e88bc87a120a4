package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// scaleCount is enough webhooks for two list pages, and for the cost of a
// walk per read to show: without shared walks, a plan would make 600 list
// requests.
const scaleCount = 300

var scaleConfig = fmt.Sprintf(`resource "unipile_webhook" "scale" {
  count       = %d
  request_url = "https://hooks.example.com/scale/${count.index}"
  source      = "messaging"
}
`, scaleCount)

// requestBudget bounds the requests one step may make.
type requestBudget struct {
	creates, deletes int
	maxLists         int
	maxTotal         int // 0: no bound beyond the others
}

// TestAccWebhookResource_scaleSharesListWalks checks that the reads of one
// Terraform operation share list walks: applying, planning and destroying
// 300 webhooks each walk the list only a few times. Counts, not times, are
// asserted; the benchmark under bench/ measures times.
func TestAccWebhookResource_scaleSharesListWalks(t *testing.T) {
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("request counts can only be checked on the emulator")
	}

	config := env.config(scaleConfig)
	reset := env.emulator.ResetCounts

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				// Each create is read back; the read-backs of a batch of
				// creates share one walk.
				PreConfig: reset,
				Config:    config,
				Check: func(*terraform.State) error {
					return env.checkBudget("apply", requestBudget{creates: scaleCount, maxLists: 60, maxTotal: 360})
				},
			},
			{
				// The plan's refresh reads all 300 from one walk of two pages.
				PreConfig: reset,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						budgetCheck{env: env, step: "no-change plan", budget: requestBudget{maxLists: 3}},
					},
				},
			},
			{
				// Destroy refreshes from one walk, then deletes without listing.
				PreConfig: reset,
				Config:    config,
				Destroy:   true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{
						budgetCheck{env: env, step: "destroy", budget: requestBudget{deletes: scaleCount, maxLists: 3}},
					},
				},
			},
		},
	})
}

// checkBudget compares the emulator's counters with a budget.
func (e *testEnv) checkBudget(step string, budget requestBudget) error {
	creates, deletes := e.count(emulator.RouteCreate), e.count(emulator.RouteDelete)
	lists, total := e.count(emulator.RouteList), e.totalRequests()

	switch {
	case creates != budget.creates || deletes != budget.deletes:
		return fmt.Errorf("%s made %d creates and %d deletes, want %d and %d",
			step, creates, deletes, budget.creates, budget.deletes)
	case lists > budget.maxLists:
		return fmt.Errorf("%s made %d list requests, want at most %d", step, lists, budget.maxLists)
	case budget.maxTotal > 0 && total > budget.maxTotal:
		return fmt.Errorf("%s made %d requests in all, want at most %d", step, total, budget.maxTotal)
	default:
		return nil
	}
}

// budgetCheck runs checkBudget as a plan check, for steps whose requests
// end with a plan rather than an apply.
type budgetCheck struct {
	env    *testEnv
	step   string
	budget requestBudget
}

func (c budgetCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.env.checkBudget(c.step, c.budget)
}
