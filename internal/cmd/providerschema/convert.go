package main

import (
	"context"
	"encoding/json"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// providerSchemas asks a provider server for every schema it has and lays
// them out as Terraform's JSON schema output does, under address.
func providerSchemas(ctx context.Context, server tfprotov6.ProviderServer, address string) (*tfjson.ProviderSchemas, error) {
	resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, fmt.Errorf("getting the provider schema: %w", err)
	}
	if err := diagnosticsError(resp.Diagnostics); err != nil {
		return nil, err
	}

	identities, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return nil, fmt.Errorf("getting the identity schemas: %w", err)
	}
	if err := diagnosticsError(identities.Diagnostics); err != nil {
		return nil, err
	}

	converted := &tfjson.ProviderSchema{
		ResourceSchemas:         map[string]*tfjson.Schema{},
		DataSourceSchemas:       map[string]*tfjson.Schema{},
		ListResourceSchemas:     map[string]*tfjson.Schema{},
		ResourceIdentitySchemas: map[string]*tfjson.IdentitySchema{},
	}

	if converted.ConfigSchema, err = convertSchema(resp.Provider); err != nil {
		return nil, fmt.Errorf("provider: %w", err)
	}

	for group, schemas := range map[string]struct {
		from map[string]*tfprotov6.Schema
		to   map[string]*tfjson.Schema
	}{
		"resource":      {resp.ResourceSchemas, converted.ResourceSchemas},
		"data source":   {resp.DataSourceSchemas, converted.DataSourceSchemas},
		"list resource": {resp.ListResourceSchemas, converted.ListResourceSchemas},
	} {
		for name, schema := range schemas.from {
			if schemas.to[name], err = convertSchema(schema); err != nil {
				return nil, fmt.Errorf("%s %s: %w", group, name, err)
			}
		}
	}

	for name, identity := range identities.IdentitySchemas {
		if converted.ResourceIdentitySchemas[name], err = convertIdentity(identity); err != nil {
			return nil, fmt.Errorf("identity of %s: %w", name, err)
		}
	}

	return &tfjson.ProviderSchemas{
		FormatVersion: "1.0",
		Schemas:       map[string]*tfjson.ProviderSchema{address: converted},
	}, nil
}

func convertSchema(schema *tfprotov6.Schema) (*tfjson.Schema, error) {
	block, err := convertBlock(schema.Block)
	if err != nil {
		return nil, err
	}

	return &tfjson.Schema{Version: uint64(schema.Version), Block: block}, nil
}

func convertBlock(block *tfprotov6.SchemaBlock) (*tfjson.SchemaBlock, error) {
	converted := &tfjson.SchemaBlock{
		Description:     block.Description,
		DescriptionKind: descriptionKind(block.DescriptionKind),
		Deprecated:      block.Deprecated,
	}

	if len(block.Attributes) > 0 {
		attributes, err := convertAttributes(block.Attributes)
		if err != nil {
			return nil, err
		}
		converted.Attributes = attributes
	}

	for _, nested := range block.BlockTypes {
		inner, err := convertBlock(nested.Block)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", nested.TypeName, err)
		}
		if converted.NestedBlocks == nil {
			converted.NestedBlocks = map[string]*tfjson.SchemaBlockType{}
		}
		converted.NestedBlocks[nested.TypeName] = &tfjson.SchemaBlockType{
			NestingMode: blockNesting(nested.Nesting),
			Block:       inner,
			MinItems:    uint64(nested.MinItems),
			MaxItems:    uint64(nested.MaxItems),
		}
	}

	return converted, nil
}

func convertAttributes(attributes []*tfprotov6.SchemaAttribute) (map[string]*tfjson.SchemaAttribute, error) {
	converted := make(map[string]*tfjson.SchemaAttribute, len(attributes))

	for _, attribute := range attributes {
		out := &tfjson.SchemaAttribute{
			Description:     attribute.Description,
			DescriptionKind: descriptionKind(attribute.DescriptionKind),
			Deprecated:      attribute.Deprecated,
			Required:        attribute.Required,
			Optional:        attribute.Optional,
			Computed:        attribute.Computed,
			Sensitive:       attribute.Sensitive,
			WriteOnly:       attribute.WriteOnly,
		}

		if attribute.NestedType != nil {
			nested, err := convertAttributes(attribute.NestedType.Attributes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", attribute.Name, err)
			}
			out.AttributeNestedType = &tfjson.SchemaNestedAttributeType{
				Attributes:  nested,
				NestingMode: objectNesting(attribute.NestedType.Nesting),
			}
		} else {
			ctyType, err := toCty(attribute.Type)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", attribute.Name, err)
			}
			out.AttributeType = ctyType
		}

		converted[attribute.Name] = out
	}

	return converted, nil
}

func convertIdentity(identity *tfprotov6.ResourceIdentitySchema) (*tfjson.IdentitySchema, error) {
	converted := &tfjson.IdentitySchema{
		Version:    uint64(identity.Version),
		Attributes: map[string]*tfjson.IdentityAttribute{},
	}

	for _, attribute := range identity.IdentityAttributes {
		ctyType, err := toCty(attribute.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", attribute.Name, err)
		}
		converted.Attributes[attribute.Name] = &tfjson.IdentityAttribute{
			IdentityType:      ctyType,
			Description:       attribute.Description,
			RequiredForImport: attribute.RequiredForImport,
			OptionalForImport: attribute.OptionalForImport,
		}
	}

	return converted, nil
}

// toCty converts a protocol type through the JSON type syntax that both
// type systems share.
func toCty(protocolType tftypes.Type) (cty.Type, error) {
	encoded, err := json.Marshal(protocolType)
	if err != nil {
		return cty.NilType, fmt.Errorf("encoding type %s: %w", protocolType, err)
	}

	var converted cty.Type
	if err := json.Unmarshal(encoded, &converted); err != nil {
		return cty.NilType, fmt.Errorf("decoding type %s: %w", encoded, err)
	}

	return converted, nil
}

func descriptionKind(kind tfprotov6.StringKind) tfjson.SchemaDescriptionKind {
	if kind == tfprotov6.StringKindMarkdown {
		return tfjson.SchemaDescriptionKindMarkdown
	}

	return tfjson.SchemaDescriptionKindPlain
}

func objectNesting(mode tfprotov6.SchemaObjectNestingMode) tfjson.SchemaNestingMode {
	switch mode {
	case tfprotov6.SchemaObjectNestingModeList:
		return tfjson.SchemaNestingModeList
	case tfprotov6.SchemaObjectNestingModeSet:
		return tfjson.SchemaNestingModeSet
	case tfprotov6.SchemaObjectNestingModeMap:
		return tfjson.SchemaNestingModeMap
	default:
		return tfjson.SchemaNestingModeSingle
	}
}

func blockNesting(mode tfprotov6.SchemaNestedBlockNestingMode) tfjson.SchemaNestingMode {
	switch mode {
	case tfprotov6.SchemaNestedBlockNestingModeList:
		return tfjson.SchemaNestingModeList
	case tfprotov6.SchemaNestedBlockNestingModeSet:
		return tfjson.SchemaNestingModeSet
	case tfprotov6.SchemaNestedBlockNestingModeMap:
		return tfjson.SchemaNestingModeMap
	case tfprotov6.SchemaNestedBlockNestingModeGroup:
		return tfjson.SchemaNestingModeGroup
	default:
		return tfjson.SchemaNestingModeSingle
	}
}

// diagnosticsError turns error diagnostics into one error.
func diagnosticsError(diagnostics []*tfprotov6.Diagnostic) error {
	for _, diagnostic := range diagnostics {
		if diagnostic.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", diagnostic.Summary, diagnostic.Detail)
		}
	}

	return nil
}
