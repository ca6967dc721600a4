package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

var _ store.Digests = (*sqlStore)(nil)

// ClaimEvents returns the claims with one of events saved in [from, to).
func (s *sqlStore) ClaimEvents(ctx context.Context, events []string, from, to time.Time) ([]store.ClaimEvent, error) {
	if len(events) == 0 {
		return nil, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(events)), ", ")
	args := make([]any, 0, len(events)+2)
	for _, e := range events {
		args = append(args, e)
	}
	args = append(args, micros(from), micros(to))
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+sqlstore.DigestColumns+`, e.event, e.at FROM claim_events e
		JOIN claims c ON c.id = e.claim_id JOIN items i ON i.id = c.item_id JOIN feeds f ON f.id = i.feed_id
		WHERE e.event IN (`+ph+`) AND e.at >= ? AND e.at < ? ORDER BY e.at, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("claim events: %w", err)
	}
	defer rows.Close()
	var out []store.ClaimEvent
	for rows.Next() {
		var ev store.ClaimEvent
		c, err := sqlstore.ScanDigestClaim(rows, &ev.Event, sqlstore.Time(&ev.At))
		if err != nil {
			return nil, fmt.Errorf("claim events: %w", err)
		}
		ev.Claim = c
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim events: %w", err)
	}
	return out, nil
}

// FeedActivity returns every feed's polls, failures and items in [from, to).
func (s *sqlStore) FeedActivity(ctx context.Context, from, to time.Time) ([]store.FeedActivity, error) {
	f, t := micros(from), micros(to)
	rows, err := s.rdb.QueryContext(ctx, `SELECT f.name, f.side,
		(SELECT count(*) FROM polls p WHERE p.feed_id = f.id AND p.finished >= ?1 AND p.finished < ?2),
		(SELECT count(*) FROM polls p WHERE p.feed_id = f.id AND p.finished >= ?1 AND p.finished < ?2 AND p.ok = 0),
		(SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.published >= ?1 AND i.published < ?2 AND i.backlog = 0)
		FROM feeds f ORDER BY f.name`, f, t)
	if err != nil {
		return nil, fmt.Errorf("feed activity: %w", err)
	}
	defer rows.Close()
	var out []store.FeedActivity
	for rows.Next() {
		var a store.FeedActivity
		if err := rows.Scan(&a.Feed, &a.Side, &a.Polls, &a.Failures, &a.Items); err != nil {
			return nil, fmt.Errorf("feed activity: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feed activity: %w", err)
	}
	return out, nil
}
