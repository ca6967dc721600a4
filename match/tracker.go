package match

import (
	"fmt"
	"sort"
	"time"
)

// EventKind is a lifecycle transition of a claim.
type EventKind int

// Lifecycle transitions.
const (
	// EventNewClaim: an item was recognised as a claim (heads-up, pending).
	EventNewClaim EventKind = iota
	// EventConfirmed: the other side confirmed a pending claim.
	EventConfirmed
	// EventFinal: the window closed; the verdict is final.
	EventFinal
	// EventConfirmedLate: a confirmation arrived after the window closed;
	// the final verdict is kept and the late match recorded.
	EventConfirmedLate
)

var eventNames = [...]string{"new_claim", "confirmed", "final", "confirmed_late"}

// String returns the lower-case word for k.
func (k EventKind) String() string {
	if k < 0 || int(k) >= len(eventNames) {
		return fmt.Sprintf("event(%d)", int(k))
	}
	return eventNames[k]
}

// MarshalText encodes k as its lower-case word.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a lower-case word.
func (k *EventKind) UnmarshalText(b []byte) error {
	for i, n := range eventNames {
		if n == string(b) {
			*k = EventKind(i)
			return nil
		}
	}
	return fmt.Errorf("unknown event kind %q", b)
}

// Event is one lifecycle transition with the decision it produced.
type Event struct {
	Kind     EventKind `json:"kind"`
	Decision Decision  `json:"decision"`
}

// Tracker follows claims through their lifecycle: pending until the
// deadline (published + window), confirmed early when the other side
// confirms in time, final at the deadline, and confirmed late when a
// confirmation arrives afterwards (the final verdict is not rewritten). It
// is a pure state machine: time only moves through the now arguments.
// A Tracker is not safe for concurrent use.
type Tracker struct {
	e      *Engine
	ix     *Index
	claims map[Ref]*tracked
	covFn  func(side string, from, to time.Time) Coverage
}

type tracked struct {
	a         *Analysis
	dec       Decision
	confirmed bool
	final     bool
}

// NewTracker returns a tracker with an empty index.
func (e *Engine) NewTracker() *Tracker {
	return &Tracker{e: e, ix: e.NewIndex(), claims: map[Ref]*tracked{}}
}

// Index returns the tracker's index (items observed and not yet pruned).
func (t *Tracker) Index() *Index { return t.ix }

func (t *Tracker) coverage(c *tracked, cov Coverage) Coverage {
	if t.covFn != nil {
		it := c.a.Item
		return t.covFn(Other(it.Side), it.Published.Add(-t.e.opts.Lookback), t.e.Deadline(c.a))
	}
	return cov
}

func (t *Tracker) decide(c *tracked, cov Coverage, now time.Time) Decision {
	cands := t.e.Candidates(t.ix, c.a)
	return t.e.decide(t.ix, c.a, cands, t.coverage(c, cov), now, time.Time{})
}

// Observe takes a new or revised item at time now and returns the
// transitions it causes: a new claim (and its early confirmation when the
// other side already stated it), early confirmations of pending claims,
// and late confirmations of final ones.
func (t *Tracker) Observe(a *Analysis, cov Coverage, now time.Time) []Event {
	var events []Event
	t.ix.Add(a)
	ref := RefOf(a.Item)
	if c, ok := t.claims[ref]; ok {
		// A revision of a claim: re-read it while its window is open.
		if !c.final && !c.confirmed && a.IsClaim() {
			c.a = a
			c.dec = t.decide(c, cov, now)
			if c.dec.Status == Confirmed {
				c.confirmed = true
				events = append(events, Event{Kind: EventConfirmed, Decision: c.dec})
			}
		}
	} else if a.IsClaim() {
		c := &tracked{a: a}
		c.dec = t.decide(c, cov, now)
		t.claims[ref] = c
		events = append(events, Event{Kind: EventNewClaim, Decision: c.dec})
		if c.dec.Status == Confirmed {
			c.confirmed = true
			events = append(events, Event{Kind: EventConfirmed, Decision: c.dec})
		}
		if c.dec.Final {
			c.final = true
			events = append(events, Event{Kind: EventFinal, Decision: c.dec})
		}
	}
	for _, r := range t.sortedClaims() {
		c := t.claims[r]
		if c.a.Item.Side == a.Item.Side || r == ref {
			continue
		}
		dl := t.e.Deadline(c.a)
		p := a.Item.Published
		if p.Before(c.a.Item.Published.Add(-t.e.opts.Lookback)) {
			continue
		}
		switch {
		case !c.final && !c.confirmed && !p.After(dl):
			d := t.decide(c, cov, now)
			if d.Status == Confirmed {
				c.dec, c.confirmed = d, true
				events = append(events, Event{Kind: EventConfirmed, Decision: d})
			}
		case c.final && !c.confirmed && !c.dec.ConfirmedLate && p.After(dl) && p.Before(dl.Add(t.e.opts.Window)):
			late := t.e.decide(t.ix, c.a, []*Analysis{a}, nil, now, p)
			if late.Status == Confirmed && len(late.Matches) > 0 {
				c.dec.ConfirmedLate = true
				m := late.Matches[0]
				c.dec.LateMatch = &m
				c.dec.Explanation.ConfirmedLate = true
				events = append(events, Event{Kind: EventConfirmedLate, Decision: c.dec})
			}
		}
	}
	return events
}

// Advance closes the windows whose deadline is at or before now and returns
// their final decisions, in deadline order.
func (t *Tracker) Advance(cov Coverage, now time.Time) []Event {
	var due []*tracked
	for _, c := range t.claims {
		if !c.final && !now.Before(t.e.Deadline(c.a)) {
			due = append(due, c)
		}
	}
	sort.Slice(due, func(i, j int) bool {
		di, dj := t.e.Deadline(due[i].a), t.e.Deadline(due[j].a)
		if !di.Equal(dj) {
			return di.Before(dj)
		}
		return refLess(RefOf(due[i].a.Item), RefOf(due[j].a.Item))
	})
	var events []Event
	for _, c := range due {
		d := t.decide(c, cov, t.e.Deadline(c.a))
		d.Final = true
		c.dec, c.final = d, true
		c.confirmed = d.Status == Confirmed
		events = append(events, Event{Kind: EventFinal, Decision: d})
	}
	// Items older than any window that can still change are dropped.
	t.ix.Prune(now.Add(-(2*t.e.opts.Window + 2*t.e.opts.Lookback)))
	for r, c := range t.claims {
		if c.final && now.After(t.e.Deadline(c.a).Add(t.e.opts.Window)) {
			delete(t.claims, r)
		}
	}
	return events
}

// Decision returns the current decision on a tracked claim.
func (t *Tracker) Decision(ref Ref) (Decision, bool) {
	c, ok := t.claims[ref]
	if !ok {
		return Decision{}, false
	}
	return c.dec, true
}

func (t *Tracker) sortedClaims() []Ref {
	refs := make([]Ref, 0, len(t.claims))
	for r := range t.claims {
		refs = append(refs, r)
	}
	sortRefs(refs)
	return refs
}

// Replay runs items through a tracker in publication order, advancing the
// clock item by item and then past every deadline, and returns one final
// decision per claim in publication order (then feed and GUID). cov, if not
// nil, gives the coverage of a side's feeds over a time range.
func Replay(e *Engine, items []Item, cov func(side string, from, to time.Time) Coverage) []Decision {
	sorted := append([]Item(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool {
		pi, pj := sorted[i].Published, sorted[j].Published
		if !pi.Equal(pj) {
			return pi.Before(pj)
		}
		return refLess(RefOf(sorted[i]), RefOf(sorted[j]))
	})
	t := e.NewTracker()
	t.covFn = cov
	finals := map[Ref]Decision{}
	var order []Ref
	collect := func(evs []Event) {
		for _, ev := range evs {
			r := ev.Decision.Ref()
			if _, ok := finals[r]; !ok {
				order = append(order, r)
			}
			if ev.Kind == EventFinal || ev.Kind == EventConfirmedLate {
				finals[r] = ev.Decision
			} else if _, ok := finals[r]; !ok {
				finals[r] = ev.Decision
			}
		}
	}
	var last time.Time
	for _, it := range sorted {
		collect(t.Advance(nil, it.Published))
		collect(t.Observe(e.Analyze(it), nil, it.Published))
		if it.Published.After(last) {
			last = it.Published
		}
	}
	collect(t.Advance(nil, last.Add(e.opts.Window+time.Second)))
	out := make([]Decision, 0, len(order))
	for _, r := range order {
		out = append(out, finals[r])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Published.Equal(out[j].Published) {
			return out[i].Published.Before(out[j].Published)
		}
		return refLess(out[i].Ref(), out[j].Ref())
	})
	return out
}
