package feeds

import (
	"context"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// LeaseOptions configure Leased.
type LeaseOptions struct {
	// Leases is the store's lease table.
	Leases store.FeedLeases
	// Holder names this replica (host, process, start); every replica
	// sharing a store needs its own.
	Holder string
	// TTL is how long a feed's lease lasts from each poll attempt; it
	// must exceed the time between two polls of the feed, so the holder
	// keeps it, and bounds how long the feeds of a replica that died go
	// unpolled (see LeaseTTL).
	TTL func(src Source) time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Leased wraps poll so that several replicas sharing one store poll each
// feed from one replica at a time: a run first takes (or renews) the
// feed's lease and, when another replica holds it, returns a result with
// Skipped set and nothing fetched. A replica keeps the feeds it polls as
// long as it renews their leases; when it dies, each of its feeds is
// taken over by the first other replica whose run comes after the lease
// expired.
func Leased(poll PollFunc, opts LeaseOptions) PollFunc {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return func(ctx context.Context, src Source) (PollResult, error) {
		ok, err := opts.Leases.AcquireFeedLease(ctx, src.Name, opts.Holder, now(), opts.TTL(src))
		if err != nil {
			res := PollResult{Feed: src.Name, Err: fmt.Errorf("poll %s: %w", src.Name, err)}
			return res, res.Err
		}
		if !ok {
			return PollResult{Feed: src.Name, Skipped: true}, nil
		}
		return poll(ctx, src)
	}
}

// LeaseTTL is the lease length for a feed polled on the cron spec (""
// is DefaultSchedule): twice the longest gap between two of its next runs
// plus the poll timeout and the scheduler's spread, so the holder renews
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
	return 2*gap + timeout + spread, nil
}
