package unipile

import (
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		dsn     string
		want    string
		wantErr string
	}{
		"dashboard form":          {dsn: "api8.unipile.com:13443", want: "https://api8.unipile.com:13443"},
		"surrounding spaces":      {dsn: "  api8.unipile.com:13443\n", want: "https://api8.unipile.com:13443"},
		"https url":               {dsn: "https://api8.unipile.com:13443", want: "https://api8.unipile.com:13443"},
		"upper-case scheme":       {dsn: "HTTPS://API8.Unipile.com:13443", want: "https://api8.unipile.com:13443"},
		"trailing slash":          {dsn: "https://api8.unipile.com:13443/", want: "https://api8.unipile.com:13443"},
		"trailing api prefix":     {dsn: "https://api8.unipile.com:13443/api/v1", want: "https://api8.unipile.com:13443"},
		"api prefix and slash":    {dsn: "api8.unipile.com:13443/api/v1/", want: "https://api8.unipile.com:13443"},
		"no port":                 {dsn: "api8.unipile.com", want: "https://api8.unipile.com"},
		"http on 127.0.0.1":       {dsn: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		"http on 127.0.0.0/8":     {dsn: "http://127.4.5.6:8080", want: "http://127.4.5.6:8080"},
		"http on localhost":       {dsn: "http://LocalHost:8080", want: "http://localhost:8080"},
		"http on ipv6 loopback":   {dsn: "http://[::1]:8080", want: "http://[::1]:8080"},
		"https ipv6 without port": {dsn: "[::1]", want: "https://[::1]"},
		"empty":                   {dsn: "", wantErr: "empty"},
		"blank":                   {dsn: "   ", wantErr: "empty"},
		"http on remote host":     {dsn: "http://api8.unipile.com:13443", wantErr: "plain http"},
		"http on private address": {dsn: "http://10.0.0.1:8080", wantErr: "plain http"},
		"http on lookalike host":  {dsn: "http://localhost.example.com", wantErr: "plain http"},
		"other scheme":            {dsn: "ftp://api8.unipile.com", wantErr: "scheme"},
		"other path":              {dsn: "https://api8.unipile.com:13443/api/v2", wantErr: "path"},
		"webhooks path":           {dsn: "api8.unipile.com:13443/api/v1/webhooks", wantErr: "path"},
		"query":                   {dsn: "https://api8.unipile.com:13443?x=1", wantErr: "query"},
		"empty query":             {dsn: "https://api8.unipile.com:13443?", wantErr: "query"},
		"fragment":                {dsn: "https://api8.unipile.com:13443#top", wantErr: "fragment"},
		"user info":               {dsn: "https://me:pw@api8.unipile.com:13443", wantErr: "user info"},
		"no host":                 {dsn: "https://:13443", wantErr: "no host"},
		"bad port":                {dsn: "api8.unipile.com:99999", wantErr: "port"},
		"named port":              {dsn: "api8.unipile.com:https", wantErr: "port"},
		"empty port":              {dsn: "api8.unipile.com:", wantErr: "port"},
		"space inside":            {dsn: "api8.unipile .com", wantErr: "not a host:port or URL"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, err := ParseDSN(test.dsn)
			if test.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), test.wantErr) {
					t.Fatalf("ParseDSN(%q) = %v, %v; want an error containing %q", test.dsn, got, err, test.wantErr)
				}

				return
			}

			if err != nil {
				t.Fatalf("ParseDSN(%q): %v", test.dsn, err)
			}

			if got.String() != test.want {
				t.Errorf("ParseDSN(%q) = %q, want %q", test.dsn, got, test.want)
			}
		})
	}
}

func TestParseDSNNeverRepeatsAPassword(t *testing.T) {
	t.Parallel()

	_, err := ParseDSN("https://me:hunter2@api8.unipile.com:13443")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("ParseDSN error = %v; want an error without the password", err)
	}
}
