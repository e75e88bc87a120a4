// Package unipile is a small client for Unipile's v1 webhook API.
//
// It knows nothing of Terraform: the provider converts its wire types to and
// from Terraform values. The API has only three webhook routes (list, create
// and delete), so reading one webhook means walking the paged list; Get does
// that for callers.
package unipile
