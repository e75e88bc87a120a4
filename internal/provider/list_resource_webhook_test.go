package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// List resources and `terraform query` need Terraform 1.14.
var queryVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

const (
	queriedURL   = "https://hooks.example.com/unipile/listed"
	unqueriedURL = "https://hooks.example.com/unipile/other"
)

// queriedWebhooks are four webhooks, three of them delivering to queriedURL.
const queriedWebhooks = `
resource "unipile_webhook" "mail_a" {
  name        = "mail-a"
  request_url = "` + queriedURL + `"
  source      = "email"
  events      = ["mail_received"]
}

resource "unipile_webhook" "mail_b" {
  name        = "mail-b"
  request_url = "` + queriedURL + `"
  source      = "email"
  events      = ["mail_sent"]
}

resource "unipile_webhook" "status" {
  name        = "status"
  request_url = "` + queriedURL + `"
  source      = "account_status"
}

resource "unipile_webhook" "chat" {
  request_url = "` + unqueriedURL + `"
  source      = "messaging"
}
`

// queryListBlock renders a list block of unipile_webhook; arguments go in the
// block, filters in its config.
func queryListBlock(name, arguments, filters string) string {
	return fmt.Sprintf("list \"unipile_webhook\" %q {\n  provider = unipile\n%s\n  config {\n%s\n  }\n}\n", name, arguments, filters)
}

func TestAccWebhookListResource_filters(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	ids := map[string]*string{"mail_a": new(string), "chat": new(string)}
	byID := func(name string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": valueOnceKnown{value: ids[name]}})
	}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   queryVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(queriedWebhooks),
				Check: func(state *terraform.State) error {
					for name, id := range ids {
						*id = state.RootModule().Resources["unipile_webhook."+name].Primary.ID
					}
					return nil
				},
			},
			{
				// The step before left its configuration, provider block
				// included, beside the query file.
				Query: true,
				Config: queryListBlock("by_url", "", `    request_url = "`+queriedURL+`"`) +
					queryListBlock("by_name", "", `    name = "mail-a"`) +
					queryListBlock("email", "", `    source = "email"`) +
					queryListBlock("messaging", "", `    source = "messaging"`) +
					queryListBlock("none", "", `    name = "mail-a"`+"\n"+`    source = "users"`) +
					queryListBlock("limited", "  limit = 2", `    request_url = "`+queriedURL+`"`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("unipile_webhook.by_url", 3),
					querycheck.ExpectLength("unipile_webhook.by_name", 1),
					querycheck.ExpectIdentity("unipile_webhook.by_name", map[string]knownvalue.Check{"id": valueOnceKnown{value: ids["mail_a"]}}),
					querycheck.ExpectResourceDisplayName("unipile_webhook.by_name", byID("mail_a"), knownvalue.StringExact("mail-a")),
					querycheck.ExpectLength("unipile_webhook.email", 2),
					querycheck.ExpectLength("unipile_webhook.messaging", 1),
					// A webhook without a name shows its id.
					querycheck.ExpectResourceDisplayName("unipile_webhook.messaging", byID("chat"), valueOnceKnown{value: ids["chat"]}),
					querycheck.ExpectLength("unipile_webhook.none", 0),
					querycheck.ExpectLength("unipile_webhook.limited", 2),
				},
			},
		},
	})
}

func TestAccWebhookListResource_includeResource(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   queryVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkNoWebhooks,
		Steps: []resource.TestStep{
			{
				Config: env.config(queriedWebhooks),
			},
			{
				Query: true,
				Config: queryListBlock("email", "  include_resource = true", `    source = "email"`) +
					// account_status webhooks list with no events or data;
					// the source filter supplies the source.
					queryListBlock("status", "  include_resource = true", `    source = "account_status"`+"\n"+`    request_url = "`+queriedURL+`"`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("unipile_webhook.email", 2),
					querycheck.ExpectResourceKnownValues("unipile_webhook.email", queryfilter.ByDisplayName(knownvalue.StringExact("mail-b")),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("mail-b")},
							{Path: tfjsonpath.New("source"), KnownValue: knownvalue.StringExact("email")},
							{Path: tfjsonpath.New("request_url"), KnownValue: knownvalue.StringExact(queriedURL)},
							{Path: tfjsonpath.New("format"), KnownValue: knownvalue.StringExact("json")},
							{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
							{Path: tfjsonpath.New("events"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("mail_sent")})},
							{Path: tfjsonpath.New("headers_wo"), KnownValue: knownvalue.Null()},
						}),
					querycheck.ExpectLength("unipile_webhook.status", 1),
					querycheck.ExpectResourceKnownValues("unipile_webhook.status", queryfilter.ByDisplayName(knownvalue.StringExact("status")),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("source"), KnownValue: knownvalue.StringExact("account_status")},
							{Path: tfjsonpath.New("events"), KnownValue: knownvalue.Null()},
						}),
				},
			},
		},
	})
}

// The provider stops walking Unipile's pages once the query's limit is
// reached, and walks on when the limit needs more than a page.
func TestAccWebhookListResource_limitStopsPaging(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("seeding hundreds of webhooks and counting requests needs the emulator")
	}

	const seeded = unipile.MaxPageSize + 20
	for i := range seeded {
		env.emulator.Seed(emulator.Webhook{
			Name:       fmt.Sprintf("seeded-%03d", i),
			RequestURL: queriedURL,
			Source:     "messaging",
			Events:     []string{"message_received"},
			Enabled:    true,
		})
	}

	listRequests := func(want int) func() error {
		return func() error {
			if got := env.count(emulator.RouteList); got != want {
				return fmt.Errorf("the query sent %d list requests, want %d", got, want)
			}
			return nil
		}
	}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   queryVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: env.emulator.ResetCounts,
				Query:     true,
				Config:    env.config(queryListBlock("first", "  limit = 3", "")),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("unipile_webhook.first", 3),
					afterQuery{check: listRequests(1)},
				},
			},
			{
				PreConfig: env.emulator.ResetCounts,
				Query:     true,
				Config:    env.config(queryListBlock("all", fmt.Sprintf("  limit = %d", seeded+5), "")),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("unipile_webhook.all", seeded),
					afterQuery{check: listRequests(2)},
				},
			},
		},
	})
}

// An API failure reaches the user as an error diagnostic of the query.
func TestAccWebhookListResource_apiError(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	if !env.onEmulator() {
		t.Skip("failing the list needs the emulator's fault injection")
	}

	env.emulator.Inject(emulator.Fault{Route: emulator.RouteList, Kind: emulator.FaultStatus, Status: 500, Times: 10})
	provider := fmt.Sprintf("provider \"unipile\" {\n  dsn         = %q\n  api_key     = %q\n  max_retries = 0\n}\n\n", env.dsn, env.apiKey)

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   queryVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Query:       true,
				Config:      provider + queryListBlock("failing", "", ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to List Unipile Webhooks.*HTTP status: 500`),
			},
		},
	})
}

// valueOnceKnown checks a value against a string known only once an earlier
// step has run, such as a webhook id.
type valueOnceKnown struct {
	value *string
}

func (c valueOnceKnown) CheckValue(other any) error {
	got, ok := other.(string)
	if !ok || got != *c.value {
		return fmt.Errorf("expected %q, got %v", *c.value, other)
	}

	return nil
}

func (c valueOnceKnown) String() string {
	return *c.value
}

// afterQuery runs a check of the world outside the query's results, such
// as the emulator's request counts, once the query has run.
type afterQuery struct {
	check func() error
}

func (a afterQuery) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	resp.Error = a.check()
}

// The filters judge each listed webhook the way the list resource's
// documentation says, the source filter included, which has to infer.
func TestWebhookListFilter_matches(t *testing.T) {
	t.Parallel()

	status := unipile.Webhook{ID: "s", Name: "alerts", RequestURL: queriedURL}
	email := unipile.Webhook{ID: "e", Name: "mail", RequestURL: queriedURL, Events: []string{"mail_sent"},
		Data: []unipile.DataField{{Key: "subject"}}}
	calendar := unipile.Webhook{ID: "c", RequestURL: unqueriedURL, Events: []string{"calendar_event_created"},
		Data: []unipile.DataField{{Key: "organizer"}}}
	newEvent := unipile.Webhook{ID: "n", RequestURL: unqueriedURL, Events: []string{"mail_bounced"}}
	// A messaging webhook made without events, listed without its default
	// ones: only its payload fields tell what it is.
	quietChat := unipile.Webhook{ID: "q", RequestURL: unqueriedURL,
		Data: []unipile.DataField{{Key: "chat_id"}, {Key: "message"}}}

	tests := map[string]struct {
		filter webhookListFilterV0
		want   []string
	}{
		"no filter": {
			filter: webhookListFilterV0{},
			want:   []string{"s", "e", "c", "n", "q"},
		},
		"name is exact": {
			filter: webhookListFilterV0{Name: types.StringValue("mail")},
			want:   []string{"e"},
		},
		"request url is exact": {
			filter: webhookListFilterV0{RequestURL: types.StringValue(queriedURL)},
			want:   []string{"s", "e"},
		},
		"events and keys of other sources rule a source out, and so do neither events nor fields": {
			filter: webhookListFilterV0{Source: types.StringValue("email")},
			want:   []string{"e", "n"},
		},
		"payload fields alone can fit a source with default events": {
			filter: webhookListFilterV0{Source: types.StringValue("messaging")},
			want:   []string{"n", "q"},
		},
		"an unknown event rules nothing out": {
			filter: webhookListFilterV0{Source: types.StringValue("account_status")},
			want:   []string{"s", "n", "q"},
		},
		"a source without default events accepts a webhook without events": {
			filter: webhookListFilterV0{Source: types.StringValue("calendar_event")},
			want:   []string{"s", "c", "n", "q"},
		},
		"filters combine": {
			filter: webhookListFilterV0{Source: types.StringValue("email"), RequestURL: types.StringValue(queriedURL)},
			want:   []string{"e"},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var got []string
			for _, webhook := range []unipile.Webhook{status, email, calendar, newEvent, quietChat} {
				if test.filter.matches(&webhook) {
					got = append(got, webhook.ID)
				}
			}

			if !slices.Equal(got, test.want) {
				t.Errorf("matched %v, want %v", got, test.want)
			}
		})
	}
}
