package feeds

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// LeaseOptions configure Leased.
type LeaseOptions struct {
	// Leases is the store's lease table.
	Leases store.FeedLeases
	// Holder names this replica; every replica sharing a store needs its
	// own.
	Holder string
	// TTL is how long a feed's lease lasts from each poll; it must exceed
	// the time between two polls of the feed so that the owner keeps it
	// (see LeaseTTL).
	TTL func(src Source) time.Duration
	// ReplicaTTL is how long a heartbeat keeps this replica counted as
	// alive; it is renewed every third of it while feeds are polled, and
	// bounds (with TTL) how long a dead replica's feeds go unpolled.
	ReplicaTTL time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Owner is the replica among holders that polls feed: the highest
// rendezvous hash of the feed and the holder's name. Each replica computes
// it from the same list of live replicas, so they agree; when a replica
// joins or leaves only the feeds it gains or held move.
func Owner(feed string, holders []string) string {
	var best string
	var bestH uint64
	for _, h := range holders {
		f := fnv.New64a()
		f.Write([]byte(feed))
		f.Write([]byte{0})
		f.Write([]byte(h))
		if v := mix64(f.Sum64()); best == "" || v > bestH || (v == bestH && h < best) {
			best, bestH = h, v
		}
	}
	return best
}

// mix64 is MurmurHash3's finaliser: FNV alone leaves names that differ in
// their last byte ("replica-1", "replica-2") with correlated hashes.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// leaseGroup is one replica's view of the group: the live replicas (from
// its last heartbeat) and the feeds whose lease it took.
type leaseGroup struct {
	opts LeaseOptions
	now  func() time.Time

	mu    sync.Mutex
	live  []string
	beat  time.Time
	held  map[string]bool
	fresh bool
}

// members returns the live replicas, renewing this one's heartbeat when a
// third of ReplicaTTL passed since the last.
func (g *leaseGroup) members(ctx context.Context, now time.Time) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fresh && now.Sub(g.beat) < g.opts.ReplicaTTL/3 && !now.Before(g.beat) {
		return g.live, nil
	}
	live, err := g.opts.Leases.Heartbeat(ctx, g.opts.Holder, now, g.opts.ReplicaTTL)
	if err != nil {
		return nil, err
	}
	g.live, g.beat, g.fresh = live, now, true
	return live, nil
}

// Leased wraps poll so that several replicas sharing one store share the
// feeds out, each feed polled by one replica at a time. Each replica
// announces itself with a heartbeat; a feed belongs to the Owner among the
// live replicas, which takes (and renews) its lease before polling; the
// others skip it (Skipped set, nothing fetched) and give up a lease they
// took before the group changed. When a replica dies, its heartbeat and
// leases run out and its feeds go to their new owners; when one joins, the
// feeds it now owns are handed over at their previous owner's next run.
func Leased(poll PollFunc, opts LeaseOptions) PollFunc {
	g := &leaseGroup{opts: opts, now: opts.Now, held: map[string]bool{}}
	if g.now == nil {
		g.now = time.Now
	}
	if g.opts.ReplicaTTL <= 0 {
		g.opts.ReplicaTTL = time.Minute
	}
	return func(ctx context.Context, src Source) (PollResult, error) {
		fail := func(err error) (PollResult, error) {
			res := PollResult{Feed: src.Name, Err: fmt.Errorf("poll %s: %w", src.Name, err)}
			return res, res.Err
		}
		now := g.now()
		live, err := g.members(ctx, now)
		if err != nil {
			return fail(err)
		}
		if Owner(src.Name, live) != opts.Holder {
			g.mu.Lock()
			held := g.held[src.Name]
			delete(g.held, src.Name)
			g.mu.Unlock()
			if held {
				if err := opts.Leases.ReleaseFeedLeases(ctx, opts.Holder, src.Name); err != nil {
					return fail(err)
				}
			}
			return PollResult{Feed: src.Name, Skipped: true}, nil
		}
		ok, err := opts.Leases.AcquireFeedLease(ctx, src.Name, opts.Holder, now, opts.TTL(src))
		if err != nil {
			return fail(err)
		}
		if !ok {
			// The previous owner's lease still runs.
			return PollResult{Feed: src.Name, Skipped: true}, nil
		}
		g.mu.Lock()
		g.held[src.Name] = true
		g.mu.Unlock()
		return poll(ctx, src)
	}
}

// LeaseTTL is the lease length for a feed polled on the cron spec (""
// is DefaultSchedule): twice the longest gap between two of its next runs
// plus the poll timeout and the scheduler's spread, so the owner renews
// it in time even after one slow poll. A replica that dies leaves its
// feeds unpolled for at most that long.
func LeaseTTL(spec string, timeout, spread time.Duration, from time.Time) (time.Duration, error) {
	sched, err := ParseSchedule(spec)
	if err != nil {
		return 0, err
	}
	var gap time.Duration
	t := sched.Next(from)
	for range 8 {
		next := sched.Next(t)
		gap = max(gap, next.Sub(t))
		t = next
	}
	return 2*gap + timeout + max(spread, 0), nil
}
