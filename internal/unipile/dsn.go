package unipile

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// apiPrefix is where every v1 route lives under the tenant's base URL.
const apiPrefix = "/api/v1"

// ParseDSN turns the DSN shown in the Unipile dashboard into the tenant's
// base URL, which ends before /api/v1.
//
// A bare host:port, as the dashboard shows it, means HTTPS. A full URL may
// say https, or http for a loopback host only (an emulator or a tunnel on
// this machine), since the API key travels in every request. A trailing
// /api/v1 is tolerated because it is what people copy from the API
// reference; any other path, a query, a fragment or user info is rejected
// rather than silently dropped.
func ParseDSN(dsn string) (*url.URL, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return nil, errors.New("the DSN is empty; use the host and port shown in the Unipile dashboard, " +
			"such as api8.unipile.com:13443")
	}

	raw := dsn
	if !strings.Contains(dsn, "://") {
		raw = "https://" + dsn
	}

	parsed, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}

		return nil, fmt.Errorf("the DSN %q is not a host:port or URL: %w", dsn, err)
	}

	if err := checkDSNParts(dsn, parsed); err != nil {
		return nil, err
	}

	return &url.URL{Scheme: parsed.Scheme, Host: strings.ToLower(parsed.Host)}, nil
}

// checkDSNParts rejects every part of a URL that a base URL must not have.
func checkDSNParts(dsn string, parsed *url.URL) error {
	switch {
	case parsed.User != nil:
		return fmt.Errorf("the DSN %q must not contain user info; the API key is set on its own", redactUser(parsed))
	case parsed.Scheme != "https" && parsed.Scheme != "http":
		return fmt.Errorf("the DSN %q has scheme %q; use https:// or no scheme", dsn, parsed.Scheme)
	case parsed.Hostname() == "":
		return fmt.Errorf("the DSN %q has no host", dsn)
	case parsed.RawQuery != "" || parsed.ForceQuery:
		return fmt.Errorf("the DSN %q must not contain a query string", dsn)
	case parsed.Fragment != "":
		return fmt.Errorf("the DSN %q must not contain a fragment", dsn)
	}

	if port := parsed.Port(); port != "" {
		number, err := strconv.Atoi(port)
		if err != nil || number < 1 || number > 65535 {
			return fmt.Errorf("the DSN %q has an invalid port %q", dsn, port)
		}
	} else if strings.HasSuffix(parsed.Host, ":") {
		return fmt.Errorf("the DSN %q has an empty port", dsn)
	}

	switch strings.TrimSuffix(parsed.Path, "/") {
	case "", apiPrefix:
	default:
		return fmt.Errorf("the DSN %q has the path %q; give only the host and port (the client adds %s)",
			dsn, parsed.Path, apiPrefix)
	}

	if parsed.Scheme == "http" && !isLoopback(parsed.Hostname()) {
		return fmt.Errorf("the DSN %q uses plain http, which would send the API key unencrypted; "+
			"use https (http is accepted only for localhost and loopback addresses)", dsn)
	}

	return nil
}

// isLoopback reports whether host names this machine: localhost, an address
// in 127.0.0.0/8, or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}

	ip := net.ParseIP(host)

	return ip != nil && ip.IsLoopback()
}

// redactUser shows a URL with its user info replaced, so that an error never
// repeats a password someone put in the DSN.
func redactUser(parsed *url.URL) string {
	shown := *parsed
	shown.User = url.User("redacted")

	return shown.Redacted()
}
