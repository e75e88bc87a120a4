package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// listedWebhooks checks the webhooks attribute of unipile_webhooks: sorted
// by id, holding every wanted id and no unwanted one, each element passing
// match, and, when only is set, nothing but the wanted ids. Without only, a
// real tenant's other webhooks may appear too.
type listedWebhooks struct {
	want   []string
	absent []string
	only   bool
	match  func(webhook map[string]any) error
}

var _ knownvalue.Check = listedWebhooks{}

func (c listedWebhooks) CheckValue(value any) error {
	elements, ok := value.([]any)
	if !ok {
		return fmt.Errorf("expected a list of webhooks, got %T", value)
	}

	ids := make([]string, 0, len(elements))
	for _, element := range elements {
		webhook, ok := element.(map[string]any)
		if !ok {
			return fmt.Errorf("expected a webhook object, got %T", element)
		}

		id, _ := webhook["id"].(string)
		if c.match != nil {
			if err := c.match(webhook); err != nil {
				return fmt.Errorf("webhook %s should have been filtered out: %w", id, err)
			}
		}
		ids = append(ids, id)
	}

	for index := 1; index < len(ids); index++ {
		if ids[index-1] >= ids[index] {
			return fmt.Errorf("webhooks are not sorted by id: %s comes before %s", ids[index-1], ids[index])
		}
	}
	for _, id := range c.want {
		if !slices.Contains(ids, id) {
			return fmt.Errorf("webhook %s is missing from the %d listed", id, len(ids))
		}
	}
	for _, id := range c.absent {
		if slices.Contains(ids, id) {
			return fmt.Errorf("webhook %s is listed but should not be", id)
		}
	}
	if c.only && len(ids) != len(c.want) {
		return fmt.Errorf("listed %d webhooks, want only the %d expected", len(ids), len(c.want))
	}

	return nil
}

func (c listedWebhooks) String() string {
	return fmt.Sprintf("webhooks sorted by id, including %d expected ones", len(c.want))
}

// attributeIs returns a match that wants attribute to hold want.
func attributeIs(attribute string, want any) func(map[string]any) error {
	return func(webhook map[string]any) error {
		if got := webhook[attribute]; got != want {
			return fmt.Errorf("%s is %v, want %v", attribute, got, want)
		}

		return nil
	}
}

func TestAccWebhooksDataSource_filters(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	suffix := uniqueSuffix()
	baseURL := "https://hooks.example.com/unipile/ds-filter/" + suffix
	first, second := "ds-filter-first-"+suffix, "ds-filter-second-"+suffix
	enabled, disabled := true, false
	secret := "filter-secret-" + suffix

	create := func(source, name, url string, on *bool, headers []unipile.Header) string {
		return createUnmanagedWebhook(t, env, unipile.CreateWebhookRequest{
			RequestURL: url, Source: source, Name: name, Enabled: on, Headers: headers,
		})
	}
	messaging := create(unipile.SourceMessaging, first, baseURL+"/shared", &enabled, []unipile.Header{{Key: "Unipile-Auth", Value: secret}})
	email := create(unipile.SourceEmail, first, baseURL+"/email", &disabled, nil)
	status := create(unipile.SourceAccountStatus, second, baseURL+"/status", &disabled, nil)
	users := create(unipile.SourceUsers, second, baseURL+"/shared", &enabled, nil)

	sorted := func(ids ...string) []string { return slices.Sorted(slices.Values(ids)) }

	// Filters that only this run's webhooks can pass are checked exactly
	// everywhere; the others exactly on the emulator, which holds nothing
	// else, and by membership on a real tenant.
	filters := map[string]struct {
		arguments string
		check     listedWebhooks
	}{
		"all": {
			check: listedWebhooks{want: sorted(messaging, email, status, users), only: env.onEmulator()},
		},
		"by_source": {
			arguments: `source = "email"`,
			check:     listedWebhooks{want: []string{email}, only: env.onEmulator(), match: attributeIs("source", "email")},
		},
		"by_source_not_inferable": {
			arguments: `source = "account_status"`,
			check:     listedWebhooks{absent: []string{status}, only: env.onEmulator(), match: attributeIs("source", "account_status")},
		},
		"by_name": {
			arguments: fmt.Sprintf("name = %q", first),
			check:     listedWebhooks{want: sorted(messaging, email), only: true, match: attributeIs("name", first)},
		},
		"by_request_url": {
			arguments: fmt.Sprintf("request_url = %q", baseURL+"/shared"),
			check:     listedWebhooks{want: sorted(messaging, users), only: true, match: attributeIs("request_url", baseURL+"/shared")},
		},
		"by_enabled": {
			arguments: "enabled = false",
			check:     listedWebhooks{want: sorted(email, status), only: env.onEmulator(), match: attributeIs("enabled", false)},
		},
		"every_filter_at_once": {
			arguments: fmt.Sprintf("name = %q\n  request_url = %q\n  enabled = true\n  source = \"users\"", second, baseURL+"/shared"),
			check:     listedWebhooks{want: []string{users}, only: true},
		},
		"no_match": {
			arguments: fmt.Sprintf("name = %q", "nobody-"+suffix),
			check:     listedWebhooks{only: true},
		},
	}

	var body strings.Builder
	var checks []statecheck.StateCheck
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		fmt.Fprintf(&body, "data \"unipile_webhooks\" %q {\n  %s\n}\n\n", name, filters[name].arguments)
		checks = append(checks, statecheck.ExpectKnownValue("data.unipile_webhooks."+name, tfjsonpath.New("webhooks"), filters[name].check))
	}

	// Each element reads exactly as the unipile_webhook data source does.
	fmt.Fprintf(&body, "data \"unipile_webhook\" \"messaging\" {\n  id = %q\n}\n", messaging)
	index := slices.Index(sorted(messaging, users), messaging)
	element := tfjsonpath.New("webhooks").AtSliceIndex(index)
	for _, attribute := range []string{"id", "request_url", "source", "name", "format", "enabled", "account_ids", "accounts", "events", "data", "headers", "type"} {
		checks = append(checks, statecheck.CompareValuePairs(
			"data.unipile_webhooks.by_request_url", element.AtMapKey(attribute),
			"data.unipile_webhook.messaging", tfjsonpath.New(attribute), compare.ValuesSame()))
	}
	checks = append(checks,
		statecheck.ExpectKnownValue("data.unipile_webhooks.by_request_url", element.AtMapKey("headers"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{"key": knownvalue.StringExact("Unipile-Auth"), "value": knownvalue.StringExact(secret)}),
		})),
		statecheck.ExpectSensitiveValue("data.unipile_webhooks.by_request_url", element.AtMapKey("headers").AtSliceIndex(0).AtMapKey("value")),
	)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(body.String()), ConfigStateChecks: checks},
		},
	})
}

func TestAccWebhooksDataSource_everyPage(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("making more webhooks than a list page holds needs the emulator's seeding")
	}

	// Unipile serves at most 250 webhooks a page, so these span three pages.
	const seeded = 600
	ids := make([]string, 0, seeded)
	for number := range seeded {
		ids = append(ids, env.emulator.Seed(emulator.Webhook{
			Source:     unipile.SourceMessaging,
			Name:       fmt.Sprintf("page-%03d", number),
			RequestURL: fmt.Sprintf("https://hooks.example.com/unipile/page/%03d", number),
			Format:     unipile.FormatJSON,
			Enabled:    number%2 == 0,
			AccountIDs: []string{"acc_b", "acc_a"},
			Events:     []string{"message_received", "message_read"},
		}))
	}
	last := ids[seeded-1]
	slices.Sort(ids)

	config := env.config(fmt.Sprintf(`
data "unipile_webhooks" "all" {}

data "unipile_webhooks" "last_by_name" {
  name = "page-%03d"
}

data "unipile_webhooks" "enabled" {
  enabled = true
}

data "unipile_webhook" "last" {
  id = %q
}
`, seeded-1, last))

	// The emulator shuffles every array of every answer; the list must
	// still read the same the second time.
	sameList := statecheck.CompareValue(compare.ValuesSame())

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.unipile_webhooks.all", tfjsonpath.New("webhooks"), listedWebhooks{want: ids, only: true}),
					statecheck.ExpectKnownValue("data.unipile_webhooks.enabled", tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(seeded/2)),
					statecheck.ExpectKnownValue("data.unipile_webhooks.last_by_name", tfjsonpath.New("webhooks"), listedWebhooks{want: []string{last}, only: true}),
					statecheck.ExpectKnownValue("data.unipile_webhook.last", tfjsonpath.New("name"), knownvalue.StringExact(fmt.Sprintf("page-%03d", seeded-1))),
					statecheck.ExpectKnownValue("data.unipile_webhook.last", tfjsonpath.New("source"), knownvalue.StringExact("messaging")),
					sameList.AddStateValue("data.unipile_webhooks.all", tfjsonpath.New("webhooks")),
				},
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					sameList.AddStateValue("data.unipile_webhooks.all", tfjsonpath.New("webhooks")),
				},
			},
		},
	})
}
