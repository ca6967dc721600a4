package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

var _ store.Digests = (*pgStore)(nil)

// ClaimEvents returns the claims with one of events saved in [from, to).
func (s *pgStore) ClaimEvents(ctx context.Context, events []string, from, to time.Time) ([]store.ClaimEvent, error) {
	if len(events) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqlstore.DigestColumns+`, e.event, e.at FROM claim_events e
		JOIN claims c ON c.id = e.claim_id JOIN items i ON i.id = c.item_id JOIN feeds f ON f.id = i.feed_id
		WHERE e.event = ANY($1) AND e.at >= $2 AND e.at < $3 ORDER BY e.at, c.id`, events, tm(from), tm(to))
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
func (s *pgStore) FeedActivity(ctx context.Context, from, to time.Time) ([]store.FeedActivity, error) {
	f, t := tm(from), tm(to)
	rows, err := s.db.QueryContext(ctx, `SELECT f.name, f.side,
		(SELECT count(*) FROM polls p WHERE p.feed_id = f.id AND p.finished >= $1 AND p.finished < $2),
		(SELECT count(*) FROM polls p WHERE p.feed_id = f.id AND p.finished >= $1 AND p.finished < $2 AND NOT p.ok),
		(SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.published >= $1 AND i.published < $2 AND NOT i.backlog)
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
