package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// feedRow is what RecordPoll needs to know about a feed.
type feedRow struct {
	id        int64
	side      string
	baselined bool
}

// knownItem is a stored item as the batch comparison sees it.
type knownItem struct {
	id          int64
	hash        string
	revision    int
	firstSeen   sql.NullTime
	backlog     bool
	published   sql.NullTime
	dateGuessed bool
	side        string
}

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
			tm(p.Finished), p.ETag, p.LastModified, tm(p.NextAttemptAt), p.FetchPath, feed.id).Scan(&polls)
	} else {
		err = tx.QueryRowContext(ctx, `UPDATE feeds SET
			last_poll_at = $1, last_error_at = $1, last_error = $2, last_error_class = $3,
			error_count = error_count + 1, failures = failures + 1, polls = polls + 1,
			next_attempt_at = $4
			WHERE id = $5 RETURNING polls`,
			tm(p.Finished), p.Error, p.ErrorClass, tm(p.NextAttemptAt), feed.id).Scan(&polls)
	}
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: update feed: %w", p.Feed, err)
	}

	if _, err := tx.ExecContext(ctx, `INSERT INTO polls
		(feed_id, started, finished, ok, not_modified, status, error_class, error,
		 etag, last_modified, next_attempt_at, fetch_path)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		feed.id, tm(p.Started), tm(p.Finished), p.OK, p.NotModified,
		p.Status, p.ErrorClass, p.Error, p.ETag, p.LastModified, tm(p.NextAttemptAt),
		p.FetchPath); err != nil {
		return store.SaveResult{}, fmt.Errorf("record poll %s: log poll: %w", p.Feed, err)
	}
	if s.pruneEvery > 0 && polls%s.pruneEvery == 0 && !p.Finished.IsZero() {
		cutoff := p.Finished.Add(-s.retention)
		if _, err := tx.ExecContext(ctx, `DELETE FROM polls WHERE feed_id = $1 AND finished < $2`,
			feed.id, tm(cutoff)); err != nil {
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
func lockFeedRow(ctx context.Context, tx *sql.Tx, name string) (feedRow, error) {
	var f feedRow
	if _, err := tx.ExecContext(ctx, `INSERT INTO feeds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, name); err != nil {
		return f, fmt.Errorf("create feed: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id, side, baselined FROM feeds WHERE name = $1 FOR UPDATE`, name).
		Scan(&f.id, &f.side, &f.baselined); err != nil {
		return f, fmt.Errorf("read feed: %w", err)
	}
	return f, nil
}

// saveItems inserts the batch's new items and revises its changed ones.
func saveItems(ctx context.Context, tx *sql.Tx, feed feedRow, p store.Poll, items []match.Item) (store.SaveResult, error) {
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

	known, err := loadKnown(ctx, tx, feed.id, guids)
	if err != nil {
		return res, err
	}

	st := &stmts{tx: tx}
	defer st.close()
	for _, it := range batch {
		it.Feed = p.Feed
		if it.Side == "" {
			it.Side = feed.side
		}
		normaliseTimes(&it)
		if k, ok := known[it.GUID]; ok {
			revised, changed, err := reviseItem(ctx, st, k, it, p)
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
			dup, err := st.linkHeldElsewhere(ctx, it.Link, it.Side, feed.id)
			if err != nil {
				return res, err
			}
			if dup {
				res.Duplicates++
				continue
			}
		}
		it.Backlog = !feed.baselined
		if it.FirstSeen.IsZero() {
			it.FirstSeen = roundTrip(p.Finished)
		}
		if it.Published.IsZero() && it.DateGuessed {
			it.Published = it.FirstSeen
		}
		it.Revision = 0
		if it.ID, err = st.insert(ctx, feed.id, it); err != nil {
			return res, err
		}
		res.New = append(res.New, it)
	}
	return res, nil
}

// loadKnown reads the stored versions of the batch's GUIDs in one query.
func loadKnown(ctx context.Context, tx *sql.Tx, feedID int64, guids []string) (map[string]knownItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT guid, id, content_hash, revision, first_seen,
		backlog, published, date_guessed, side
		FROM items WHERE feed_id = $1 AND guid = ANY($2)`, feedID, guids)
	if err != nil {
		return nil, fmt.Errorf("load known items: %w", err)
	}
	defer rows.Close()
	known := make(map[string]knownItem)
	for rows.Next() {
		var guid string
		var k knownItem
		if err := rows.Scan(&guid, &k.id, &k.hash, &k.revision, &k.firstSeen,
			&k.backlog, &k.published, &k.dateGuessed, &k.side); err != nil {
			return nil, fmt.Errorf("load known items: %w", err)
		}
		known[guid] = k
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load known items: %w", err)
	}
	return known, nil
}

// reviseItem compares it with its stored version and, when its title,
// summary or content changed, archives the stored version and stores it.
func reviseItem(ctx context.Context, st *stmts, k knownItem, it match.Item, p store.Poll) (match.Item, bool, error) {
	hash := it.ContentHash()
	if hash == k.hash {
		return it, false, nil
	}
	it.ID = k.id
	it.Side = k.side
	it.Revision = k.revision + 1
	it.FirstSeen = fromTime(k.firstSeen)
	it.Backlog = k.backlog
	if it.DateGuessed {
		// A guessed date is when gapwatch first saw the item, not when
		// it saw the edit.
		it.Published = fromTime(k.published)
		it.DateGuessed = k.dateGuessed
	}
	if err := st.revise(ctx, it, hash, p.Finished); err != nil {
		return it, false, err
	}
	return it, true, nil
}

// normaliseTimes gives the item's times the form the store reads back.
func normaliseTimes(it *match.Item) {
	it.Published = roundTrip(it.Published)
	it.Updated = roundTrip(it.Updated)
	it.FirstSeen = roundTrip(it.FirstSeen)
}

// stmts prepares the batch's statements on first use, so a poll that needs
// none (304, all unchanged) prepares nothing.
type stmts struct {
	tx                             *sql.Tx
	dupLink, insertIt, archive, up *sql.Stmt
}

func (s *stmts) prepare(ctx context.Context, p **sql.Stmt, query string) (*sql.Stmt, error) {
	if *p != nil {
		return *p, nil
	}
	st, err := s.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	*p = st
	return st, nil
}

func (s *stmts) close() {
	for _, st := range []*sql.Stmt{s.dupLink, s.insertIt, s.archive, s.up} {
		if st != nil {
			_ = st.Close()
		}
	}
}

// linkHeldElsewhere reports whether another feed of the same side already
// holds an item with this link.
func (s *stmts) linkHeldElsewhere(ctx context.Context, link, side string, feedID int64) (bool, error) {
	st, err := s.prepare(ctx, &s.dupLink,
		`SELECT 1 FROM items WHERE link = $1 AND side = $2 AND feed_id <> $3 LIMIT 1`)
	if err != nil {
		return false, err
	}
	var one int
	err = st.QueryRowContext(ctx, link, side, feedID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("check link %s: %w", link, err)
	}
	return true, nil
}

func (s *stmts) insert(ctx context.Context, feedID int64, it match.Item) (int64, error) {
	st, err := s.prepare(ctx, &s.insertIt, `INSERT INTO items
		(feed_id, side, guid, title, link, published, updated, date_guessed, summary,
		 content, summary_html, content_html, categories, language, backlog, first_seen,
		 revision, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, $17)
		RETURNING id`)
	if err != nil {
		return 0, err
	}
	cats, err := categoriesValue(it.Categories)
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

// revise archives the stored version of it.ID as a revision and replaces it
// with it, seen at seenAt.
func (s *stmts) revise(ctx context.Context, it match.Item, hash string, seenAt time.Time) error {
	archive, err := s.prepare(ctx, &s.archive, `INSERT INTO item_revisions
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
	up, err := s.prepare(ctx, &s.up, `UPDATE items SET
		title = $1, link = $2, published = $3, updated = $4, date_guessed = $5, summary = $6,
		content = $7, summary_html = $8, content_html = $9, categories = $10, language = $11,
		revision = $12, revised_at = $13, content_hash = $14
		WHERE id = $15`)
	if err != nil {
		return err
	}
	cats, err := categoriesValue(it.Categories)
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
