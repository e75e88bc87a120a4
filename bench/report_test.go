package main

import (
	"testing"
	"time"
)

func TestExtraIsTheMedianOfEachRoundsDifference(t *testing.T) {
	ms := time.Millisecond
	cases := map[string]struct {
		fast, slow []time.Duration
		want       time.Duration
	}{
		"odd rounds take the middle difference": {
			fast: []time.Duration{100 * ms, 900 * ms, 100 * ms},
			slow: []time.Duration{130 * ms, 1000 * ms, 400 * ms},
			want: 100 * ms,
		},
		"even rounds average the two middle ones": {
			fast: []time.Duration{100 * ms, 100 * ms, 100 * ms, 100 * ms},
			slow: []time.Duration{90 * ms, 110 * ms, 130 * ms, 500 * ms},
			want: 20 * ms,
		},
		"a round without its partner is left out": {
			fast: []time.Duration{100 * ms},
			slow: []time.Duration{150 * ms, 900 * ms},
			want: 50 * ms,
		},
		"no rounds, no extra": {},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := pair{fast: measurement{rounds: tc.fast}, slow: measurement{rounds: tc.slow}}
			if got := p.extra(); got != tc.want {
				t.Errorf("extra() = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestLatencyPairAlternatesWhichRunsFirst(t *testing.T) {
	opts := options{latency: 20 * time.Millisecond}

	for round, wantFirst := range map[int]time.Duration{1: 0, 2: opts.latency, 3: 0} {
		got := latencyPair(opts, 100, true, round)
		if len(got) != 2 || got[0].latency != wantFirst || got[0].latency == got[1].latency {
			t.Errorf("round %d: latencyPair() = %v, want the %s case first and the other second", round, got, wantFirst)
		}
	}
}

func TestSharingOffRunsOnlyInTheFirstRounds(t *testing.T) {
	opts := options{repeat: 9, unsharedRepeat: 2}

	for round := 1; round <= opts.repeat; round++ {
		modes := sharingModes(opts, round)
		wantOff := round <= 2
		if hasOff := len(modes) == 2 && !modes[1]; hasOff != wantOff || !modes[0] {
			t.Errorf("round %d: sharingModes() = %v, want shared, and off only in rounds 1 and 2", round, modes)
		}
	}
}
