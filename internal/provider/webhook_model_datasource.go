package provider

import (
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// webhookDataSourceModelV0 is one webhook as the data sources show it: the
// resource's attributes, converted by webhookFromAPI, plus what only Unipile
// knows about a webhook.
type webhookDataSourceModelV0 struct {
	webhookModelV0

	Accounts []accountModel `tfsdk:"accounts"`
	Type     types.String   `tfsdk:"type"`
}

// accountModel is one element of accounts.
type accountModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
	Type types.String `tfsdk:"type"`
}

// webhookDataSourceFromAPI converts a listed webhook for a data source. No
// prior value exists, so the source is inferred and the rest is read as
// Unipile returned it.
func webhookDataSourceFromAPI(webhook *unipile.Webhook) (webhookDataSourceModelV0, diag.Diagnostics) {
	model, diags := webhookFromAPI(webhook, nil)

	return webhookDataSourceModelV0{
		webhookModelV0: model,
		Accounts:       accountsByID(webhook.AccountIDs),
		Type:           optionalString(webhook.Type),
	}, diags
}

// accountsByID sorts the accounts by id, since Unipile returns them in any
// order and a reordered list would show as a change. No accounts gives nil,
// which reads as null, the same as account_ids.
func accountsByID(accounts []unipile.Account) []accountModel {
	if len(accounts) == 0 {
		return nil
	}

	sorted := slices.SortedFunc(slices.Values(accounts), func(a, b unipile.Account) int {
		return strings.Compare(a.ID, b.ID)
	})

	models := make([]accountModel, 0, len(sorted))
	for _, account := range sorted {
		models = append(models, accountModel{
			ID:   types.StringValue(account.ID),
			Name: optionalString(account.Name),
			Type: optionalString(account.Type),
		})
	}

	return models
}
