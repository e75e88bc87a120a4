// Command bench measures what the provider costs at scale: it runs the real
// Terraform CLI against an in-process emulator, applying, re-planning and
// destroying N webhooks, with the emulator adding no latency and then a
// fixed latency to every request, and with shared list walks on and off.
//
// It prints a Markdown report (and writes it with -out): the requests per
// route, the wall time, the time the latency adds, the floor for that time
// and the targets of issue 7. Run it with `make bench` from the module root;
// Terraform must be on PATH. It is a program, not a test, so `go test ./...`
// never runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"
)

// options are the command-line settings.
type options struct {
	sizes       []int
	latency     time.Duration
	parallelism int
	repeat      int
	// unsharedRepeat is how many of the rounds also run sharing off.
	unsharedRepeat int
	terraform      string
	out            string
}

func main() {
	opts, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if err := run(ctx, opts); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	flags := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := flags.String("sizes", "10,100,500", "comma-separated numbers of webhooks")
	latency := flags.Duration("latency", 20*time.Millisecond, "latency added to every request in the slow runs")
	parallelism := flags.Int("parallelism", 10, "Terraform's -parallelism; 10 is its default")
	repeat := flags.Int("repeat", 9, "rounds over every case; extra times are the median of the rounds, "+
		"wall times the fastest and request counts the highest")
	unsharedRepeat := flags.Int("unshared-repeat", 2, "how many of the rounds also run with sharing off")
	terraform := flags.String("terraform", "terraform", "the Terraform CLI to run")
	out := flags.String("out", "", "also write the report to this file")

	if err := flags.Parse(args); err != nil {
		return options{}, err
	}

	opts := options{
		latency: *latency, parallelism: *parallelism, repeat: *repeat, unsharedRepeat: min(*unsharedRepeat, *repeat),
		terraform: *terraform, out: *out,
	}

	for _, field := range strings.Split(*sizes, ",") {
		size, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || size < 1 {
			return options{}, fmt.Errorf("-sizes: %q is not a positive number", field)
		}

		opts.sizes = append(opts.sizes, size)
	}

	switch {
	case opts.latency <= 0:
		return options{}, fmt.Errorf("-latency must be positive, got %s", opts.latency)
	case opts.parallelism < 1 || opts.repeat < 1 || opts.unsharedRepeat < 1:
		return options{}, fmt.Errorf("-parallelism, -repeat and -unshared-repeat must be at least 1")
	}

	return opts, nil
}

// run measures every case, then prints and saves the report.
func run(ctx context.Context, opts options) error {
	machine, err := describeMachine(ctx, opts.terraform)
	if err != nil {
		return err
	}

	env, err := prepare(ctx, opts)
	if err != nil {
		return err
	}
	defer env.cleanup()

	// A first, unrecorded case loads Terraform and the provider from disk,
	// which would otherwise slow the first measured phase.
	fmt.Fprintln(os.Stderr, "bench: warming up")
	if _, err := env.measureTogether(ctx, []benchCase{{size: 1, shared: true}}); err != nil {
		return fmt.Errorf("warming up: %w", err)
	}

	results := map[benchCase]result{}
	for round := 1; round <= opts.repeat; round++ {
		for _, size := range opts.sizes {
			for _, shared := range sharingModes(opts, round) {
				cases := latencyPair(opts, size, shared, round)
				fmt.Fprintf(os.Stderr, "bench: round %d of %d: %s and %s\n", round, opts.repeat, cases[0], cases[1])

				measured, err := env.measureTogether(ctx, cases)
				if err != nil {
					return err
				}

				for index, c := range cases {
					results[c] = keepBest(results[c], c, measured[index])
				}
			}
		}
	}

	report := renderReport(opts, machine, slices.Collect(maps.Values(results)))
	fmt.Print(report)

	if opts.out != "" {
		if err := os.WriteFile(opts.out, []byte(report), 0o644); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
	}

	return nil
}

// sharingModes says which modes a round measures: shared walks every
// round, since the targets rest on them, and sharing off only in the first
// opts.unsharedRepeat rounds, since its runs are the slowest and only set
// the gain, which is a ratio of request counts, against them.
func sharingModes(opts options, round int) []bool {
	if round <= opts.unsharedRepeat {
		return []bool{true, false}
	}

	return []bool{true}
}

// latencyPair is the 0 ms and the slow case of one size and mode, in the
// order they run: the 0 ms one first in odd rounds and last in even ones,
// so that whatever running second costs or saves falls on each alike.
func latencyPair(opts options, size int, shared bool, round int) []benchCase {
	fast := benchCase{size: size, shared: shared}
	slow := benchCase{size: size, shared: shared, latency: opts.latency}
	if round%2 == 0 {
		return []benchCase{slow, fast}
	}

	return []benchCase{fast, slow}
}
