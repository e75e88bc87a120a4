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
	"os"
	"os/signal"
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
	terraform   string
	out         string
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
	repeat := flags.Int("repeat", 5, "rounds over every case; extra times are the median of the rounds, "+
		"wall times the fastest and request counts the highest")
	terraform := flags.String("terraform", "terraform", "the Terraform CLI to run")
	out := flags.String("out", "", "also write the report to this file")

	if err := flags.Parse(args); err != nil {
		return options{}, err
	}

	opts := options{
		latency: *latency, parallelism: *parallelism, repeat: *repeat,
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
	case opts.parallelism < 1 || opts.repeat < 1:
		return options{}, fmt.Errorf("-parallelism and -repeat must be at least 1")
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
	if _, err := env.measureOnce(ctx, benchCase{size: 1, shared: true}); err != nil {
		return fmt.Errorf("warming up: %w", err)
	}

	// Rounds go over every case in turn, so that a slow spell of the
	// machine touches the 0 ms and the slow run of a case alike.
	var cases []benchCase
	for _, size := range opts.sizes {
		for _, shared := range []bool{true, false} {
			for _, latency := range []time.Duration{0, opts.latency} {
				cases = append(cases, benchCase{size: size, shared: shared, latency: latency})
			}
		}
	}

	results := make([]result, len(cases))
	for round := 1; round <= opts.repeat; round++ {
		for index, c := range cases {
			fmt.Fprintf(os.Stderr, "bench: round %d of %d: %s\n", round, opts.repeat, c)

			measured, err := env.measureOnce(ctx, c)
			if err != nil {
				return fmt.Errorf("%s: %w", c, err)
			}

			results[index] = keepBest(results[index], c, measured)
		}
	}

	report := renderReport(opts, machine, results)
	fmt.Print(report)

	if opts.out != "" {
		if err := os.WriteFile(opts.out, []byte(report), 0o644); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
	}

	return nil
}
