package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		raw       string
		want      importID
		wantError string
	}{
		"bare id":            {raw: "zYnh13HWV76_G3KyE-cAyg", want: importID{ID: "zYnh13HWV76_G3KyE-cAyg"}},
		"source and id":      {raw: "account_status/zYnh13HWV76_G3KyE-cAyg", want: importID{Source: "account_status", ID: "zYnh13HWV76_G3KyE-cAyg"}},
		"surrounding spaces": {raw: "  abc_DEF-123 \n", want: importID{ID: "abc_DEF-123"}},
		"unknown source":     {raw: "sms/abc", wantError: `starts with "sms", which is not a source`},
		"empty":              {raw: "", wantError: "does not contain a Unipile webhook id"},
		"source only":        {raw: "email/", wantError: "does not contain a Unipile webhook id"},
		"url pasted":         {raw: "https://api8.unipile.com/api/v1/webhooks/abc", wantError: "not a source"},
		"quoted id":          {raw: `"abc"`, wantError: "does not contain a Unipile webhook id"},
		"two slashes":        {raw: "email/abc/def", wantError: "does not contain a Unipile webhook id"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, err := parseImportID(test.raw)
			if test.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), test.wantError) {
					t.Fatalf("parseImportID(%q) error = %v, want one containing %q", test.raw, err, test.wantError)
				}
				if !strings.Contains(err.Error(), "<source>/<id>") {
					t.Errorf("the error %q does not show the accepted forms", err)
				}
				return
			}

			if err != nil || got != test.want {
				t.Fatalf("parseImportID(%q) = %+v, %v; want %+v", test.raw, got, err, test.want)
			}
		})
	}
}

// FuzzParseImportID checks that no input panics, that an accepted id is
// made of the characters Unipile uses, and that it parses back the same.
func FuzzParseImportID(f *testing.F) {
	for _, seed := range []string{"zYnh13HWV76_G3KyE-cAyg", "email/abc", "sms/abc", "", "/", "a/b/c", "\x00", "messaging/ä"} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, raw string) {
		parsed, err := parseImportID(raw)
		if err != nil {
			return
		}

		if !webhookIDPattern.MatchString(parsed.ID) {
			t.Fatalf("accepted id %q from %q", parsed.ID, raw)
		}
		if parsed.Source != "" && !slices.Contains(unipile.Sources(), parsed.Source) {
			t.Fatalf("accepted source %q from %q", parsed.Source, raw)
		}

		again := parsed.ID
		if parsed.Source != "" {
			again = parsed.Source + "/" + parsed.ID
		}
		if reparsed, err := parseImportID(again); err != nil || reparsed != parsed {
			t.Fatalf("%q parsed to %+v, but its canonical form %q parsed to %+v, %v", raw, parsed, again, reparsed, err)
		}
	})
}
