package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAbsoluteHTTPURL(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value     types.String
		wantError string
	}{
		"https":              {value: types.StringValue("https://example.com/hooks/unipile")},
		"http with port":     {value: types.StringValue("http://hooks.example.com:8080/in?x=1")},
		"null is not judged": {value: types.StringNull()},
		"unknown waits":      {value: types.StringUnknown()},
		"relative path":      {value: types.StringValue("/hooks/unipile"), wantError: "is relative"},
		"bare host":          {value: types.StringValue("example.com/hook"), wantError: "is relative"},
		"ftp":                {value: types.StringValue("ftp://example.com/hook"), wantError: `scheme "ftp"`},
		"no host":            {value: types.StringValue("https:///hook"), wantError: "has no host"},
		"credentials":        {value: types.StringValue("https://user:pw@example.com/"), wantError: "user name or password"},
		"unparsable":         {value: types.StringValue("https://exa mple.com/%zz"), wantError: "cannot be parsed"},
		"empty":              {value: types.StringValue(""), wantError: "is relative"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			req := validator.StringRequest{Path: path.Root("request_url"), ConfigValue: test.value}
			resp := &validator.StringResponse{}
			AbsoluteHTTPURL().ValidateString(context.Background(), req, resp)

			if test.wantError == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}

			if !resp.Diagnostics.HasError() {
				t.Fatalf("expected an error containing %q, got none", test.wantError)
			}
			detail := resp.Diagnostics.Errors()[0].Detail()
			if !strings.Contains(detail, test.wantError) || !strings.Contains(detail, "request_url") {
				t.Errorf("error %q should name request_url and contain %q", detail, test.wantError)
			}
		})
	}
}
