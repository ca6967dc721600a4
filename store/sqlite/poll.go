package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// RecordPoll stores a poll's outcome and, when it succeeded, its items, in
// one transaction. See store.Store for the contract. Every 100th poll of a
// feed also prunes that feed's poll log: entries that finished more than 400
// days before this poll are deleted, which keeps the log bounded.
func (s *sqlStore) RecordPoll(ctx context.Context, p store.Poll, items []match.Item) (store.SaveResult, error) {
	var res store.SaveResult
	if p.Feed == "" {
		return res, errors.New("record poll: empty feed name")
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("record poll %s: begin: %w", p.Feed, err)
	}
	defer func() { _ = tx.Rollback() }()

	feed, err := ensureFeedRow(ctx, tx, p.Feed)
	if err != nil {
		return res, fmt.Errorf("record poll %s: %w", p.Feed, err)
	}

	var polls int
	if p.OK {
		if res, err = saveItems(ctx, tx, feed, p, items); err != nil {
			return store.SaveResult{}, fmt.Errorf("record poll %s: %w", p.Feed, err)
		}
		err = tx.QueryRowContext(ctx, `UPDATE feeds SET
			baselined = 1, last_poll_at = ?, last_success_at = ?,
			error_count = 0, last_error = '', last_error_class = '',
			etag = ?, last_modified = ?, next_attempt_at = ?, fetch_path = ?,
			polls = polls + 1
			WHERE id = ? RETURNING polls`,
			micros(p.Finished), micros(p.Finished), p.ETag, p.LastModified,
			micros(p.NextAttemptAt), p.FetchPath, feed.ID).Scan(&polls)
	} else {
		err = tx.QueryRowContext(ctx, `UPDATE feeds SET
			last_poll_at = ?, last_error_at = ?, last_error = ?, last_error_class = ?,
			error_count = error_count + 1, failures = failures + 1, polls = polls + 1,
			next_attempt_at = ?
			WHERE id = ? RETURNING polls`,
			micros(p.Finished), micros(p.Finished), p.Error, p.ErrorClass,
			micros(p.NextAttemptAt), feed.ID).Scan(&polls)
	}
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: update feed: %w", p.Feed, err)
	}

	if _, err := tx.ExecContext(ctx, `INSERT INTO polls
		(feed_id, started, finished, ok, not_modified, status, error_class, error,
		 etag, last_modified, next_attempt_at, fetch_path)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		feed.ID, micros(p.Started), micros(p.Finished), boolInt(p.OK), boolInt(p.NotModified),
		p.Status, p.ErrorClass, p.Error, p.ETag, p.LastModified, micros(p.NextAttemptAt),
		p.FetchPath); err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: log poll: %w", p.Feed, err)
	}
	if s.pruneEvery > 0 && polls%s.pruneEvery == 0 && !p.Finished.IsZero() {
		cutoff := p.Finished.Add(-s.retention)
		if _, err := tx.ExecContext(ctx, `DELETE FROM polls WHERE feed_id = ? AND finished < ?`,
			feed.ID, micros(cutoff)); err != nil {
			return store.SaveResult{}, fmt.Errorf("record poll %s: prune poll log: %w", p.Feed, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: commit: %w", p.Feed, err)
	}
	return res, nil
}

// ensureFeedRow returns the feed's row, creating it (side, URL and kind
// unknown) if EnsureFeed was never called for it.
func ensureFeedRow(ctx context.Context, tx *sql.Tx, name string) (sqlstore.FeedRow, error) {
	var f sqlstore.FeedRow
	err := tx.QueryRowContext(ctx, `SELECT id, side, baselined FROM feeds WHERE name = ?`, name).
		Scan(&f.ID, &f.Side, &f.Baselined)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, `INSERT INTO feeds (name) VALUES (?)`, name)
		if err != nil {
			return f, fmt.Errorf("create feed: %w", err)
		}
		f.ID, err = res.LastInsertId()
		if err != nil {
			return f, fmt.Errorf("create feed: %w", err)
		}
		return f, nil
	}
	if err != nil {
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
	list, err := json.Marshal(guids)
	if err != nil {
		return nil, fmt.Errorf("load known items: %w", err)
	}
	rows, err := b.Tx.QueryContext(ctx, `SELECT `+sqlstore.KnownColumns+`
		FROM items WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))`,
		feedID, string(list))
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
		`SELECT 1 FROM items WHERE link = ? AND side = ? AND feed_id <> ? LIMIT 1`)
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
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`)
	if err != nil {
		return 0, err
	}
	cats, err := sqlstore.CategoriesValue(it.Categories)
	if err != nil {
		return 0, fmt.Errorf("insert item %s: %w", it.GUID, err)
	}
	r, err := st.ExecContext(ctx, feedID, it.Side, it.GUID, it.Title, it.Link,
		micros(it.Published), micros(it.Updated), boolInt(it.DateGuessed), it.Summary,
		it.Content, it.SummaryHTML, it.ContentHTML, cats, it.Language, boolInt(it.Backlog),
		micros(it.FirstSeen), it.ContentHash())
	if err != nil {
		return 0, fmt.Errorf("insert item %s: %w", it.GUID, err)
	}
	id, err := r.LastInsertId()
	if err != nil {
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
		FROM items WHERE id = ?`)
	if err != nil {
		return err
	}
	if _, err := archive.ExecContext(ctx, it.ID); err != nil {
		return fmt.Errorf("archive item %s: %w", it.GUID, err)
	}
	up, err := b.Prepare(ctx, `UPDATE items SET
		title = ?, link = ?, published = ?, updated = ?, date_guessed = ?, summary = ?,
		content = ?, summary_html = ?, content_html = ?, categories = ?, language = ?,
		revision = ?, revised_at = ?, content_hash = ?
		WHERE id = ?`)
	if err != nil {
		return err
	}
	cats, err := sqlstore.CategoriesValue(it.Categories)
	if err != nil {
		return fmt.Errorf("revise item %s: %w", it.GUID, err)
	}
	if _, err := up.ExecContext(ctx, it.Title, it.Link, micros(it.Published), micros(it.Updated),
		boolInt(it.DateGuessed), it.Summary, it.Content, it.SummaryHTML, it.ContentHTML, cats,
		it.Language, it.Revision, micros(seenAt), hash, it.ID); err != nil {
		return fmt.Errorf("revise item %s: %w", it.GUID, err)
	}
	return nil
}
