// Package validators holds the attribute validators this provider needs that
// terraform-plugin-framework-validators does not offer.
package validators

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = httpURLValidator{}

// AbsoluteHTTPURL accepts an absolute http or https URL with a host, the only
// kind of address Unipile can deliver a webhook to.
func AbsoluteHTTPURL() validator.String {
	return httpURLValidator{}
}

type httpURLValidator struct{}

func (v httpURLValidator) Description(_ context.Context) string {
	return "value must be an absolute http:// or https:// URL"
}

func (v httpURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v httpURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}

	raw := req.ConfigValue.ValueString()
	if problem := httpURLProblem(raw); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Webhook URL",
			fmt.Sprintf("%s must be an absolute http:// or https:// URL such as https://example.com/unipile, but %q %s.",
				req.Path, raw, problem))
	}
}

// httpURLProblem says what is wrong with raw, or returns "" when it is fine.
func httpURLProblem(raw string) string {
	parsed, err := url.Parse(raw)
	switch {
	case err != nil:
		return "cannot be parsed"
	case !parsed.IsAbs():
		return "is relative: it has no scheme"
	case parsed.Scheme != "http" && parsed.Scheme != "https":
		return fmt.Sprintf("uses the scheme %q", parsed.Scheme)
	case parsed.Host == "" || parsed.Hostname() == "":
		return "has no host"
	case parsed.User != nil:
		return "carries a user name or password, which Unipile would deliver in clear text; use a header instead"
	}

	return ""
}
