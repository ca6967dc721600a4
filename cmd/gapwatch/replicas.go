package main

// Several `gapwatch serve` replicas on one PostgreSQL store: each feed is
// polled by the replica holding its lease (feeds.Leased), and every
// replica's alert pipeline also follows the items the other replicas
// store, so a claim polled by one replica is matched against the other
// side's items polled by another. Events and outbox messages are keyed,
// so two replicas deciding the same event save and send it once; the
// outbox is shared and each message is taken by one sender (FOR UPDATE
// SKIP LOCKED). With SQLite there is one service per file and none of
// this runs.

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// followEvery is how often a replica reads the items other replicas stored.
var followEvery = 20 * time.Second

// replicaState is an App's part in a group of replicas.
type replicaState struct {
	holder string
	mu     sync.Mutex
	// mine are the feeds this replica holds the lease of (their items
	// reach the pipeline through the poller's hook).
	mine map[string]bool
	// seen is the revision of every item the pipeline has been given.
	seen   map[int64]int
	cancel context.CancelFunc
	done   chan struct{}
}

var (
	replicasMu sync.Mutex
	replicas   = map[*App]*replicaState{}
)

// replica returns a's replica state, nil when its store is not shared.
func (a *App) replica() *replicaState {
	if !a.cfg.Storage.IsPostgres() {
		return nil
	}
	if _, ok := a.store.(store.FeedLeases); !ok {
		return nil
	}
	replicasMu.Lock()
	defer replicasMu.Unlock()
	r := replicas[a]
	if r == nil {
		r = &replicaState{holder: leaseHolder(a.cfg.Listen), mine: map[string]bool{}, seen: map[int64]int{}}
		replicas[a] = r
	}
	return r
}

// holders counts the Apps built in this process, so that service
// instances sharing a process (tests) are distinct replicas.
var holders atomic.Int64

// leaseHolder names this replica: host, listen address, process and
// instance, so that no two replicas share a name.
func leaseHolder(listen string) string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown-host"
	}
	return fmt.Sprintf("%s/%s/%d-%d", host, listen, os.Getpid(), holders.Add(1))
}

// leasedPoll wraps poll with the feed leases when the store is shared.
func (a *App) leasedPoll(poll feeds.PollFunc) feeds.PollFunc {
	r := a.replica()
	if r == nil {
		return poll
	}
	specs := map[string]string{}
	for _, f := range a.cfg.Feeds {
		specs[f.Name] = f.Schedule
	}
	ttl := func(src feeds.Source) time.Duration {
		d, err := feeds.LeaseTTL(specs[src.Name], a.cfg.Poller.Timeout, a.cfg.Poller.Spread, a.leaseClock())
		if err != nil {
			// The schedule was checked with the config; the default
			// schedule's TTL stands in.
			d, _ = feeds.LeaseTTL("", a.cfg.Poller.Timeout, a.cfg.Poller.Spread, a.leaseClock())
		}
		return d
	}
	// A replica's heartbeat lasts as long as the shortest feed lease, and
	// is renewed by the polls of that feed at the latest.
	var beat time.Duration
	for _, src := range a.sources {
		if d := ttl(src); beat == 0 || d < beat {
			beat = d
		}
	}
	inner := func(ctx context.Context, src feeds.Source) (feeds.PollResult, error) {
		if got, ok := ctx.Value(leaseTakenKey{}).(*bool); ok {
			*got = true
		}
		return poll(ctx, src)
	}
	leased := feeds.Leased(inner, feeds.LeaseOptions{Leases: a.store.(store.FeedLeases), Holder: r.holder, TTL: ttl,
		ReplicaTTL: beat, Now: a.leaseClock})
	return func(ctx context.Context, src feeds.Source) (feeds.PollResult, error) {
		var taken bool
		res, err := leased(context.WithValue(ctx, leaseTakenKey{}, &taken), src)
		if err == nil {
			// A refused lease means another replica polls the feed.
			r.mu.Lock()
			r.mine[src.Name] = taken
			r.mu.Unlock()
		}
		return res, err
	}
}

// leaseTakenKey marks, in a poll's context, that its lease was taken.
type leaseTakenKey struct{}

// leaseClock is the App's clock for leases and the follower.
func (a *App) leaseClock() time.Time {
	if a.opts.now != nil {
		return a.opts.now()
	}
	return time.Now()
}

// followReplicas starts reading, every followEvery, the items other
// replicas stored and handing them to this replica's pipeline. Items
// already stored when it starts were seen by the pipeline's restore.
func (a *App) followReplicas(ctx context.Context) error {
	r := a.replica()
	if r == nil {
		return nil
	}
	if _, err := a.unseenItems(ctx, r, true); err != nil {
		return fmt.Errorf("follow replicas: %w", err)
	}
	a.mu.Lock()
	if h := a.itemsHook; h != nil {
		a.itemsHook = func(ctx context.Context, res store.SaveResult) error {
			r.mark(res.New)
			r.mark(res.Revised)
			return h(ctx, res)
		}
	}
	a.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	r.cancel, r.done = cancel, make(chan struct{})
	go func() {
		defer close(r.done)
		t := time.NewTicker(followEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			res, err := a.unseenItems(ctx, r, false)
			if err != nil {
				if ctx.Err() == nil {
					a.log.Warn("follow replicas: read items", "err", err)
				}
				continue
			}
			if len(res.New)+len(res.Revised) == 0 {
				continue
			}
			a.log.Debug("items from other replicas", "new", len(res.New), "revised", len(res.Revised))
			if err := a.handleItems(ctx, res); err != nil && ctx.Err() == nil {
				a.log.Error("follow replicas: alert pipeline", "err", err)
			}
		}
	}()
	return nil
}

// mark records items as given to the pipeline.
func (r *replicaState) mark(items []match.Item) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, it := range items {
		r.seen[it.ID] = max(r.seen[it.ID], it.Revision)
	}
}

// unseenItems reads the items of the engine's reach (window and lookback,
// twice) that other replicas' feeds stored since the last call; with
// init it only records them as seen.
func (a *App) unseenItems(ctx context.Context, r *replicaState, init bool) (store.SaveResult, error) {
	var res store.SaveResult
	reach := 2 * (a.cfg.Engine.Window + a.cfg.Engine.Lookback)
	now := a.leaseClock()
	items, err := a.store.Items(ctx, store.ItemQuery{Since: now.Add(-reach)})
	if err != nil {
		return res, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// Items that left the reach are forgotten (they do not come back: the
	// reach only moves forward).
	inReach := make(map[int64]bool, len(items))
	for _, it := range items {
		inReach[it.ID] = true
	}
	for id := range r.seen {
		if !inReach[id] {
			delete(r.seen, id)
		}
	}
	for _, it := range items {
		rev, known := r.seen[it.ID]
		if known && rev >= it.Revision {
			continue
		}
		if !init && r.mine[it.Feed] && (known || now.Sub(it.FirstSeen) < 2*followEvery) {
			// This replica polls the feed: the poller's hook gives its
			// items and edits (and marks them seen). A new item seen a
			// while ago is one another replica stored before the feed
			// came here: it is given below.
			continue
		}
		r.seen[it.ID] = it.Revision
		if init {
			continue
		}
		if known {
			res.Revised = append(res.Revised, it)
		} else {
			res.New = append(res.New, it)
		}
	}
	return res, nil
}

// releaseLeases stops following the other replicas and gives up this
// replica's feed leases, so the others take its feeds at once.
func (a *App) releaseLeases(ctx context.Context) error {
	replicasMu.Lock()
	r := replicas[a]
	delete(replicas, a)
	replicasMu.Unlock()
	if r == nil {
		return nil
	}
	if r.cancel != nil {
		r.cancel()
		<-r.done
	}
	if err := a.store.(store.FeedLeases).ReleaseFeedLeases(ctx, r.holder); err != nil {
		return fmt.Errorf("release feed leases: %w", err)
	}
	return nil
}
