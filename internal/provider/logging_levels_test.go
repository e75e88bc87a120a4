package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Lines that tell who logged: the API client's subsystem, the provider's
// own code and the framework. The framework's is at TRACE.
const (
	apiLine       = "Unipile request"
	providerLine  = "Read Unipile webhooks"
	frameworkLine = "Calling provider defined DataSource Read"
)

// TestLogLevelsFollowTheEnvironment runs a plan with the released form of
// the provider under each documented log setting and checks whose lines
// reach Terraform's log.
func TestLogLevelsFollowTheEnvironment(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("starts the Terraform CLI; set TF_ACC=1 to run it, as make test does")
	}
	t.Parallel()

	env := newTestEnv(t)
	cliConfig := devOverrideConfig(t, buildProvider(t, moduleRoot(t)))

	cases := map[string]struct {
		levels  []string
		present []string
		absent  []string
	}{
		"TF_LOG_PROVIDER shows every line": {
			levels:  []string{"TF_LOG_PROVIDER=TRACE"},
			present: []string{apiLine, providerLine, frameworkLine},
		},
		"the API subsystem turned off on its own": {
			levels:  []string{"TF_LOG_PROVIDER=TRACE", apiLogLevelVariable + "=off"},
			present: []string{providerLine, frameworkLine},
			absent:  []string{apiLine},
		},
		"the provider's lines turned off, the API's with them": {
			levels:  []string{"TF_LOG_PROVIDER=TRACE", LogLevelVariable + "=off"},
			present: []string{frameworkLine},
			absent:  []string{apiLine, providerLine},
		},
		"the framework's lines turned off": {
			levels:  []string{"TF_LOG_PROVIDER=TRACE", "TF_LOG_SDK=off"},
			present: []string{apiLine, providerLine},
			absent:  []string{frameworkLine},
		},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			work := t.TempDir()
			logFile := filepath.Join(work, "terraform.log")
			planDataSource(t, work, apiRunner(cliConfig, env, append(tc.levels, "TF_LOG_PATH="+logFile)...))

			logged, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatalf("reading the log: %v", err)
			}

			for _, line := range tc.present {
				if !strings.Contains(string(logged), line) {
					t.Errorf("the log lacks %q", line)
				}
			}
			for _, line := range tc.absent {
				if count := strings.Count(string(logged), line); count > 0 {
					t.Errorf("the log holds %q %d times, want none", line, count)
				}
			}
		})
	}
}

// TestNoLogLinesWhenTerraformDiscardsThem puts a script between Terraform
// and the provider that keeps everything the provider writes to stderr,
// which is where its log lines go. Without TF_LOG or TF_LOG_PROVIDER,
// Terraform would drop them, so the provider must not write them; with
// TF_LOG_PROVIDER, the same plan must show they are still written.
func TestNoLogLinesWhenTerraformDiscardsThem(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("starts the Terraform CLI; set TF_ACC=1 to run it, as make test does")
	}
	t.Parallel()

	env := newTestEnv(t)
	built := filepath.Join(buildProvider(t, moduleRoot(t)), "terraform-provider-unipile")

	for name, levels := range map[string][]string{"unread": nil, "kept": {"TF_LOG_PROVIDER=TRACE"}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			wrapperDir := t.TempDir()
			stderrFile := filepath.Join(wrapperDir, "stderr.log")
			wrapper := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", built, stderrFile)
			if err := os.WriteFile(filepath.Join(wrapperDir, "terraform-provider-unipile"), []byte(wrapper), 0o700); err != nil {
				t.Fatalf("writing the wrapper: %v", err)
			}

			planDataSource(t, t.TempDir(), apiRunner(devOverrideConfig(t, wrapperDir), env, levels...))

			written, err := os.ReadFile(stderrFile)
			if err != nil {
				t.Fatalf("reading what the provider wrote to stderr: %v", err)
			}

			lines := strings.Count(string(written), frameworkLine) + strings.Count(string(written), apiLine)
			switch {
			case levels == nil && lines > 0:
				t.Errorf("the provider wrote %d log lines Terraform discards:\n%s", lines, written)
			case levels != nil && lines == 0:
				t.Errorf("with %v the provider wrote none of its log lines, so the unread case proves nothing:\n%s",
					levels, written)
			}
		})
	}
}

// apiRunner runs the Terraform on PATH against env's API, with none of the
// test environment's TF_LOG variables, only those in levels.
func apiRunner(cliConfig string, env *testEnv, levels ...string) terraformRunner {
	environ := append(withoutLogLevels(os.Environ()), envDSN+"="+env.dsn, envAPIKey+"="+env.apiKey)

	return terraformRunner{path: "terraform", cliConfig: cliConfig, environ: append(environ, levels...)}
}

// planDataSource runs `terraform plan` in work over a configuration that
// reads the list of webhooks.
func planDataSource(t *testing.T, work string, runner terraformRunner) {
	t.Helper()

	config := `terraform {
  required_providers {
    unipile = { source = "unipile/unipile" }
  }
}

data "unipile_webhooks" "all" {}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatalf("writing the configuration: %v", err)
	}

	if out, err := runner.run(t, work, "plan", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform plan: %v\n%s", err, out)
	}
}

// withoutLogLevels drops the TF_LOG variables of the environment the tests
// run in, so that each case sets the levels it names and no others.
func withoutLogLevels(environ []string) []string {
	kept := make([]string, 0, len(environ))
	for _, entry := range environ {
		if !strings.HasPrefix(entry, "TF_LOG") {
			kept = append(kept, entry)
		}
	}

	return kept
}
