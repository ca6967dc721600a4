package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// EnsureFeed records a configured feed, updating its side, URL and kind if
// they changed; its fetch state is kept.
func (s *pgStore) EnsureFeed(ctx context.Context, f store.Feed) error {
	if f.Name == "" {
		return errors.New("ensure feed: empty name")
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO feeds (name, side, url, kind)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (name) DO UPDATE SET side = excluded.side, url = excluded.url, kind = excluded.kind
		WHERE feeds.side <> excluded.side OR feeds.url <> excluded.url OR feeds.kind <> excluded.kind`,
		f.Name, f.Side, f.URL, f.Kind); err != nil {
		return fmt.Errorf("ensure feed %s: %w", f.Name, err)
	}
	return nil
}

// FeedState returns one feed's state, ErrNotFound if it is unknown.
func (s *pgStore) FeedState(ctx context.Context, name string) (store.FeedState, error) {
	f, err := sqlstore.ScanFeed(s.db.QueryRowContext(ctx,
		`SELECT `+sqlstore.FeedColumns+` FROM feeds WHERE name = $1`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("feed %s: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", name, err)
	}
	return f, nil
}

// FeedStates returns every feed's state ordered by name.
func (s *pgStore) FeedStates(ctx context.Context) ([]store.FeedState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqlstore.FeedColumns+` FROM feeds ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	var out []store.FeedState
	for rows.Next() {
		f, err := sqlstore.ScanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return out, nil
}

// Items returns stored items matching q (current versions), oldest first by
// (published, id) unless q.Newest.
func (s *pgStore) Items(ctx context.Context, q store.ItemQuery) ([]match.Item, error) {
	var where []string
	var a args
	if q.Feed != "" {
		where = append(where, `i.feed_id = (SELECT id FROM feeds WHERE name = `+a.add(q.Feed)+`)`)
	}
	if q.Side != "" {
		where = append(where, `i.side = `+a.add(q.Side))
	}
	if !q.Since.IsZero() {
		where = append(where, `i.published >= `+a.add(tm(q.Since)))
	}
	if !q.Until.IsZero() {
		where = append(where, `i.published < `+a.add(tm(q.Until)))
	}
	if q.ExcludeBacklog {
		where = append(where, `NOT i.backlog`)
	}
	var b strings.Builder
	b.WriteString(`SELECT ` + sqlstore.ItemColumns + sqlstore.ItemFrom)
	if len(where) > 0 {
		b.WriteString(` WHERE ` + strings.Join(where, ` AND `))
	}
	if q.Newest {
		b.WriteString(` ORDER BY i.published DESC NULLS LAST, i.id DESC`)
	} else {
		b.WriteString(` ORDER BY i.published NULLS FIRST, i.id`)
	}
	if q.Limit > 0 {
		b.WriteString(` LIMIT ` + a.add(q.Limit))
	}
	rows, err := s.db.QueryContext(ctx, b.String(), a...)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	defer rows.Close()
	var out []match.Item
	for rows.Next() {
		it, err := sqlstore.ScanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	return out, nil
}

// Item returns one item by ID, ErrNotFound if absent.
func (s *pgStore) Item(ctx context.Context, id int64) (match.Item, error) {
	it, err := sqlstore.ScanItem(s.db.QueryRowContext(ctx,
		`SELECT `+sqlstore.ItemColumns+sqlstore.ItemFrom+` WHERE i.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("item %d: %w", id, err)
	}
	return it, nil
}

// ItemByGUID returns one feed's item by GUID, ErrNotFound if absent.
func (s *pgStore) ItemByGUID(ctx context.Context, feed, guid string) (match.Item, error) {
	it, err := sqlstore.ScanItem(s.db.QueryRowContext(ctx,
		`SELECT `+sqlstore.ItemColumns+sqlstore.ItemFrom+` WHERE f.name = $1 AND i.guid = $2`, feed, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %s/%s: %w", feed, guid, store.ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("item %s/%s: %w", feed, guid, err)
	}
	return it, nil
}

// Revisions returns every version of an item, the current one last;
// ErrNotFound if the item is absent.
func (s *pgStore) Revisions(ctx context.Context, itemID int64) ([]store.Revision, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT revision, title, summary, content, seen_at FROM item_revisions WHERE item_id = $1
		UNION ALL
		SELECT revision, title, summary, content, COALESCE(revised_at, first_seen) FROM items WHERE id = $1
		ORDER BY revision`, itemID)
	if err != nil {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, err)
	}
	defer rows.Close()
	var out []store.Revision
	for rows.Next() {
		r := store.Revision{ItemID: itemID}
		var seen sql.NullTime
		if err := rows.Scan(&r.Revision, &r.Title, &r.Summary, &r.Content, &seen); err != nil {
			return nil, fmt.Errorf("revisions of item %d: %w", itemID, err)
		}
		r.SeenAt = fromTime(seen)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, store.ErrNotFound)
	}
	return out, nil
}

// Polls returns a feed's recorded polls that finished in [from, to), oldest
// first. A zero from or to leaves that end open; an unknown feed has none.
func (s *pgStore) Polls(ctx context.Context, feed string, from, to time.Time) ([]store.Poll, error) {
	query := `SELECT started, finished, ok, not_modified, status, error_class, error, etag,
		last_modified, next_attempt_at, fetch_path
		FROM polls WHERE feed_id = (SELECT id FROM feeds WHERE name = $1)`
	args := []any{feed}
	if !from.IsZero() {
		args = append(args, tm(from))
		query += fmt.Sprintf(` AND finished >= $%d`, len(args))
	}
	if !to.IsZero() {
		args = append(args, tm(to))
		query += fmt.Sprintf(` AND finished < $%d`, len(args))
	}
	query += ` ORDER BY finished, id`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("polls of %s: %w", feed, err)
	}
	defer rows.Close()
	var out []store.Poll
	for rows.Next() {
		p := store.Poll{Feed: feed}
		var started, finished, next sql.NullTime
		if err := rows.Scan(&started, &finished, &p.OK, &p.NotModified, &p.Status, &p.ErrorClass,
			&p.Error, &p.ETag, &p.LastModified, &next, &p.FetchPath); err != nil {
			return nil, fmt.Errorf("polls of %s: %w", feed, err)
		}
		p.Started = fromTime(started)
		p.Finished = fromTime(finished)
		p.NextAttemptAt = fromTime(next)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("polls of %s: %w", feed, err)
	}
	return out, nil
}
