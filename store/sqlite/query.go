package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// EnsureFeed records a configured feed, updating its side, URL and kind if
// they changed; its fetch state is kept.
func (s *sqlStore) EnsureFeed(ctx context.Context, f store.Feed) error {
	if f.Name == "" {
		return errors.New("ensure feed: empty name")
	}
	if _, err := s.wdb.ExecContext(ctx, `INSERT INTO feeds (name, side, url, kind)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET side = excluded.side, url = excluded.url, kind = excluded.kind
		WHERE side <> excluded.side OR url <> excluded.url OR kind <> excluded.kind`,
		f.Name, f.Side, f.URL, f.Kind); err != nil {
		return fmt.Errorf("ensure feed %s: %w", f.Name, err)
	}
	return nil
}

// Items returns stored items matching q (current versions), oldest first by
// (published, id) unless q.Newest.
func (s *sqlStore) Items(ctx context.Context, q store.ItemQuery) ([]match.Item, error) {
	return s.ListItems(ctx, q, itemSQL)
}

// itemSQL writes the parts of an item list that are SQLite's own.
var itemSQL = sqlstore.ItemSQL{
	NotBacklog: `i.backlog = 0`,
	Oldest:     `i.published, i.id`,
	Newest:     `i.published DESC, i.id DESC`,
}
