package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// addAPIError turns a failed call into one diagnostic: a summary saying what
// could not be done, advice that depends on the failure, and the request and
// Unipile's own explanation. summary is in Title Case, such as
// "Unable to Create Unipile Webhook".
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, apiErrorDetail(err))
}

func apiErrorDetail(err error) string {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return "The operation was interrupted before Unipile answered (" + err.Error() + "). " +
			"Run it again; nothing is lost, since Terraform only records what Unipile confirmed."
	}

	var duplicates *unipile.PossibleDuplicatesError
	if errors.As(err, &duplicates) {
		return "Unipile's answer to the create was lost, and afterwards several webhooks matching this " +
			"configuration exist: " + strings.Join(duplicates.IDs, ", ") + ". The provider will not guess " +
			"which one is this resource's. Delete the extra webhooks (or import the one to keep with " +
			"terraform import), and give webhooks that must coexist different names.\n\nError: " + err.Error()
	}

	var apiErr *unipile.APIError
	if !errors.As(err, &apiErr) {
		return "The Unipile API could not be reached or gave an unreadable answer. Check the dsn setting " +
			"and the network, then try again.\n\nError: " + err.Error()
	}

	return adviceFor(apiErr) + "\n\n" + describeAPIError(apiErr)
}

// adviceFor says what the user can do about an error, by HTTP status.
func adviceFor(apiErr *unipile.APIError) string {
	switch status := apiErr.StatusCode; {
	case status == http.StatusUnauthorized:
		return "Unipile rejected the credentials. Check api_key (or the " + envAPIKey + " environment variable) " +
			"and that dsn (or " + envDSN + ") is the endpoint of the same Unipile account."
	case status == http.StatusForbidden:
		return "The access token is valid but lacks the permission for this request. Use a token whose " +
			"permissions cover webhooks, or ask the Unipile account's owner to grant them."
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return "Unipile refused the request as invalid. Correct the configuration as its detail below says."
	case status == http.StatusNotFound:
		return "Unipile has no such webhook. It may have been deleted outside Terraform."
	case status == http.StatusTooManyRequests:
		return "Unipile kept rate-limiting the requests after every retry. Wait a little and run the " +
			"operation again, or lower Terraform's -parallelism."
	case status >= http.StatusInternalServerError:
		return "Unipile kept failing after every retry. Try again later; raise max_retries in the provider " +
			"block if this happens often."
	default:
		return "Unipile answered with an unexpected status."
	}
}

// describeAPIError lays out the request and Unipile's problem details, one
// per line, leaving out what Unipile did not send.
func describeAPIError(apiErr *unipile.APIError) string {
	text := fmt.Sprintf("Request: %s %s\nHTTP status: %d", apiErr.Method, apiErr.Path, apiErr.StatusCode)

	for _, field := range []struct{ label, value string }{
		{"Unipile error type", apiErr.Type},
		{"Title", apiErr.Title},
		{"Detail", apiErr.Detail},
	} {
		if field.value != "" {
			text += "\n" + field.label + ": " + field.value
		}
	}

	if apiErr.Type == "" && apiErr.Title == "" && apiErr.Body != "" {
		text += "\nResponse body: " + apiErr.Body
	}

	return text
}
