// Package store keeps gapwatch's state: feeds and their fetch state, items
// and their revisions, the poll log (from which coverage is computed) and,
// as later parts of the pipeline arrive, decisions, the outbox, newsroom
// actions and subscriptions. Store is the one contract; store/sqlite is the
// default implementation and store/storetest the suite every implementation
// passes.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/gapwatch/gapwatch/match"
)

// ErrNotFound is returned when a requested feed or item does not exist.
var ErrNotFound = errors.New("not found")

// Feed is the identity of a configured feed as the store records it.
type Feed struct {
	// Name is the feed's unique configured name.
	Name string
	// Side is the government the feed belongs to.
	Side string
	// URL is where the feed is fetched from.
	URL string
	// Kind is the source type ("rss" or "html").
	Kind string
}

// FeedState is a feed with its fetch state and health, kept across restarts
// so that backoff and conditional GET survive them.
type FeedState struct {
	Feed
	// ETag and LastModified are the validators of the last 200 response.
	ETag         string
	LastModified string
	// LastPollAt is when the last poll (success or failure) finished.
	LastPollAt time.Time
	// LastSuccessAt is when the last successful poll finished.
	LastSuccessAt time.Time
	// LastErrorAt is when the last failed poll finished.
	LastErrorAt time.Time
	// LastError is the last failure's message (never containing secrets).
	LastError string
	// LastErrorClass is the last failure's class (timeout, status, parse, ...).
	LastErrorClass string
	// ErrorCount is the number of consecutive failed polls (0 after a success).
	ErrorCount int
	// NextAttemptAt is the earliest time the feed may be fetched again
	// (backoff, Retry-After); zero means now.
	NextAttemptAt time.Time
	// Baselined reports that the feed's first successful poll happened, so
	// later items are news rather than backlog.
	Baselined bool
	// Items is the number of items stored for the feed.
	Items int
	// Polls and Failures count every recorded poll and every failed one.
	Polls    int
	Failures int
	// FetchPath is how the last successful fetch got through ("http", "browser").
	FetchPath string
}

// Poll is the outcome of one poll of one feed, recorded with the items it
// brought in one transaction.
type Poll struct {
	// Feed is the feed's name.
	Feed string
	// Started and Finished bound the poll.
	Started  time.Time
	Finished time.Time
	// OK reports a successful fetch and parse (including 304 Not Modified).
	OK bool
	// NotModified reports a 304 answer (no items parsed).
	NotModified bool
	// Status is the HTTP status, 0 for file feeds or network errors.
	Status int
	// ErrorClass and Error describe a failure.
	ErrorClass string
	Error      string
	// ETag and LastModified are the validators to send next time (kept
	// unchanged by the store when both are empty on a failed poll).
	ETag         string
	LastModified string
	// NextAttemptAt is the earliest next fetch (backoff or Retry-After).
	NextAttemptAt time.Time
	// FetchPath is how the fetch got through ("http", "file", "browser").
	FetchPath string
}

// SaveResult says what a recorded poll changed.
type SaveResult struct {
	// New are the items stored for the first time, with IDs set.
	New []match.Item
	// Revised are stored items whose title or content changed; each is the
	// new version, with its Revision count incremented.
	Revised []match.Item
	// Unchanged counts items already stored as they are.
	Unchanged int
	// Duplicates counts items not stored because another feed of the same
	// side already holds an item with the same link (one release listed in
	// several section feeds) or because the batch repeated a GUID.
	Duplicates int
}

// ItemQuery selects stored items. Zero fields do not filter.
type ItemQuery struct {
	Feed  string
	Side  string
	Since time.Time // Published >= Since
	Until time.Time // Published < Until
	// ExcludeBacklog leaves out items stored as a new feed's baseline.
	ExcludeBacklog bool
	// Limit caps the result (0 = no cap).
	Limit int
	// Newest orders newest first; the default is oldest first.
	Newest bool
}

// Revision is an earlier or current version of an edited item.
type Revision struct {
	ItemID   int64
	Revision int
	Title    string
	Summary  string
	Content  string
	SeenAt   time.Time
}

// Store is the persistence contract shared by the SQLite and PostgreSQL
// implementations. Every method is safe for concurrent use.
type Store interface {
	// EnsureFeed records a configured feed, updating its side, URL and kind
	// if they changed; its fetch state is kept.
	EnsureFeed(ctx context.Context, f Feed) error
	// FeedState returns one feed's state, ErrNotFound if it was never ensured.
	FeedState(ctx context.Context, name string) (FeedState, error)
	// FeedStates returns every feed's state ordered by name.
	FeedStates(ctx context.Context) ([]FeedState, error)
	// RecordPoll stores a poll's outcome and, on success, its items, in one
	// transaction: new items are inserted (flagged as backlog when the feed
	// had no successful poll before), changed ones get a revision, and the
	// feed's fetch state and poll log are updated.
	RecordPoll(ctx context.Context, p Poll, items []match.Item) (SaveResult, error)
	// Items returns stored items matching q (current versions).
	Items(ctx context.Context, q ItemQuery) ([]match.Item, error)
	// Item returns one item by ID, ErrNotFound if absent.
	Item(ctx context.Context, id int64) (match.Item, error)
	// ItemByGUID returns one feed's item by GUID, ErrNotFound if absent.
	ItemByGUID(ctx context.Context, feed, guid string) (match.Item, error)
	// Revisions returns every version of an item, oldest first.
	Revisions(ctx context.Context, itemID int64) ([]Revision, error)
	// Polls returns a feed's recorded polls that finished in [from, to), oldest first.
	Polls(ctx context.Context, feed string, from, to time.Time) ([]Poll, error)
	// Alerts are claims, decisions, the outbox, actions, mutes,
	// subscriptions and search (store/claims.go).
	Alerts
	// Digests are the weekly digest's queries (store/digests.go).
	Digests
	// Close releases the store's resources.
	Close() error
}
