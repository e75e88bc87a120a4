package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		args      []string
		env       map[string]string
		want      config
		wantError string
	}{
		"defaults": {
			want: config{listen: "127.0.0.1:8080", apiKey: "emulator-demo-key", keySource: "the demo default emulator-demo-key"},
		},
		"key from env": {
			env:  map[string]string{"UNIPILE_API_KEY": "from-env"},
			want: config{listen: "127.0.0.1:8080", apiKey: "from-env", keySource: "$UNIPILE_API_KEY"},
		},
		"flag beats env": {
			args: []string{"-api-key", "from-flag"},
			env:  map[string]string{"UNIPILE_API_KEY": "from-env"},
			want: config{listen: "127.0.0.1:8080", apiKey: "from-flag", keySource: "the -api-key flag"},
		},
		"all flags": {
			args: []string{"-listen", "[::1]:9000", "-latency", "250ms", "-ready-file", "/tmp/ready"},
			want: config{
				listen: "[::1]:9000", apiKey: "emulator-demo-key", keySource: "the demo default emulator-demo-key",
				latency: 250 * time.Millisecond, readyFile: "/tmp/ready",
			},
		},
		"all interfaces refused":  {args: []string{"-listen", ":8080"}, wantError: "loopback"},
		"public address refused":  {args: []string{"-listen", "0.0.0.0:8080"}, wantError: "loopback"},
		"host name refused":       {args: []string{"-listen", "example.com:80"}, wantError: "loopback"},
		"address without port":    {args: []string{"-listen", "127.0.0.1"}, wantError: "-listen"},
		"negative latency":        {args: []string{"-latency", "-1s"}, wantError: "latency"},
		"bad latency":             {args: []string{"-latency", "soon"}, wantError: "latency"},
		"unknown flag":            {args: []string{"-port", "80"}, wantError: "port"},
		"stray positional":        {args: []string{"serve"}, wantError: "unexpected"},
		"empty env uses demo key": {env: map[string]string{"UNIPILE_API_KEY": ""}, want: config{listen: "127.0.0.1:8080", apiKey: "emulator-demo-key", keySource: "the demo default emulator-demo-key"}},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			getenv := func(key string) string { return tt.env[key] }
			got, err := parseConfig(tt.args, getenv, io.Discard)

			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Errorf("error = %v, want one mentioning %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseConfig: %v", err)
			}
			if got != tt.want {
				t.Errorf("config = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseConfigHelp(t *testing.T) {
	t.Parallel()

	var out strings.Builder
	_, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &out)

	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("error = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"emulator-demo-key", "UNIPILE_API_KEY", "-listen", "-ready-file", "-latency"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help does not mention %s:\n%s", want, out.String())
		}
	}
}
