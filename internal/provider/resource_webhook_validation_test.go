package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Invalid arguments fail at plan time, name the attribute, and cost no
// request to Unipile.
func TestAccWebhookResource_invalidInput(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		arguments map[string]string
		wantError *regexp.Regexp
	}{
		"relative url": {
			arguments: map[string]string{"request_url": `"/hooks/unipile"`, "source": `"messaging"`},
			wantError: regexp.MustCompile(`request_url must be an absolute http:// or https://`),
		},
		"unknown source": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"sms"`},
			wantError: regexp.MustCompile(`(?s)Attribute source value must be one of`),
		},
		"event of another source": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"messaging"`, "events": `["mail_sent"]`},
			wantError: regexp.MustCompile(`(?s)events contains "mail_sent", which belongs to the email source`),
		},
		"data key of another source": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"email_tracking"`, "data": `[{ key = "chat_id" }]`},
			wantError: regexp.MustCompile(`(?s)data contains "chat_id", which belongs to the messaging source`),
		},
		"duplicate header key": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"users"`, "headers": `[{ key = "X-Auth", value = "a" }, { key = "x-auth", value = "b" }]`},
			wantError: regexp.MustCompile(`(?s)headers\[1\] repeats the name "x-auth" of headers\[0\]`),
		},
		"empty header key": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"users"`, "headers": `[{ key = "", value = "a" }]`},
			wantError: regexp.MustCompile(`(?s)headers\[0\].key string length must be at least 1`),
		},
		"empty events": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"messaging"`, "events": `[]`},
			wantError: regexp.MustCompile(`(?s)events set must contain at least 1 elements`),
		},
		"unknown format": {
			arguments: map[string]string{"request_url": `"https://example.com/h"`, "source": `"messaging"`, "format": `"xml"`},
			wantError: regexp.MustCompile(`(?s)format value must be one of`),
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)

			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.config(webhookConfig(test.arguments)),
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
