package unipile

import "sync"

// ledger remembers which webhook ids cannot be the product of a create whose
// response was lost: ids this client created or was told about (claimed),
// and ids it saw in a list answered before that create began. Once a whole
// walk has ended, that covers every webhook that existed then.
//
// Seen ids carry the tick of the clock at which they were first seen; each
// create takes a tick of its own when it begins. An id first seen at or
// before that tick came back in a list Unipile answered before the create
// was sent, so the create cannot have made it.
type ledger struct {
	mu        sync.Mutex
	clock     uint64
	firstSeen map[string]uint64
	claimed   map[string]struct{}
	walked    bool // a walk through every page has ended
}

func (l *ledger) begin() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()

	tick := l.clock
	l.clock++

	return tick
}

// observe records the ids of a list page that has just been answered.
func (l *ledger) observe(items []Webhook) {
	l.mu.Lock()
	defer l.mu.Unlock()

	if l.firstSeen == nil {
		l.firstSeen = make(map[string]uint64, len(items))
	}

	for _, item := range items {
		if _, known := l.firstSeen[item.ID]; !known {
			l.firstSeen[item.ID] = l.clock
		}
	}
}

// walkedAll records that a walk through every page has ended.
func (l *ledger) walkedAll() {
	l.mu.Lock()
	defer l.mu.Unlock()

	l.walked = true
}

func (l *ledger) hasWalkedAll() bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	return l.walked
}

func (l *ledger) claim(ids ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()

	if l.claimed == nil {
		l.claimed = make(map[string]struct{}, len(ids))
	}

	for _, id := range ids {
		l.claimed[id] = struct{}{}
	}
}

// accountedFor reports whether id is claimed or existed before the create
// that began at tick.
func (l *ledger) accountedFor(id string, tick uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	if _, claimed := l.claimed[id]; claimed {
		return true
	}

	seenAt, seen := l.firstSeen[id]

	return seen && seenAt <= tick
}
