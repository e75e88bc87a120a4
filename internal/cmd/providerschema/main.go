// Command providerschema prints the provider's schemas in the JSON form of
// `terraform providers schema -json`, without a Terraform CLI.
//
// tfplugindocs renders docs from that JSON. Asking a Terraform CLI for it
// ties the docs to the CLI's version: one older than 1.12 omits identity
// schemas and one older than 1.14 omits list resources. Serving the provider
// in-process and converting its protocol schemas gives the same JSON on any
// machine, so `make generate` is reproducible everywhere.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/unipile/terraform-provider-unipile/internal/provider"
)

func main() {
	// tfplugindocs finds a provider in the JSON by its short name, or under
	// the hashicorp namespace; Terraform itself writes the full address.
	address := flag.String("address", provider.Address, "the key the schemas are written under")
	flag.Parse()

	if err := run(context.Background(), *address); err != nil {
		fmt.Fprintln(os.Stderr, "providerschema:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, address string) error {
	server := providerserver.NewProtocol6(provider.New("docs")())()

	schemas, err := providerSchemas(ctx, server, address)
	if err != nil {
		return err
	}

	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")

	return encoder.Encode(schemas)
}
