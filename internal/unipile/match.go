package unipile

// matchesRequest reports whether a listed webhook looks like the product of
// a create request. request_url must be equal. Another field must be equal
// when the request set it; when it did not, Unipile filled in a default of
// its own (an undocumented one for name, format, enabled and accounts), so
// any value matches. Headers are the exception: Unipile adds none, so a
// request without headers only matches a webhook without any. Lists compare
// as sets, since the API gives no order guarantee.
func matchesRequest(req CreateWebhookRequest, item Webhook) bool {
	switch {
	case item.RequestURL != req.RequestURL,
		req.Name != "" && item.Name != req.Name,
		req.Format != "" && item.Format != req.Format,
		req.Enabled != nil && item.Enabled != nil && *item.Enabled != *req.Enabled:
		return false
	}

	if len(req.AccountIDs) > 0 && !sameSet(req.AccountIDs, accountIDs(item.AccountIDs)) {
		return false
	}

	if !sameSet(req.Headers, item.Headers) {
		return false
	}

	if len(req.Events) > 0 && !sameSet(req.Events, item.Events) {
		return false
	}

	return len(req.Data) == 0 || sameSet(withDefaultNames(req.Data), withDefaultNames(item.Data))
}

// withDefaultNames spells out the name of each data field: a field sent
// without one is delivered under its key, and Unipile may echo it either way.
func withDefaultNames(fields []DataField) []DataField {
	named := make([]DataField, len(fields))
	for index, field := range fields {
		if field.Name == "" {
			field.Name = field.Key
		}

		named[index] = field
	}

	return named
}

func accountIDs(accounts []Account) []string {
	ids := make([]string, len(accounts))
	for index, account := range accounts {
		ids[index] = account.ID
	}

	return ids
}

// sameSet reports whether a and b hold the same distinct values.
func sameSet[T comparable](a, b []T) bool {
	inA := make(map[T]struct{}, len(a))
	for _, value := range a {
		inA[value] = struct{}{}
	}

	inB := make(map[T]struct{}, len(b))
	for _, value := range b {
		if _, ok := inA[value]; !ok {
			return false
		}

		inB[value] = struct{}{}
	}

	return len(inA) == len(inB)
}
