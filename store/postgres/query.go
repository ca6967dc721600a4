package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// Items returns stored items matching q (current versions), oldest first by
// (published, id) unless q.Newest.
func (s *pgStore) Items(ctx context.Context, q store.ItemQuery) ([]match.Item, error) {
	var where []string
	var a sqlstore.Args
	if q.Feed != "" {
		where = append(where, `i.feed_id = (SELECT id FROM feeds WHERE name = `+a.Add(q.Feed)+`)`)
	}
	if q.Side != "" {
		where = append(where, `i.side = `+a.Add(q.Side))
	}
	if !q.Since.IsZero() {
		where = append(where, `i.published >= `+a.Add(tm(q.Since)))
	}
	if !q.Until.IsZero() {
		where = append(where, `i.published < `+a.Add(tm(q.Until)))
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
		b.WriteString(` LIMIT ` + a.Add(q.Limit))
	}
	rows, err := s.db.QueryContext(ctx, b.String(), a...)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanItem)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	return out, nil
}
