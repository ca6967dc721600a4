package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

var _ store.Digests = (*sqlStore)(nil)

// OutboxByKey returns the outbox message with this idempotency key.
func (s *sqlStore) OutboxByKey(ctx context.Context, key string) (store.OutboxMessage, error) {
	m, err := sqlstore.ScanOutbox(s.rdb.QueryRowContext(ctx, `SELECT `+sqlstore.OutboxColumns+` FROM outbox WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("outbox message %q: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("outbox message %q: %w", key, err)
	}
	return m, nil
}

// ClaimsPublished returns the claims published in [from, to), oldest first.
func (s *sqlStore) ClaimsPublished(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.queryClaims(ctx, `SELECT `+sqlstore.DigestColumns+sqlstore.ClaimFrom+`
		WHERE c.published >= ? AND c.published < ? ORDER BY c.published, c.id`, micros(from), micros(to))
	if err != nil {
		return nil, fmt.Errorf("claims published from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return out, nil
}

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

// ClaimsResolved returns the claims resolved in [from, to). Every
// resolution is recorded with a confirm or dismiss action (Resolve), so
// the few claims those actions name are read instead of scanning every
// claim's row.
func (s *sqlStore) ClaimsResolved(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.queryClaims(ctx, `SELECT `+sqlstore.DigestColumns+sqlstore.ClaimFrom+`
		WHERE c.id IN (SELECT claim_id FROM actions WHERE kind IN (?, ?))
		AND c.resolution <> '' AND c.res_at >= ? AND c.res_at < ? ORDER BY c.res_at, c.id`,
		string(store.ActionConfirm), string(store.ActionDismiss), micros(from), micros(to))
	if err != nil {
		return nil, fmt.Errorf("claims resolved: %w", err)
	}
	return out, nil
}

// OldestOpen returns the oldest unresolved claims without confirmation
// published before before.
func (s *sqlStore) OldestOpen(ctx context.Context, before time.Time, limit int) ([]store.Claim, error) {
	if limit <= 0 {
		limit = 20
	}
	out, err := s.queryClaims(ctx, `SELECT `+sqlstore.DigestColumns+sqlstore.ClaimFrom+`
		WHERE c.status IN ('pending', 'partial', 'unconfirmed') AND c.resolution = '' AND c.published < ?
		ORDER BY c.published, c.id LIMIT ?`, micros(before), limit)
	if err != nil {
		return nil, fmt.Errorf("oldest open claims: %w", err)
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

// queryClaims runs a query selecting sqlstore.DigestColumns and scans its claims.
func (s *sqlStore) queryClaims(ctx context.Context, query string, args ...any) ([]store.Claim, error) {
	rows, err := s.rdb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Claim
	for rows.Next() {
		c, err := sqlstore.ScanDigestClaim(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
