package main

import (
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/zclconf/go-cty/cty"

	"github.com/unipile/terraform-provider-unipile/internal/provider"
)

// The converted schemas carry everything the docs show: every kind of
// schema, and the flags that change how an attribute is documented.
func TestProviderSchemas(t *testing.T) {
	t.Parallel()

	server := providerserver.NewProtocol6(provider.New("test")())()
	schemas, err := providerSchemas(t.Context(), server, "unipile")
	if err != nil {
		t.Fatal(err)
	}

	converted := schemas.Schemas["unipile"]
	if converted == nil || converted.ConfigSchema == nil {
		t.Fatalf("no provider schema under the requested address: %+v", schemas.Schemas)
	}

	if key := converted.ConfigSchema.Block.Attributes["api_key"]; key == nil || !key.Sensitive || !key.Optional {
		t.Errorf("api_key should be optional and sensitive: %+v", key)
	}

	webhook := converted.ResourceSchemas["unipile_webhook"]
	if webhook == nil {
		t.Fatal("the unipile_webhook resource is missing")
	}
	attributes := webhook.Block.Attributes

	if source := attributes["source"]; source == nil || !source.Required || !source.AttributeType.Equals(cty.String) {
		t.Errorf("source should be a required string: %+v", source)
	}
	if events := attributes["events"]; events == nil || !events.AttributeType.Equals(cty.Set(cty.String)) {
		t.Errorf("events should be a set of strings: %+v", events)
	}
	if webhook.Block.DescriptionKind != tfjson.SchemaDescriptionKindMarkdown {
		t.Errorf("descriptions should be markdown, got %q", webhook.Block.DescriptionKind)
	}

	headers := attributes["headers"]
	if headers == nil || headers.AttributeNestedType == nil || headers.AttributeNestedType.NestingMode != tfjson.SchemaNestingModeList {
		t.Fatalf("headers should be a nested list: %+v", headers)
	}
	if value := headers.AttributeNestedType.Attributes["value"]; value == nil || !value.Sensitive {
		t.Errorf("header values should be sensitive: %+v", value)
	}
	if writeOnly := attributes["headers_wo"]; writeOnly == nil || !writeOnly.WriteOnly {
		t.Errorf("headers_wo should be write-only: %+v", writeOnly)
	}

	if identity := converted.ResourceIdentitySchemas["unipile_webhook"]; identity == nil || !identity.Attributes["id"].RequiredForImport {
		t.Errorf("the identity should require id for import: %+v", identity)
	}
	if converted.ListResourceSchemas["unipile_webhook"] == nil {
		t.Error("the unipile_webhook list resource is missing")
	}
	for _, name := range []string{"unipile_webhook", "unipile_webhooks"} {
		if converted.DataSourceSchemas[name] == nil {
			t.Errorf("the %s data source is missing", name)
		}
	}
}
