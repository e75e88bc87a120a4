package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// machine describes where the numbers were taken.
type machine struct {
	cpu       string
	cores     int
	goVersion string
	terraform string
	system    string
	load      string
	date      string
}

func describeMachine(ctx context.Context, terraform string) (machine, error) {
	out, err := exec.CommandContext(ctx, terraform, "version", "-json").Output()
	if err != nil {
		return machine{}, fmt.Errorf("running %s version (is Terraform on PATH?): %w", terraform, err)
	}

	var version struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &version); err != nil {
		return machine{}, fmt.Errorf("reading %s version -json: %w", terraform, err)
	}

	return machine{
		cpu:       cpuModel(),
		cores:     runtime.NumCPU(),
		goVersion: runtime.Version(),
		terraform: version.TerraformVersion,
		system:    runtime.GOOS + "/" + runtime.GOARCH + " " + firstLine("/proc/sys/kernel/osrelease"),
		load:      firstLine("/proc/loadavg"),
		date:      time.Now().UTC().Format("2006-01-02 15:04 MST"),
	}, nil
}

func cpuModel() string {
	file, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer func() { _ = file.Close() }()

	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if name, value, found := strings.Cut(scanner.Text(), ":"); found && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}

	return "unknown"
}

func firstLine(path string) string {
	content, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}

	line, _, _ := strings.Cut(string(content), "\n")

	return strings.TrimSpace(line)
}

// pair is the 0 ms and the slow run of one size, sharing mode and phase.
type pair struct {
	size        int
	phase       string
	fast, slow  measurement
	latency     time.Duration
	parallelism int
}

// differences are the slow run's wall time minus the 0 ms run's, round by
// round.
func (p pair) differences() []time.Duration {
	differences := make([]time.Duration, 0, len(p.slow.rounds))
	for round := range min(len(p.slow.rounds), len(p.fast.rounds)) {
		differences = append(differences, p.slow.rounds[round]-p.fast.rounds[round])
	}

	return differences
}

// extra is the median, over the rounds, of the slow run's wall time minus
// that of the 0 ms run of the same round. The two ran back to back, so a
// shared machine's slow spells, which last longer and move either run's
// fastest time by seconds, mostly cancel out, and the median drops the
// rounds where one struck between them.
func (p pair) extra() time.Duration {
	differences := p.differences()
	if len(differences) == 0 {
		return 0
	}

	slices.Sort(differences)
	middle := len(differences) / 2
	if len(differences)%2 == 0 {
		return (differences[middle-1] + differences[middle]) / 2
	}

	return differences[middle]
}

func (p pair) floor() time.Duration {
	return phaseFloor(p.phase, p.size, p.parallelism, p.slow.counts, p.latency)
}

// count shows a route's requests in both runs, once when they agree.
func (p pair) count(route emulator.Route) string {
	fast, slow := p.fast.counts[route], p.slow.counts[route]
	if fast == slow {
		return fmt.Sprint(slow)
	}

	return fmt.Sprintf("%d / %d", fast, slow)
}

func (p pair) total() (fast, slow int) {
	for _, count := range p.fast.counts {
		fast += count
	}

	for _, count := range p.slow.counts {
		slow += count
	}

	return fast, slow
}

// pairs groups results by size, sharing and phase.
func pairs(opts options, results []result) map[bool]map[int]map[string]pair {
	grouped := map[bool]map[int]map[string]pair{true: {}, false: {}}

	for _, r := range results {
		bySize := grouped[r.shared]
		if bySize[r.size] == nil {
			bySize[r.size] = map[string]pair{}
		}

		for phase, m := range r.phases {
			p := bySize[r.size][phase]
			p.size, p.phase, p.latency, p.parallelism = r.size, phase, opts.latency, opts.parallelism
			if r.latency == 0 {
				p.fast = m
			} else {
				p.slow = m
			}

			bySize[r.size][phase] = p
		}
	}

	return grouped
}

func renderReport(opts options, host machine, results []result) string {
	grouped := pairs(opts, results)
	slow := milliseconds(opts.latency)

	var out strings.Builder
	fmt.Fprintf(&out, "# Benchmark: shared list walks\n\n")
	fmt.Fprintf(&out, "Written by `make bench` (bench/main.go) on %s. Each case applies N `unipile_webhook`s "+
		"with the real Terraform CLI against the in-process emulator, runs a plan that must find no changes, "+
		"then destroys them; the emulator adds 0 ms or %s to every request. Terraform runs with "+
		"`-parallelism=%d`; list pages hold 250 webhooks. With shared walks every size ran in %d rounds, "+
		"with sharing off in %d. In a round the 0 ms and the slow case of a size run phase by phase, each "+
		"against its own emulator, so that the two applies, plans and destroys come seconds apart; the 0 ms "+
		"run goes first in odd rounds and second in even ones. Each phase shows its fastest wall times and "+
		"its highest request counts.\n\n",
		host.date, slow, opts.parallelism, opts.repeat, opts.unsharedRepeat)

	fmt.Fprintf(&out, "## Machine\n\n")
	fmt.Fprintf(&out, "- CPU: %s, %d cores (`nproc`); load average when the run began: %s\n", host.cpu, host.cores, host.load)
	fmt.Fprintf(&out, "- Go %s, Terraform %s, %s\n\n", host.goVersion, host.terraform, host.system)

	fmt.Fprintf(&out, "## With shared list walks\n\n")
	fmt.Fprintf(&out, "Requests are those of the %[1]s run, or `0 ms / %[1]s` where the two runs differ. "+
		"*Extra* is the wall time the latency adds: the %[1]s run minus the 0 ms run of the same round, the "+
		"median over the rounds, since the machine's speed drifts; *floor* is the least it should "+
		"add: the creates or deletes divided by the parallelism, times the latency, or one walk of the list "+
		"for a plan. Terraform's own work can hide latency, so extra may come out below the floor, and at "+
		"10 webhooks it is within the noise of a shared machine (tens of milliseconds either way). "+
		"*Walks* is the part of the extra spent with only list pages in flight, when every slot with a "+
		"webhook to read back waits for a walk; *writes and Terraform* is the rest: creates and deletes in "+
		"flight, and Terraform's and the provider's own work that they no longer overlap.\n\n", slow)
	out.WriteString(sharedTable(opts, grouped[true]))

	fmt.Fprintf(&out, "\n## Sharing off (`UNIPILE_DISABLE_LIST_SHARING=1`) against on\n\n")
	out.WriteString(comparisonTable(opts, grouped))

	if largest := opts.sizes[len(opts.sizes)-1]; largest == 500 {
		fmt.Fprintf(&out, "\n## Targets for 500 webhooks\n\n")
		out.WriteString(targetTable(grouped[true][500]))
		out.WriteString(applyBreakdown(grouped[true][500][phaseApply]))
		out.WriteString(roundSpread(grouped[true][500]))
	}

	return out.String()
}

func sharedTable(opts options, bySize map[int]map[string]pair) string {
	var out strings.Builder
	out.WriteString("| webhooks | phase | list | create | delete | total | wall 0 ms | wall " + milliseconds(opts.latency) +
		" | extra | floor | extra ÷ floor | walks | writes and Terraform |\n")
	out.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")

	for _, size := range opts.sizes {
		for _, phase := range phases {
			p := bySize[size][phase]
			fastTotal, slowTotal := p.total()
			total := fmt.Sprint(slowTotal)
			if fastTotal != slowTotal {
				total = fmt.Sprintf("%d / %d", fastTotal, slowTotal)
			}

			walks := p.slow.activity.listing - p.fast.activity.listing
			fmt.Fprintf(&out, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				size, phase, p.count(emulator.RouteList), p.count(emulator.RouteCreate), p.count(emulator.RouteDelete),
				total, seconds(p.fast.wall), seconds(p.slow.wall), seconds(p.extra()), seconds(p.floor()),
				ratio(p.extra(), p.floor()), seconds(walks), seconds(p.extra()-walks))
		}
	}

	return out.String()
}

func comparisonTable(opts options, grouped map[bool]map[int]map[string]pair) string {
	slow := milliseconds(opts.latency)

	var out strings.Builder
	out.WriteString("| webhooks | phase | list requests on | off | off ÷ on | wall " + slow + " on | off | extra on | off |\n")
	out.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")

	for _, size := range opts.sizes {
		for _, phase := range phases {
			on, off := grouped[true][size][phase], grouped[false][size][phase]
			onLists, offLists := on.slow.counts[emulator.RouteList], off.slow.counts[emulator.RouteList]

			saved := "–"
			if onLists > 0 {
				saved = fmt.Sprintf("%.0f×", float64(offLists)/float64(onLists))
			}

			fmt.Fprintf(&out, "| %d | %s | %d | %d | %s | %s | %s | %s | %s |\n", size, phase, onLists, offLists, saved,
				seconds(on.slow.wall), seconds(off.slow.wall), seconds(on.extra()), seconds(off.extra()))
		}
	}

	return out.String()
}

func targetTable(byPhase map[string]pair) string {
	apply, plan, destroy := byPhase[phaseApply], byPhase[phasePlan], byPhase[phaseDestroy]
	applyFast, applySlow := apply.total()
	planLists := max(plan.fast.counts[emulator.RouteList], plan.slow.counts[emulator.RouteList])
	destroyLists := max(destroy.fast.counts[emulator.RouteList], destroy.slow.counts[emulator.RouteList])
	destroyDeletes := min(destroy.fast.counts[emulator.RouteDelete], destroy.slow.counts[emulator.RouteDelete])
	maxDeletes := max(destroy.fast.counts[emulator.RouteDelete], destroy.slow.counts[emulator.RouteDelete])

	rows := []struct {
		target, measured string
		met              bool
	}{
		{"no-change plan: at most 5 list requests", fmt.Sprint(planLists), planLists <= 5},
		{"no-change plan: latency adds at most 0.2 s", seconds(plan.extra()), plan.extra() <= 200*time.Millisecond},
		{"apply: at most 600 requests", fmt.Sprint(max(applyFast, applySlow)), max(applyFast, applySlow) <= 600},
		{"apply: extra time within 3× its floor", ratio(apply.extra(), apply.floor()), apply.extra() <= 3*apply.floor()},
		{"destroy: 500 deletes", fmt.Sprint(maxDeletes), destroyDeletes == 500 && maxDeletes == 500},
		{"destroy: at most 5 list requests", fmt.Sprint(destroyLists), destroyLists <= 5},
		{"destroy: extra time within 1.5× its floor", ratio(destroy.extra(), destroy.floor()),
			2*destroy.extra() <= 3*destroy.floor()},
	}

	var out strings.Builder
	out.WriteString("| target | measured | met |\n|---|---:|---|\n")
	for _, row := range rows {
		met := "yes"
		if !row.met {
			met = "**no**"
		}

		fmt.Fprintf(&out, "| %s | %s | %s |\n", row.target, row.measured, met)
	}

	return out.String()
}

// applyBreakdown says where the apply's extra time beyond its floor goes.
func applyBreakdown(apply pair) string {
	fast, slow := apply.fast.activity, apply.slow.activity
	walks := slow.listing - fast.listing
	writes := slow.writing - fast.writing
	idle := slow.idle - fast.idle

	return fmt.Sprintf("\nWhere the apply's extra %s goes, against a floor of %s: %s is walks, the %d list "+
		"requests of one walk per batch of read-backs, during which no create runs, since a read-back needs a "+
		"walk that begins after its create returned and every slot of the batch waits for it; the other %s is "+
		"the creates themselves (between the fastest runs, time with a create in flight grew by %s, but it "+
		"overlaps Terraform's own work, so time with no request in flight shrank by %s), which is the floor "+
		"plus creates not always running %d at once. Smaller batches would let walks overlap creates, but at more list requests than the "+
		"600-request budget allows.\n",
		seconds(apply.extra()), seconds(apply.floor()), seconds(walks), apply.slow.counts[emulator.RouteList],
		seconds(apply.extra()-walks), seconds(writes), seconds(-idle), apply.parallelism)
}

// roundSpread lists every round's difference at 500 webhooks, so that a
// reader sees how far the machine's noise moves the median's inputs.
func roundSpread(byPhase map[string]pair) string {
	var out strings.Builder
	out.WriteString("\nThe rounds' differences at 500 webhooks, slow run minus 0 ms run, in the order they ran:\n\n")

	for _, phase := range phases {
		shown := make([]string, 0, len(byPhase[phase].slow.rounds))
		for _, difference := range byPhase[phase].differences() {
			shown = append(shown, fmt.Sprintf("%.2f", difference.Seconds()))
		}

		fmt.Fprintf(&out, "- %s: %s s (median %s)\n", phase, strings.Join(shown, ", "), seconds(byPhase[phase].extra()))
	}

	return out.String()
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func milliseconds(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

func ratio(extra, floor time.Duration) string {
	if floor <= 0 {
		return "–"
	}

	return fmt.Sprintf("%.2f", extra.Seconds()/floor.Seconds())
}
