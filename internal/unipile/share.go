package unipile

import (
	"context"
	"sync"
	"time"
)

// How long a shared snapshot serves reads, and how long a refresh that only
// some of the client's callers are waiting for holds off for the others: at
// most the batch window, and no longer than the quiet period once no create
// is in flight and nothing else happens, as at the end of an apply.
//
// Both are floors. Handing a slot its next create takes Terraform about ten
// milliseconds on an idle two-core machine, but well over fifty on a loaded
// one, where a fixed quiet period would start a walk for every few
// read-backs. So each refresh that every slot joined teaches the share how
// long such a batch takes to gather and the longest lull within it; the
// window becomes twice the one and the quiet period twice the other, up to
// maxRefreshBatchWindow.
const (
	snapshotLifetime      = time.Minute
	refreshBatchWindow    = 250 * time.Millisecond
	refreshQuietPeriod    = 50 * time.Millisecond
	maxRefreshBatchWindow = time.Second
)

// listShare lets the calls of one Client share walks of the webhook list.
//
// Unipile has no route for one webhook, so reading N webhooks one walk at a
// time costs N walks. The provider builds one Client per configuration, and
// Terraform runs a fresh provider process for every operation (plan, apply,
// refresh, import), so one Client serves one operation: its Gets and Lists
// can share a snapshot, the result of one complete walk. Concurrent callers
// that need a walk wait for the same one instead of each starting their own.
//
// Three rules keep the snapshot honest:
//
//   - It is valid for snapshotLifetime, counted from the moment its walk
//     began, which is the moment it may describe. A minute is several times
//     the longest walk expected (10,000 webhooks are 40 pages) and longer
//     than the refresh of one Terraform operation, yet short against the
//     time a user takes between reading a plan and applying it, which is
//     the staleness Terraform accepts anyway. A call after it expires walks
//     again, so nothing older survives in a long-lived process.
//   - The client's own writes are applied to it. An id this client deleted
//     (Unipile answered 200 or 404) is gone for good, since ids are never
//     reused, so Get reports it missing without a walk and no walk that was
//     under way during the delete brings it back. An id this client created
//     is expected to exist: when the snapshot lacks it, Get waits for a walk
//     that begins after Get was called rather than report it missing, and
//     List does the same after any create that returned once the snapshot's
//     walk had begun.
//   - A failed or cancelled walk leaves no snapshot behind.
//
// So Get reports a webhook missing only when this client deleted it, or
// when a complete walk begun at most snapshotLifetime ago, within this
// operation, did not list it and this client did not create it: the answer
// a Read of its own would have got when that walk began. Webhooks changed
// by someone else during the operation may be seen as they were then, as
// if the reads had all happened at that moment.
//
// Shared walks fetch pages like any other walk, so the ledger behind
// Create's duplicate guard still sees every id they list; Create's own
// search for a lost webhook never uses a snapshot, since it must see what
// exists after the create.
//
// Reading back a batch of new webhooks needs a walk that begins after their
// creates return. Terraform creates a few at a time (ten by default), so a
// refresh asked for by such a read waits until every create and read of
// this client in flight is waiting for it, or until no create is in flight
// and none has started or ended for the quiet period, or at most the batch
// window (both learned, see refreshBatchWindow), and one walk answers them
// all. Walks never overlap: a refresh asked for while one runs starts when
// it ends. A read that merely has no snapshot joins the walk under way, or
// starts one at once.
type listShare struct {
	lifetime time.Duration
	window   time.Duration
	quiet    time.Duration
	now      func() time.Time
	walk     func(ctx context.Context) ([]Webhook, error)
	log      Logger

	mu       sync.Mutex
	current  *snapshot
	running  *refresh
	pending  *refresh
	creates  uint64 // creates that have returned an id
	created  map[string]struct{}
	deleted  map[string]struct{}
	creating int // creates in flight
	waiting  int // callers blocked until a refresh ends
	busiest  int // the most of creating+waiting seen at once

	// What full batches took: see batchWindow and quietPeriod.
	learnedGather time.Duration
	learnedLull   time.Duration
}

// snapshot is the outcome of one complete walk. It is never changed once
// made, so it may be read without the lock.
type snapshot struct {
	began   time.Time
	creates uint64 // creates that had returned when the walk began
	items   []Webhook
	index   map[string]int
}

// refresh is one walk and the callers waiting for it.
type refresh struct {
	done    chan struct{}
	result  *snapshot
	err     error
	waiters int
	due     bool          // start as soon as no walk runs: someone would take any walk, or waiting is over
	trigger string        // what made it due, for the log
	asked   time.Time     // when the first caller asked for it
	stirred time.Time     // the latest activity while it was pending
	lull    time.Duration // the longest time between two activities
	window  *time.Timer
	quiet   *time.Timer
	ctx     context.Context
	cancel  context.CancelFunc
}

func newListShare(walk func(ctx context.Context) ([]Webhook, error), log Logger) *listShare {
	return &listShare{
		lifetime: snapshotLifetime,
		window:   refreshBatchWindow,
		quiet:    refreshQuietPeriod,
		now:      time.Now,
		walk:     walk,
		log:      log,
		created:  make(map[string]struct{}),
		deleted:  make(map[string]struct{}),
	}
}

// get finds id the way Client.Get promises, walking only when the rules in
// the type's comment require it.
func (s *listShare) get(ctx context.Context, id string) (*Webhook, bool, error) {
	s.mu.Lock()
	if _, gone := s.deleted[id]; gone {
		s.mu.Unlock()

		return nil, false, nil
	}

	snap := s.validSnapshot()
	_, expected := s.created[id]
	s.mu.Unlock()

	if found, ok := s.lookup(snap, id); ok {
		return found, true, nil
	}

	var err error
	switch {
	case expected:
		snap, err = s.await(ctx, false)
	case snap == nil:
		snap, err = s.await(ctx, true)
	}

	if err != nil {
		return nil, false, err
	}

	found, ok := s.lookup(snap, id)

	return found, ok, nil
}

// list returns every webhook of a snapshot that holds all of this client's
// creates so far, less the ones it deleted.
func (s *listShare) list(ctx context.Context) ([]Webhook, error) {
	s.mu.Lock()
	snap := s.validSnapshot()
	s.mu.Unlock()

	var err error
	if snap == nil {
		if snap, err = s.await(ctx, true); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	stale := s.creates > snap.creates
	s.mu.Unlock()

	if stale {
		if snap, err = s.await(ctx, false); err != nil {
			return nil, err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()

	all := make([]Webhook, 0, len(snap.items))
	for _, item := range snap.items {
		if _, gone := s.deleted[item.ID]; !gone {
			all = append(all, item.clone())
		}
	}

	return all, nil
}

// lookup returns a copy of the webhook with id, unless it was deleted.
func (s *listShare) lookup(snap *snapshot, id string) (*Webhook, bool) {
	if snap == nil {
		return nil, false
	}

	position, listed := snap.index[id]
	if !listed {
		return nil, false
	}

	s.mu.Lock()
	_, gone := s.deleted[id]
	s.mu.Unlock()

	if gone {
		return nil, false
	}

	found := snap.items[position].clone()

	return &found, true
}

// validSnapshot returns the current snapshot if it has not expired. The
// caller holds s.mu.
func (s *listShare) validSnapshot() *snapshot {
	if s.current == nil || s.now().Sub(s.current.began) >= s.lifetime {
		return nil
	}

	return s.current
}

// await blocks until a walk ends and returns its snapshot. With anyWalk, the
// walk under way will do, or else one starts at once; without it, the walk
// must begin after this call, and may be held for a batch.
func (s *listShare) await(ctx context.Context, anyWalk bool) (*snapshot, error) {
	s.mu.Lock()

	r := s.running
	if !anyWalk || r == nil {
		if s.pending == nil {
			s.pending = s.newRefresh(ctx)
		}

		r = s.pending
		if anyWalk && !r.due {
			r.due, r.trigger = true, "no snapshot"
		}
	}

	r.waiters++
	s.waiting++
	s.noteBusy()
	s.activity()
	s.startIfDue()
	s.mu.Unlock()

	select {
	case <-r.done:
		s.mu.Lock()
		s.waiting--
		s.mu.Unlock()

		return r.result, r.err
	case <-ctx.Done():
		s.leave(r)

		return nil, ctx.Err()
	}
}

// leave withdraws a waiter whose context ended; a refresh nobody waits for
// any more is abandoned.
func (s *listShare) leave(r *refresh) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.waiting--
	r.waiters--
	if r.waiters > 0 {
		return
	}

	r.cancel()
	switch r {
	case s.pending:
		r.stopTimers()
		s.pending = nil
	case s.running:
		s.running = nil
		s.startIfDue()
	}
}

// newRefresh makes a refresh whose walk runs under ctx, for its logging and
// masking, but ends only when every waiter has gone. The caller holds s.mu.
func (s *listShare) newRefresh(ctx context.Context) *refresh {
	r := &refresh{done: make(chan struct{}), asked: s.now()}
	r.stirred = r.asked
	r.ctx, r.cancel = context.WithCancel(context.WithoutCancel(ctx))

	r.window = time.AfterFunc(s.batchWindow(), func() {
		s.mu.Lock()
		defer s.mu.Unlock()

		r.due, r.trigger = true, "window"
		s.startIfDue()
	})

	// A create in flight will be read back soon; createEnded restarts the
	// quiet period, so the walk waits for that read.
	r.quiet = time.AfterFunc(s.quietPeriod(), func() {
		s.mu.Lock()
		defer s.mu.Unlock()

		if s.creating == 0 {
			r.due, r.trigger = true, "quiet"
			s.startIfDue()
		}
	})

	return r
}

// activity restarts the quiet period of the pending refresh: a create
// started or ended, or a caller began to wait. The caller holds s.mu.
func (s *listShare) activity() {
	r := s.pending
	if r == nil {
		return
	}

	now := s.now()
	r.lull = max(r.lull, now.Sub(r.stirred))
	r.stirred = now
	r.quiet.Reset(s.quietPeriod())
}

// batchWindow is how long a refresh may wait for its batch: twice what a
// full batch has taken to gather, within refreshBatchWindow (or the window
// a test set) and maxRefreshBatchWindow. The caller holds s.mu.
func (s *listShare) batchWindow() time.Duration {
	return max(s.window, min(2*s.learnedGather, maxRefreshBatchWindow))
}

// quietPeriod is how long a lull must last before a refresh stops waiting
// for more of its batch: twice the longest lull seen within a full batch,
// at least refreshQuietPeriod (or the period a test set) and at most the
// batch window. The caller holds s.mu.
func (s *listShare) quietPeriod() time.Duration {
	return max(s.quiet, min(2*s.learnedLull, s.batchWindow()))
}

// learn takes the timings of a refresh that every slot joined. The
// averages rise at once and fall slowly, so that one quick batch on a
// loaded machine does not bring back walks for every few read-backs. The
// caller holds s.mu.
func (s *listShare) learn(r *refresh, began time.Time) {
	blend := func(learned, seen time.Duration) time.Duration {
		if seen >= learned {
			return seen
		}

		return (3*learned + seen) / 4
	}

	s.learnedGather = blend(s.learnedGather, began.Sub(r.asked))
	s.learnedLull = blend(s.learnedLull, r.lull)
}

// startIfDue starts the pending refresh when no walk runs and it is due, or
// when everything this client has in flight waits for it: then no one else
// is coming. The caller holds s.mu.
func (s *listShare) startIfDue() {
	r := s.pending
	if r == nil || s.running != nil || (!r.due && r.waiters < s.busiest) {
		return
	}

	began := s.now()
	if !r.due {
		r.trigger = "all waiting"
		if r.waiters > 1 {
			s.learn(r, began)
		}
	}

	r.stopTimers()
	s.pending = nil
	s.running = r

	go s.run(r, began, s.creates)
}

func (r *refresh) stopTimers() {
	r.window.Stop()
	r.quiet.Stop()
}

// run walks the list for r and makes the outcome the current snapshot.
func (s *listShare) run(r *refresh, began time.Time, creates uint64) {
	started := time.Now()
	items, err := s.walk(r.ctx)
	r.cancel()

	s.mu.Lock()
	fields := map[string]any{
		"waiters": r.waiters, "trigger": r.trigger, "held_ms": began.Sub(r.asked).Milliseconds(),
		"duration_ms": time.Since(started).Milliseconds(),
	}
	if err == nil {
		r.result = newSnapshot(items, began, creates)
		if s.current == nil || s.current.began.Before(began) {
			s.current = r.result
		}

		fields["webhooks"] = len(items)
	} else {
		r.err = err
		fields["error"] = err.Error()
	}

	close(r.done)

	if s.running == r {
		s.running = nil
	}

	s.startIfDue()
	s.mu.Unlock()

	s.log.Debug(r.ctx, "Walked the Unipile webhook list for shared reads", fields)
}

func newSnapshot(items []Webhook, began time.Time, creates uint64) *snapshot {
	index := make(map[string]int, len(items))
	for position, item := range items {
		index[item.ID] = position
	}

	return &snapshot{began: began, creates: creates, items: items, index: index}
}

// noteBusy records how many of this client's calls are in flight at once,
// which tells how many read-backs a refresh can expect to batch. The
// caller holds s.mu.
func (s *listShare) noteBusy() {
	s.busiest = max(s.busiest, s.creating+s.waiting)
}

func (s *listShare) createStarted() {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.creating++
	s.noteBusy()
	s.activity()
}

// createEnded records a create's outcome; id is "" when it failed.
func (s *listShare) createEnded(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.creating--
	if id != "" {
		s.creates++
		s.created[id] = struct{}{}
	}

	s.activity()
	s.startIfDue()
}

// deletedByClient records that Unipile no longer holds id.
func (s *listShare) deletedByClient(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.deleted[id] = struct{}{}
	delete(s.created, id)
}
