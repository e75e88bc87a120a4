package main

import (
	"os"
	"slices"
	"testing"
)

func TestUnreadLogLevels(t *testing.T) {
	cases := map[string]struct {
		debug bool
		env   map[string]string
		want  []string
	}{
		"nobody reads the logs": {
			want: []string{envSDKLog, envProviderLog},
		},
		"TF_LOG keeps them": {
			env: map[string]string{envTerraformLog: "DEBUG"},
		},
		"TF_LOG_PROVIDER keeps them": {
			env: map[string]string{envTerraformProviderLog: "TRACE"},
		},
		"an empty TF_LOG keeps nothing": {
			env:  map[string]string{envTerraformLog: ""},
			want: []string{envSDKLog, envProviderLog},
		},
		"a level set by the user stays": {
			env:  map[string]string{envSDKLog: "WARN"},
			want: []string{envProviderLog},
		},
		"debug mode prints to the terminal": {
			debug: true,
		},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			lookup := func(key string) (string, bool) {
				value, set := tc.env[key]

				return value, set
			}

			if got := unreadLogLevels(tc.debug, lookup); !slices.Equal(got, tc.want) {
				t.Errorf("unreadLogLevels() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSilenceUnreadLogsSetsTheLevelsOff(t *testing.T) {
	for _, name := range []string{envTerraformLog, envTerraformProviderLog, envSDKLog, envProviderLog} {
		t.Setenv(name, "")
		_ = os.Unsetenv(name) // t.Setenv restores the old value afterwards.
	}
	t.Setenv(envSDKLog, "INFO")

	silenceUnreadLogs(false)

	if got := os.Getenv(envSDKLog); got != "INFO" {
		t.Errorf("%s = %q, want the user's INFO kept", envSDKLog, got)
	}
	if got := os.Getenv(envProviderLog); got != "off" {
		t.Errorf("%s = %q, want off", envProviderLog, got)
	}
}
