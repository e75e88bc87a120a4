package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/provider"
)

// benchKey is the API key the emulator accepts; it guards nothing.
const benchKey = "bench-key"

// Phases measured for every case, in the order they run.
const (
	phaseApply   = "apply"
	phasePlan    = "plan"
	phaseDestroy = "destroy"
)

var phases = []string{phaseApply, phasePlan, phaseDestroy}

// benchCase is one combination of size, sharing and latency.
type benchCase struct {
	size    int
	shared  bool
	latency time.Duration
}

func (c benchCase) String() string {
	sharing := "shared"
	if !c.shared {
		sharing = "unshared"
	}

	return fmt.Sprintf("%d webhooks, %s, %d ms latency", c.size, sharing, c.latency.Milliseconds())
}

// result is what one case measured, per phase.
type result struct {
	benchCase
	phases map[string]measurement
}

type measurement struct {
	counts   map[emulator.Route]int
	wall     time.Duration
	activity activity

	// rounds holds the wall time of every round, in order, so that the
	// slow run of a round can be set against the 0 ms run of that round.
	rounds []time.Duration
}

// environment holds what every case shares: the provider binary and a CLI
// configuration that points Terraform at it.
type environment struct {
	opts      options
	scratch   string
	cliConfig string
}

// prepare builds the provider and writes a CLI configuration whose
// development override makes `terraform init` unnecessary.
func prepare(ctx context.Context, opts options) (*environment, error) {
	scratch, err := os.MkdirTemp("", "unipile-bench-")
	if err != nil {
		return nil, err
	}

	env := &environment{opts: opts, scratch: scratch, cliConfig: filepath.Join(scratch, "terraformrc")}
	pluginDir := filepath.Join(scratch, "plugin")

	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(pluginDir, "terraform-provider-unipile"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		env.cleanup()

		return nil, fmt.Errorf("building the provider (run from the module root): %w\n%s", err, out)
	}

	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		provider.Address, pluginDir)
	if err := os.WriteFile(env.cliConfig, []byte(config), 0o600); err != nil {
		env.cleanup()

		return nil, err
	}

	return env, nil
}

func (e *environment) cleanup() {
	_ = os.RemoveAll(e.scratch) // Only temporary files; nothing to report.
}

// keepBest merges one run of c into what earlier runs kept: for each phase
// every round's wall time, the fastest of them with its activity, and the
// highest request counts.
func keepBest(kept result, c benchCase, run map[string]measurement) result {
	if kept.phases == nil {
		kept = result{benchCase: c, phases: make(map[string]measurement, len(run))}
	}

	for phase, got := range run {
		best, seen := kept.phases[phase]
		if !seen {
			best = got
		}

		best.rounds = append(best.rounds, got.wall)
		for route, count := range got.counts {
			best.counts[route] = max(best.counts[route], count)
		}

		if got.wall < best.wall {
			best.wall, best.activity = got.wall, got.activity
		}

		kept.phases[phase] = best
	}

	return kept
}

// caseRun is one case in progress: its own emulator, and the working
// directory whose state carries the webhooks from one phase to the next.
type caseRun struct {
	benchCase
	server  *server
	workdir string
	env     []string
}

// startCase gives c a fresh emulator and a working directory that holds
// the configuration of c.size webhooks.
func (e *environment) startCase(c benchCase) (*caseRun, error) {
	workdir, err := os.MkdirTemp(e.scratch, "case-")
	if err != nil {
		return nil, err
	}

	if err := os.WriteFile(filepath.Join(workdir, "main.tf"), []byte(configuration(c.size)), 0o600); err != nil {
		return nil, err
	}

	server, err := startServer(c.latency)
	if err != nil {
		return nil, err
	}

	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+e.cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"UNIPILE_DSN="+server.url,
		"UNIPILE_API_KEY="+benchKey,
	)
	if !c.shared {
		env = append(env, "UNIPILE_DISABLE_LIST_SHARING=1")
	}

	return &caseRun{benchCase: c, server: server, workdir: workdir, env: env}, nil
}

// runPhase runs one phase of the case, counting its requests and checking
// that the emulator holds what the phase should leave.
func (e *environment) runPhase(ctx context.Context, run *caseRun, phase string) (measurement, error) {
	parallelism := "-parallelism=" + strconv.Itoa(e.opts.parallelism)
	commands := map[string][]string{
		phaseApply:   {"apply", "-auto-approve", "-input=false", "-no-color", parallelism},
		phasePlan:    {"plan", "-detailed-exitcode", "-input=false", "-no-color", parallelism},
		phaseDestroy: {"destroy", "-auto-approve", "-input=false", "-no-color", parallelism},
	}
	wantStored := map[string]int{phaseApply: run.size, phasePlan: run.size, phaseDestroy: 0}

	run.server.reset()

	started := time.Now()
	if err := e.terraform(ctx, run.workdir, run.env, commands[phase]); err != nil {
		return measurement{}, fmt.Errorf("%s: %s: %w", run.benchCase, phase, err)
	}

	wall := time.Since(started)
	got := measurement{counts: run.server.emulator.Counts(), wall: wall, activity: run.server.activity.stop()}

	if stored := len(run.server.emulator.Webhooks()); stored != wantStored[phase] {
		return measurement{}, fmt.Errorf("%s: after %s the emulator holds %d webhooks, want %d",
			run.benchCase, phase, stored, wantStored[phase])
	}

	return got, nil
}

// measureTogether applies, re-plans and destroys the webhooks of every
// case, each against an emulator of its own, phase by phase: all the cases'
// applies one after another, then their plans, then their destroys. The
// runs set against each other are then seconds apart rather than a minute,
// so the drifting speed of a shared machine touches them alike. It returns
// each case's measurements in the order of cases.
func (e *environment) measureTogether(ctx context.Context, cases []benchCase) ([]map[string]measurement, error) {
	runs := make([]*caseRun, 0, len(cases))
	defer func() {
		for _, run := range runs {
			run.server.close()
		}
	}()

	for _, c := range cases {
		run, err := e.startCase(c)
		if err != nil {
			return nil, err
		}

		runs = append(runs, run)
	}

	measured := make([]map[string]measurement, len(cases))
	for index := range measured {
		measured[index] = make(map[string]measurement, len(phases))
	}

	for _, phase := range phases {
		for index, run := range runs {
			got, err := e.runPhase(ctx, run, phase)
			if err != nil {
				return nil, err
			}

			measured[index][phase] = got
		}
	}

	return measured, nil
}

// terraform runs one command; a plan that finds changes (exit code 2 with
// -detailed-exitcode) counts as a failure, since the config never changes.
func (e *environment) terraform(ctx context.Context, dir string, env []string, args []string) error {
	cmd := exec.CommandContext(ctx, e.opts.terraform, args...)
	cmd.Dir = dir
	cmd.Env = env

	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output

	err := cmd.Run()
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) && exit.ExitCode() == 2 && args[0] == "plan" {
		return fmt.Errorf("the plan after apply is not empty:\n%s", tail(output.String()))
	}

	if err != nil {
		return fmt.Errorf("terraform %s: %w\n%s", args[0], err, tail(output.String()))
	}

	return nil
}

// configuration is count webhooks, each with a request URL of its own.
func configuration(count int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    unipile = {
      source = "unipile/unipile"
    }
  }
}

resource "unipile_webhook" "bench" {
  count       = %d
  request_url = "https://hooks.example.com/bench/${count.index}"
  source      = "messaging"
}
`, count)
}

// tail keeps the end of a long Terraform output, where its error is.
func tail(output string) string {
	const keep = 4000
	if len(output) <= keep {
		return output
	}

	return "…" + output[len(output)-keep:]
}

// phaseFloor is the least time the latency can add to a phase: the writes
// split over Terraform's slots, each taking one latency, or for a plan, one
// walk of the list.
func phaseFloor(phase string, size, parallelism int, counts map[emulator.Route]int, latency time.Duration) time.Duration {
	writes := counts[emulator.RouteCreate] + counts[emulator.RouteDelete]
	if phase == phasePlan {
		return time.Duration(ceilDiv(size, 250)) * latency
	}

	return time.Duration(ceilDiv(writes, parallelism)) * latency
}

func ceilDiv(a, b int) int {
	return (a + b - 1) / b
}
