package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// RecordPoll stores a poll's outcome and, when it succeeded, its items, in
// one transaction, holding the feed's row lock so that two replicas
// recording the same feed take turns. Every 100th poll of a feed also
// prunes that feed's poll log (entries older than 400 days).
func (s *pgStore) RecordPoll(ctx context.Context, p store.Poll, items []match.Item) (store.SaveResult, error) {
	var res store.SaveResult
	if p.Feed == "" {
		return res, errors.New("record poll: empty feed name")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("record poll %s: begin: %w", p.Feed, err)
	}
	defer func() { _ = tx.Rollback() }()

	feed, err := lockFeedRow(ctx, tx, p.Feed)
	if err != nil {
		return res, fmt.Errorf("record poll %s: %w", p.Feed, err)
	}

	var polls int
	if p.OK {
		if res, err = saveItems(ctx, tx, feed, p, items); err != nil {
			return store.SaveResult{}, fmt.Errorf("record poll %s: %w", p.Feed, err)
		}
		err = tx.QueryRowContext(ctx, `UPDATE feeds SET
			baselined = true, last_poll_at = $1, last_success_at = $1,
			error_count = 0, last_error = '', last_error_class = '',
			etag = $2, last_modified = $3, next_attempt_at = $4, fetch_path = $5,
			polls = polls + 1
			WHERE id = $6 RETURNING polls`,
			tm(p.Finished), p.ETag, p.LastModified, tm(p.NextAttemptAt), p.FetchPath, feed.ID).Scan(&polls)
	} else {
		err = tx.QueryRowContext(ctx, `UPDATE feeds SET
			last_poll_at = $1, last_error_at = $1, last_error = $2, last_error_class = $3,
			error_count = error_count + 1, failures = failures + 1, polls = polls + 1,
			next_attempt_at = $4
			WHERE id = $5 RETURNING polls`,
			tm(p.Finished), p.Error, p.ErrorClass, tm(p.NextAttemptAt), feed.ID).Scan(&polls)
	}
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: update feed: %w", p.Feed, err)
	}

	if _, err := tx.ExecContext(ctx, `INSERT INTO polls
		(feed_id, started, finished, ok, not_modified, status, error_class, error,
		 etag, last_modified, next_attempt_at, fetch_path)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		feed.ID, tm(p.Started), tm(p.Finished), p.OK, p.NotModified,
		p.Status, p.ErrorClass, p.Error, p.ETag, p.LastModified, tm(p.NextAttemptAt),
		p.FetchPath); err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: log poll: %w", p.Feed, err)
	}
	if s.pruneEvery > 0 && polls%s.pruneEvery == 0 && !p.Finished.IsZero() {
		cutoff := p.Finished.Add(-s.retention)
		if _, err := tx.ExecContext(ctx, `DELETE FROM polls WHERE feed_id = $1 AND finished < $2`,
			feed.ID, tm(cutoff)); err != nil {
			return store.SaveResult{}, fmt.Errorf("record poll %s: prune poll log: %w", p.Feed, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: commit: %w", p.Feed, err)
	}
	return res, nil
}

// lockFeedRow returns the feed's row, locked until the transaction ends,
// creating it (side, URL and kind unknown) if EnsureFeed was never called.
func lockFeedRow(ctx context.Context, tx *sql.Tx, name string) (sqlstore.FeedRow, error) {
	var f sqlstore.FeedRow
	if _, err := tx.ExecContext(ctx, `INSERT INTO feeds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, name); err != nil {
		return f, fmt.Errorf("create feed: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id, side, baselined FROM feeds WHERE name = $1 FOR UPDATE`, name).
		Scan(&f.ID, &f.Side, &f.Baselined); err != nil {
		return f, fmt.Errorf("read feed: %w", err)
	}
	return f, nil
}

// saveItems inserts the batch's new items and revises its changed ones.
func saveItems(ctx context.Context, tx *sql.Tx, feed sqlstore.FeedRow, p store.Poll, items []match.Item) (store.SaveResult, error) {
	b := &batch{Stmts: sqlstore.Stmts{Tx: tx}}
	defer b.Close()
	return sqlstore.SaveItems(ctx, b, feed, p, items)
}

// batch is the engine's side of sqlstore.SaveItems.
type batch struct {
	sqlstore.Stmts
}

// LoadKnown reads the stored versions of the batch's GUIDs in one query.
func (b *batch) LoadKnown(ctx context.Context, feedID int64, guids []string) (map[string]sqlstore.Known, error) {
	rows, err := b.Tx.QueryContext(ctx, `SELECT `+sqlstore.KnownColumns+`
		FROM items WHERE feed_id = $1 AND guid = ANY($2)`, feedID, guids)
	if err != nil {
		return nil, fmt.Errorf("load known items: %w", err)
	}
	known, err := sqlstore.ScanKnown(rows)
	if err != nil {
		return nil, fmt.Errorf("load known items: %w", err)
	}
	return known, nil
}

// LinkHeldElsewhere reports whether another feed of the same side already
// holds an item with this link.
func (b *batch) LinkHeldElsewhere(ctx context.Context, link, side string, feedID int64) (bool, error) {
	st, err := b.Prepare(ctx,
		`SELECT 1 FROM items WHERE link = $1 AND side = $2 AND feed_id <> $3 LIMIT 1`)
	if err != nil {
		return false, err
	}
	return sqlstore.LinkHeld(ctx, st, link, side, feedID)
}

// Insert stores a new item and returns its ID.
func (b *batch) Insert(ctx context.Context, feedID int64, it match.Item) (int64, error) {
	st, err := b.Prepare(ctx, `INSERT INTO items
		(feed_id, side, guid, title, link, published, updated, date_guessed, summary,
		 content, summary_html, content_html, categories, language, backlog, first_seen,
		 revision, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, $17)
		RETURNING id`)
	if err != nil {
		return 0, err
	}
	cats, err := sqlstore.CategoriesValue(it.Categories)
	if err != nil {
		return 0, fmt.Errorf("insert item %s: %w", it.GUID, err)
	}
	var id int64
	if err := st.QueryRowContext(ctx, feedID, it.Side, it.GUID, it.Title, it.Link,
		tm(it.Published), tm(it.Updated), it.DateGuessed, it.Summary,
		it.Content, it.SummaryHTML, it.ContentHTML, cats, it.Language, it.Backlog,
		tm(it.FirstSeen), it.ContentHash()).Scan(&id); err != nil {
		return 0, fmt.Errorf("insert item %s: %w", it.GUID, err)
	}
	return id, nil
}

// Revise archives the stored version of it.ID as a revision and replaces it
// with it, seen at seenAt.
func (b *batch) Revise(ctx context.Context, it match.Item, hash string, seenAt time.Time) error {
	archive, err := b.Prepare(ctx, `INSERT INTO item_revisions
		(item_id, revision, title, link, summary, content, summary_html, content_html,
		 content_hash, seen_at)
		SELECT id, revision, title, link, summary, content, summary_html, content_html,
		 content_hash, COALESCE(revised_at, first_seen)
		FROM items WHERE id = $1`)
	if err != nil {
		return err
	}
	if _, err := archive.ExecContext(ctx, it.ID); err != nil {
		return fmt.Errorf("archive item %s: %w", it.GUID, err)
	}
	up, err := b.Prepare(ctx, `UPDATE items SET
		title = $1, link = $2, published = $3, updated = $4, date_guessed = $5, summary = $6,
		content = $7, summary_html = $8, content_html = $9, categories = $10, language = $11,
		revision = $12, revised_at = $13, content_hash = $14
		WHERE id = $15`)
	if err != nil {
		return err
	}
	cats, err := sqlstore.CategoriesValue(it.Categories)
	if err != nil {
		return fmt.Errorf("revise item %s: %w", it.GUID, err)
	}
	if _, err := up.ExecContext(ctx, it.Title, it.Link, tm(it.Published), tm(it.Updated),
		it.DateGuessed, it.Summary, it.Content, it.SummaryHTML, it.ContentHTML, cats,
		it.Language, it.Revision, tm(seenAt), hash, it.ID); err != nil {
		return fmt.Errorf("revise item %s: %w", it.GUID, err)
	}
	return nil
}
