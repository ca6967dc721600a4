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
// leases when they expire. Both store implementations offer it; it is kept
// apart from Store so that test doubles of Store need not.
type FeedLeases interface {
	// AcquireFeedLease takes or renews the lease of feed for holder until
	// now+ttl. It reports false, without error, while another holder's
	// lease has not expired at now.
	AcquireFeedLease(ctx context.Context, feed, holder string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseFeedLeases gives up every lease holder has (a clean
	// shutdown), so other replicas take its feeds at once.
	ReleaseFeedLeases(ctx context.Context, holder string) error
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
