package store

import (
	"context"
	"io"
	"time"
)

// FeedLeases let several replicas of the service share one store: before
// polling a feed a replica takes the feed's lease, so each feed is polled
// by one replica at a time. A lease lasts ttl from now and is renewed by
// taking it again; a replica that stops renewing (it died) loses its
// leases when they expire. Replicas also announce themselves (Heartbeat),
// so that they can share the feeds out between the live ones. Both store
// implementations offer it; it is kept apart from Store so that test
// doubles of Store need not.
type FeedLeases interface {
	// AcquireFeedLease takes or renews the lease of feed for holder until
	// now+ttl. It reports false, without error, while another holder's
	// lease has not expired at now.
	AcquireFeedLease(ctx context.Context, feed, holder string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseFeedLeases gives up the leases holder has of the given
	// feeds, or of every feed when none is given (a clean shutdown, which
	// also ends holder's heartbeat), so other replicas take them at once.
	ReleaseFeedLeases(ctx context.Context, holder string, feeds ...string) error
	// Heartbeat records that holder is alive until now+ttl and returns
	// every holder alive at now (holder included), sorted.
	Heartbeat(ctx context.Context, holder string, now time.Time, ttl time.Duration) ([]string, error)
}

// Porter moves a store's whole content between engines as JSON lines
// (`gapwatch export`, `gapwatch import`); see package store/dump for the
// format. Both store implementations offer it.
type Porter interface {
	// Export writes every row of every table as JSON lines.
	Export(ctx context.Context, w io.Writer) error
	// Import reads what Export wrote into an empty store, in one
	// transaction; it refuses a store that already holds feeds.
	Import(ctx context.Context, r io.Reader) error
}
