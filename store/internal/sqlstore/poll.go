package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// FeedRow is what RecordPoll needs to know about a feed.
type FeedRow struct {
	ID        int64
	Side      string
	Baselined bool
}

// Known is a stored item as the batch comparison sees it.
type Known struct {
	ID          int64
	Hash        string
	Revision    int
	FirstSeen   time.Time
	Backlog     bool
	Published   time.Time
	DateGuessed bool
	Side        string
}

// KnownColumns are the items columns ScanKnown reads, the GUID first.
const KnownColumns = `guid, id, content_hash, revision, first_seen, backlog, published, date_guessed, side`

// ScanKnown reads rows of KnownColumns into a map by GUID and closes rows.
func ScanKnown(rows *sql.Rows) (map[string]Known, error) {
	defer rows.Close()
	known := make(map[string]Known)
	for rows.Next() {
		var guid string
		var k Known
		if err := rows.Scan(&guid, &k.ID, &k.Hash, &k.Revision, Time(&k.FirstSeen),
			&k.Backlog, Time(&k.Published), &k.DateGuessed, &k.Side); err != nil {
			return nil, err
		}
		known[guid] = k
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return known, nil
}

// Batch is what SaveItems asks of an engine inside a poll's transaction.
type Batch interface {
	// LoadKnown reads the stored versions of the feed's items with these
	// GUIDs.
	LoadKnown(ctx context.Context, feedID int64, guids []string) (map[string]Known, error)
	// LinkHeldElsewhere reports whether another feed of the same side
	// already holds an item with this link.
	LinkHeldElsewhere(ctx context.Context, link, side string, feedID int64) (bool, error)
	// Insert stores a new item and returns its ID.
	Insert(ctx context.Context, feedID int64, it match.Item) (int64, error)
	// Revise archives the stored version of it.ID as a revision and
	// replaces it with it (content hash hash), seen at seenAt.
	Revise(ctx context.Context, it match.Item, hash string, seenAt time.Time) error
}

// SaveItems inserts a successful poll's new items and revises its changed
// ones: an item whose GUID repeats in the batch, or whose link another feed
// of the side holds, is a duplicate; a known one is revised when its
// title, summary or content changed.
func SaveItems(ctx context.Context, b Batch, feed FeedRow, p store.Poll, items []match.Item) (store.SaveResult, error) {
	var res store.SaveResult
	if len(items) == 0 {
		return res, nil
	}
	batch := make([]match.Item, 0, len(items))
	guids := make([]string, 0, len(items))
	inBatch := make(map[string]bool, len(items))
	for i, it := range items {
		if it.GUID == "" {
			return res, fmt.Errorf("item %d (%q): empty guid", i, it.Title)
		}
		if inBatch[it.GUID] {
			res.Duplicates++
			continue
		}
		inBatch[it.GUID] = true
		batch = append(batch, it)
		guids = append(guids, it.GUID)
	}

	known, err := b.LoadKnown(ctx, feed.ID, guids)
	if err != nil {
		return res, err
	}

	for _, it := range batch {
		it.Feed = p.Feed
		if it.Side == "" {
			it.Side = feed.Side
		}
		normaliseTimes(&it)
		if k, ok := known[it.GUID]; ok {
			revised, changed, err := reviseItem(ctx, b, k, it, p)
			if err != nil {
				return res, err
			}
			if changed {
				res.Revised = append(res.Revised, revised)
			} else {
				res.Unchanged++
			}
			continue
		}
		if it.Link != "" {
			dup, err := b.LinkHeldElsewhere(ctx, it.Link, it.Side, feed.ID)
			if err != nil {
				return res, err
			}
			if dup {
				res.Duplicates++
				continue
			}
		}
		it.Backlog = !feed.Baselined
		if it.FirstSeen.IsZero() {
			it.FirstSeen = RoundTrip(p.Finished)
		}
		if it.Published.IsZero() && it.DateGuessed {
			it.Published = it.FirstSeen
		}
		it.Revision = 0
		if it.ID, err = b.Insert(ctx, feed.ID, it); err != nil {
			return res, err
		}
		res.New = append(res.New, it)
	}
	return res, nil
}

// reviseItem compares it with its stored version and, when its title,
// summary or content changed, archives the stored version and stores it.
func reviseItem(ctx context.Context, b Batch, k Known, it match.Item, p store.Poll) (match.Item, bool, error) {
	hash := it.ContentHash()
	if hash == k.Hash {
		return it, false, nil
	}
	it.ID = k.ID
	it.Side = k.Side
	it.Revision = k.Revision + 1
	it.FirstSeen = k.FirstSeen
	it.Backlog = k.Backlog
	if it.DateGuessed {
		// A guessed date is when gapwatch first saw the item, not when
		// it saw the edit.
		it.Published = k.Published
		it.DateGuessed = k.DateGuessed
	}
	if err := b.Revise(ctx, it, hash, p.Finished); err != nil {
		return it, false, err
	}
	return it, true, nil
}

// normaliseTimes gives the item's times the form the store reads back.
func normaliseTimes(it *match.Item) {
	it.Published = RoundTrip(it.Published)
	it.Updated = RoundTrip(it.Updated)
	it.FirstSeen = RoundTrip(it.FirstSeen)
}

// Stmts prepares a transaction's statements on first use, so that a poll
// that needs none (304, all unchanged) prepares nothing.
type Stmts struct {
	Tx    *sql.Tx
	ready map[string]*sql.Stmt
}

// Prepare returns the statement of query, preparing it on first use.
func (s *Stmts) Prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.ready[query]; ok {
		return st, nil
	}
	st, err := s.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if s.ready == nil {
		s.ready = map[string]*sql.Stmt{}
	}
	s.ready[query] = st
	return st, nil
}

// Close closes every prepared statement.
func (s *Stmts) Close() {
	for _, st := range s.ready {
		_ = st.Close()
	}
}

// LinkHeld runs a prepared query selecting a row where an item holds a
// link (arguments link, side, feed ID) and reports whether it found one.
func LinkHeld(ctx context.Context, st *sql.Stmt, link, side string, feedID int64) (bool, error) {
	var one int
	err := st.QueryRowContext(ctx, link, side, feedID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("check link %s: %w", link, err)
	}
	return true, nil
}
