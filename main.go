// Command terraform-provider-unipile serves the Unipile provider to Terraform.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/unipile/terraform-provider-unipile/internal/provider"
)

// version and commit are set by the release build; a local build reports
// "dev" and no commit.
var (
	version = "dev"
	commit  = ""
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider for a debugger such as delve, printing the TF_REATTACH_PROVIDERS value to use")
	flag.Parse()

	silenceUnreadLogs(debug)

	if commit != "" {
		log.Printf("terraform-provider-unipile %s (commit %s)", version, commit)
	}

	opts := providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	}

	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}
