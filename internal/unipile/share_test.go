package unipile

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// These tests check list sharing against the emulator, which counts list
// requests; each page of a walk is one request.

const shareKey = "share-key"

func startShared(t *testing.T, latency time.Duration, adjust ...func(*Config)) (*emulator.Instance, *Client) {
	t.Helper()

	instance, err := emulator.Start(emulator.Options{APIKey: shareKey, Seed: 7, Latency: latency})
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}

	t.Cleanup(instance.Close)

	cfg := Config{
		DSN:        instance.URL,
		APIKey:     shareKey,
		MaxRetries: DefaultMaxRetries,
		MinBackoff: time.Millisecond,
		MaxBackoff: 5 * time.Millisecond,
	}
	for _, change := range adjust {
		change(&cfg)
	}

	client, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	return instance, client
}

func seedHooks(instance *emulator.Instance, n int) []string {
	ids := make([]string, n)
	for index := range ids {
		ids[index] = instance.Seed(emulator.Webhook{
			Source:     SourceMessaging,
			RequestURL: fmt.Sprintf("https://example.com/seeded/%d", index),
			Format:     FormatJSON,
			Enabled:    true,
			Events:     []string{"message_received"},
		})
	}

	return ids
}

func hookRequest(index int) CreateWebhookRequest {
	return CreateWebhookRequest{
		RequestURL: fmt.Sprintf("https://example.com/created/%d", index),
		Source:     SourceMessaging,
		Events:     []string{"message_received"},
	}
}

func expectLists(t *testing.T, instance *emulator.Instance, want int) {
	t.Helper()

	if got := instance.Count(emulator.RouteList); got != want {
		t.Errorf("made %d list requests, want %d", got, want)
	}
}

// getAll runs one Get per id at once and fails the test on any error.
func getAll(t *testing.T, client *Client, ids []string) {
	t.Helper()

	var group sync.WaitGroup
	errs := make([]error, len(ids))
	for index, id := range ids {
		group.Go(func() {
			got, err := client.Get(t.Context(), id)
			if err == nil && got.ID != id {
				err = fmt.Errorf("got webhook %q", got.ID)
			}

			errs[index] = err
		})
	}
	group.Wait()

	if err := errors.Join(errs...); err != nil {
		t.Fatalf("Get: %v", err)
	}
}

func TestConcurrentGetsShareOneWalk(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		disable   bool
		wantLists int
	}{
		"shared":   {wantLists: 3},
		"disabled": {disable: true, wantLists: 3 * 20},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			instance, client := startShared(t, 5*time.Millisecond, func(cfg *Config) {
				cfg.DisableListSharing = test.disable
			})

			// 600 webhooks are three pages; the last 20 are on the last one,
			// so even a walk that stops early reads all three.
			ids := seedHooks(instance, 600)
			getAll(t, client, ids[580:])

			expectLists(t, instance, test.wantLists)
		})
	}
}

func TestGetAfterCreateFindsTheNewWebhook(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0)
	seeded := seedHooks(instance, 3)
	getAll(t, client, seeded)

	id, err := client.Create(t.Context(), hookRequest(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	getAll(t, client, []string{id})
	expectLists(t, instance, 2)

	// The refreshed snapshot now serves both the old and the new webhook.
	getAll(t, client, append(seeded, id))
	expectLists(t, instance, 2)
}

func TestReadBacksOfConcurrentCreatesShareOneWalk(t *testing.T) {
	t.Parallel()

	const creates = 20

	instance, client := startShared(t, 50*time.Millisecond)

	// Waits far longer than the test show that the walk starts because
	// every create is waiting for it, not because time ran out.
	client.share.window, client.share.quiet = time.Hour, time.Hour

	start := make(chan struct{})
	ids := make([]string, creates)
	errs := make([]error, creates)

	var group sync.WaitGroup
	for index := range creates {
		group.Go(func() {
			<-start

			id, err := client.Create(t.Context(), hookRequest(index))
			if err == nil {
				_, err = client.Get(t.Context(), id)
			}

			ids[index], errs[index] = id, err
		})
	}
	close(start)
	group.Wait()

	if err := errors.Join(errs...); err != nil {
		t.Fatalf("Create then Get: %v", err)
	}

	// One walk before the first creates, which they all waited for, and
	// one for all the read-backs.
	expectLists(t, instance, 2)

	getAll(t, client, ids)
	expectLists(t, instance, 2)
}

func TestGetAfterDeleteIsNotFoundWithoutAWalk(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		// outOfBand removes the webhook first, so the delete gets a 404.
		outOfBand bool
	}{
		"deleted":                  {},
		"already gone when delete": {outOfBand: true},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			instance, client := startShared(t, 0)
			ids := seedHooks(instance, 2)
			getAll(t, client, ids)

			if test.outOfBand {
				instance.Remove(ids[1])
			}

			if err := client.Delete(t.Context(), ids[1]); err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatalf("Delete: %v", err)
			}

			if _, err := client.Get(t.Context(), ids[1]); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get of the deleted webhook = %v, want ErrNotFound", err)
			}

			listed, err := client.List(t.Context())
			if err != nil || len(listed) != 1 || listed[0].ID != ids[0] {
				t.Errorf("List = %v, %v; want only %s", listed, err, ids[0])
			}

			expectLists(t, instance, 1)
		})
	}
}

func TestSnapshotExpires(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0)

	var clock atomic.Int64
	client.share.now = func() time.Time { return time.Unix(0, clock.Load()) }

	ids := seedHooks(instance, 2)
	getAll(t, client, ids)
	instance.Remove(ids[0])

	// Within its lifetime the snapshot answers as of its walk.
	getAll(t, client, ids)
	expectLists(t, instance, 1)

	clock.Add(int64(snapshotLifetime))

	if _, err := client.Get(t.Context(), ids[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a webhook removed out of band = %v, want ErrNotFound", err)
	}

	getAll(t, client, ids[1:])
	expectLists(t, instance, 2)
}

func TestListAfterCreateWalksAgain(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0)
	seedHooks(instance, 1)

	if _, err := client.List(t.Context()); err != nil {
		t.Fatalf("List: %v", err)
	}

	id, err := client.Create(t.Context(), hookRequest(1))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	for range 2 {
		listed, err := client.List(t.Context())
		if err != nil || len(listed) != 2 || listed[1].ID != id {
			t.Fatalf("List = %v, %v; want the seeded webhook and %s", listed, err, id)
		}
	}

	expectLists(t, instance, 2)
}

func TestFailedWalkLeavesNoSnapshot(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0, func(cfg *Config) { cfg.MaxRetries = 0 })
	ids := seedHooks(instance, 1)
	instance.Inject(emulator.Fault{Route: emulator.RouteList, Kind: emulator.FaultStatus, Status: 503, Times: 1})

	if _, err := client.Get(t.Context(), ids[0]); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("Get during a 503 = %v, want the 503", err)
	}

	getAll(t, client, ids)
	expectLists(t, instance, 2)
}

func TestCancelledWaiterLeavesTheWalkToOthers(t *testing.T) {
	t.Parallel()

	// The latency holds the walk open long enough for both callers to join
	// it; the steps below wait on the share's state, never on the clock.
	instance, client := startShared(t, 500*time.Millisecond)
	ids := seedHooks(instance, 1)

	// The first Get starts the walk and gives up once the second has
	// joined it; the second still gets its answer from that same walk.
	first, cancelFirst := context.WithCancel(t.Context())
	defer cancelFirst()

	var group sync.WaitGroup
	var firstErr, secondErr error
	group.Go(func() { _, firstErr = client.Get(first, ids[0]) })
	waitForWalkWaiters(t, client.share, 1)

	group.Go(func() { _, secondErr = client.Get(t.Context(), ids[0]) })
	waitForWalkWaiters(t, client.share, 2)

	cancelFirst()
	group.Wait()

	if !errors.Is(firstErr, context.Canceled) {
		t.Errorf("Get whose context was cancelled = %v, want context.Canceled", firstErr)
	}

	if secondErr != nil {
		t.Errorf("Get that stayed = %v, want the webhook", secondErr)
	}

	expectLists(t, instance, 1)
}

// waitForWalkWaiters blocks until the walk under way has want callers
// waiting for it, and fails the test if that takes implausibly long.
func waitForWalkWaiters(t *testing.T, share *listShare, want int) {
	t.Helper()

	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		share.mu.Lock()
		joined := share.running != nil && share.running.waiters == want
		share.mu.Unlock()

		if joined {
			return
		}

		time.Sleep(time.Millisecond)
	}

	t.Fatalf("no walk had %d waiters within 10s", want)
}

func TestAbandonedWalkIsNotReused(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 100*time.Millisecond)
	ids := seedHooks(instance, 1)

	short, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()

	if _, err := client.Get(short, ids[0]); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Get with an expired context = %v, want context.DeadlineExceeded", err)
	}

	getAll(t, client, ids)
}

// TestSharingUnderConcurrency mixes every call at once, for the race
// detector and for the promises that must hold whatever the interleaving.
func TestSharingUnderConcurrency(t *testing.T) {
	t.Parallel()

	const workers, rounds = 8, 6

	instance, client := startShared(t, time.Millisecond)
	seeded := seedHooks(instance, 300)

	var group sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for worker := range workers {
		group.Go(func() {
			for round := range rounds {
				errs <- sharedRound(t.Context(), client, seeded[worker*rounds+round], worker*rounds+round)
			}
		})
	}
	group.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// sharedRound creates a webhook, reads it back, lists, deletes it and
// checks it is gone, reading a seeded webhook along the way.
func sharedRound(ctx context.Context, client *Client, seeded string, index int) error {
	id, err := client.Create(ctx, hookRequest(index))
	if err != nil {
		return fmt.Errorf("creating webhook %d: %w", index, err)
	}

	if got, err := client.Get(ctx, id); err != nil {
		return fmt.Errorf("reading back new webhook %s: %w", id, err)
	} else if got.ID != id {
		return fmt.Errorf("reading back new webhook %s gave %s", id, got.ID)
	}

	if _, err := client.Get(ctx, seeded); err != nil {
		return fmt.Errorf("reading seeded webhook %s: %w", seeded, err)
	}

	listed, err := client.List(ctx)
	if err != nil {
		return fmt.Errorf("listing: %w", err)
	}

	if !holds(listed, id) {
		return fmt.Errorf("the list after creating %s lacks it", id)
	}

	if err := client.Delete(ctx, id); err != nil {
		return fmt.Errorf("deleting %s: %w", id, err)
	}

	if _, err := client.Get(ctx, id); !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("reading deleted webhook %s = %v, want ErrNotFound", id, err)
	}

	return nil
}

func holds(webhooks []Webhook, id string) bool {
	for _, webhook := range webhooks {
		if webhook.ID == id {
			return true
		}
	}

	return false
}

func TestSharedWebhooksAreCopies(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0)
	ids := seedHooks(instance, 1)

	first, err := client.Get(t.Context(), ids[0])
	if err != nil {
		t.Fatalf("Get: %v", err)
	}

	first.Events[0] = "changed"
	*first.Enabled = false

	second, err := client.Get(t.Context(), ids[0])
	if err != nil {
		t.Fatalf("Get: %v", err)
	}

	if second.Events[0] != "message_received" || !*second.Enabled {
		t.Errorf("a change to one Get's result showed in the next: %+v", second)
	}
}

// TestReadBackAfterAQuietSpellStartsItsWalk is the end of an apply: fewer
// creates remain than were ever in flight at once, so not every slot will
// wait for the walk, and the quiet period rather than the window starts it.
func TestReadBackAfterAQuietSpellStartsItsWalk(t *testing.T) {
	t.Parallel()

	instance, client := startShared(t, 0)
	client.share.window, client.share.quiet = time.Hour, 10*time.Millisecond

	// Two creates ran at once earlier, and failed.
	client.share.createStarted()
	client.share.createStarted()
	client.share.createEnded("")
	client.share.createEnded("")

	// With the window an hour long, only the quiet period can start this
	// walk; the deadline turns a hang into a failure.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()

	id, err := client.Create(ctx, hookRequest(1))
	if err == nil {
		_, err = client.Get(ctx, id)
	}

	if err != nil {
		t.Fatalf("the lone read-back: %v", err)
	}

	// The walk before the create, then the read-back's.
	expectLists(t, instance, 2)
}

// TestBatchTimingsLearnFromFullBatches follows the window and the quiet
// period as full batches of read-backs teach them how slow the machine is:
// they rise at once, fall slowly and stay within their bounds.
func TestBatchTimingsLearnFromFullBatches(t *testing.T) {
	t.Parallel()

	share := newListShare(nil, nil)
	start := time.Now()
	batch := func(gather, lull time.Duration) {
		share.learn(&refresh{asked: start, lull: lull}, start.Add(gather))
	}

	steps := []struct {
		name          string
		gather, lull  time.Duration
		window, quiet time.Duration
	}{
		{"nothing learned yet", 0, 0, refreshBatchWindow, refreshQuietPeriod},
		{"a quick batch keeps the floors", 20 * time.Millisecond, 5 * time.Millisecond, refreshBatchWindow, refreshQuietPeriod},
		{"a slow batch doubles", 200 * time.Millisecond, 40 * time.Millisecond, 400 * time.Millisecond, 80 * time.Millisecond},
		{"a quick one after it lowers them by a quarter of the way", 40 * time.Millisecond, 0, 320 * time.Millisecond, 60 * time.Millisecond},
		{"a very slow batch is capped", 5 * time.Second, 2 * time.Second, maxRefreshBatchWindow, maxRefreshBatchWindow},
	}

	for _, step := range steps {
		if step.gather > 0 || step.lull > 0 {
			batch(step.gather, step.lull)
		}

		if got := share.batchWindow(); got != step.window {
			t.Errorf("%s: window %s, want %s", step.name, got, step.window)
		}

		if got := share.quietPeriod(); got != step.quiet {
			t.Errorf("%s: quiet period %s, want %s", step.name, got, step.quiet)
		}
	}
}
