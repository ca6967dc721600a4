package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

var _ store.Alerts = (*sqlStore)(nil)

// SaveDecision saves a claim's decision at one lifecycle event and enqueues
// its outbox messages in one transaction; an event key already saved for
// the claim makes it a no-op.
func (s *sqlStore) SaveDecision(ctx context.Context, u store.ClaimUpdate) (store.UpdateResult, error) {
	var res store.UpdateResult
	if u.Item.ID == 0 {
		return res, errors.New("save decision: item has no ID")
	}
	if u.Event == "" {
		return res, fmt.Errorf("save decision for item %d: empty event", u.Item.ID)
	}
	key := u.EventKey
	if key == "" {
		key = u.Event
	}
	dec, err := json.Marshal(u.Decision)
	if err != nil {
		return res, fmt.Errorf("save decision for item %d: encode: %w", u.Item.ID, err)
	}
	fail := func(err error) (store.UpdateResult, error) {
		return store.UpdateResult{}, fmt.Errorf("save %s decision for item %d: %w", key, u.Item.ID, err)
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()

	var claimID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM claims WHERE item_id = ?`, u.Item.ID).Scan(&claimID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = tx.QueryRowContext(ctx, `INSERT INTO claims (item_id, side, feed, published, status, final,
			decision, last_event, created, updated)
			SELECT i.id, i.side, f.name, i.published, ?, ?, ?, ?, ?, ? FROM items i JOIN feeds f ON f.id = i.feed_id
			WHERE i.id = ? RETURNING id`,
			u.Decision.Status.String(), boolInt(u.Decision.Final), string(dec), u.Event, micros(u.At), micros(u.At),
			u.Item.ID).Scan(&claimID)
		if errors.Is(err, sql.ErrNoRows) {
			return fail(fmt.Errorf("item: %w", store.ErrNotFound))
		}
		if err != nil {
			return fail(err)
		}
	case err != nil:
		return fail(err)
	default:
		var seen int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claim_events WHERE claim_id = ? AND event_key = ?`,
			claimID, key).Scan(&seen); err != nil {
			return fail(err)
		}
		if seen > 0 {
			c, err := s.ClaimByID(ctx, tx, claimID)
			if err != nil {
				return fail(err)
			}
			return store.UpdateResult{Claim: c}, nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET status = ?, final = ?, decision = ?, last_event = ?,
			updated = ? WHERE id = ?`,
			u.Decision.Status.String(), boolInt(u.Decision.Final), string(dec), u.Event, micros(u.At), claimID); err != nil {
			return fail(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_events (claim_id, event_key, event, at) VALUES (?, ?, ?, ?)`,
		claimID, key, u.Event, micros(u.At)); err != nil {
		return fail(err)
	}
	if err := saveEvidence(ctx, tx, claimID, u.Decision); err != nil {
		return fail(err)
	}
	n, err := s.InsertOutbox(ctx, tx, claimID, key, u.At, u.Outbox)
	if err != nil {
		return fail(err)
	}
	c, err := s.ClaimByID(ctx, tx, claimID)
	if err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return store.UpdateResult{Claim: c, Applied: true, Enqueued: n}, nil
}

// saveEvidence replaces a claim's evidence links with the items its
// decision considered, matched and matched late, in that order.
func saveEvidence(ctx context.Context, tx *sql.Tx, claimID int64, d match.Decision) error {
	return sqlstore.SaveEvidence(ctx, tx, claimID, d, `DELETE FROM claim_evidence WHERE claim_id = ?`,
		`INSERT OR IGNORE INTO claim_evidence (claim_id, item_id, rank)
		SELECT ?, i.id, ? FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.name = ? AND i.guid = ?`)
}

// newOutbox inserts an outbox message unless its key exists or its claim
// is muted in its channel.
var newOutbox = sqlstore.OutboxSQL{
	Insert: `INSERT OR IGNORE INTO outbox (key, channel, platform, target, event,
		claim_id, feed, payload, next_attempt, state, created)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?
		WHERE NOT EXISTS (SELECT 1 FROM mutes WHERE claim_id = ? AND channel = ?)`,
	Args: func(m store.OutboxMessage) []any {
		return []any{m.Key, m.Channel, m.Platform, m.Target, m.Event, m.ClaimID, m.Feed,
			string(m.Payload), micros(m.NextAttempt), micros(m.CreatedAt), m.ClaimID, m.Channel}
	},
}

// Claims lists claims matching q, newest publication first.
func (s *sqlStore) Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error) {
	if len(q.Terms) > 0 {
		if err := s.syncFTS(ctx); err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
	}
	cs := claimSQL
	if len(q.Statuses) > 1 && q.Limit > 0 {
		// One status walks claims_status in publication order. Several
		// would make SQLite merge them and sort every match (seconds at
		// 100,000 claims), so with a limit the unary + keeps that index out
		// and the newest-first walk of claims_published stops at the limit.
		cs.Statuses = func(a *sqlstore.Args, q store.ClaimQuery) string { return `+` + claimSQL.Statuses(a, q) }
	}
	var a sqlstore.Args
	where, ok, err := s.ClaimWhere(q, time.Time{}, cs, &a)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	if !ok {
		return nil, nil
	}
	query := `SELECT ` + sqlstore.ClaimColumns + sqlstore.ClaimFrom + sqlstore.Where(where) + ` ORDER BY c.published DESC, c.id DESC`
	if q.Limit > 0 {
		query += ` LIMIT ` + a.Add(q.Limit)
	}
	rows, err := s.rdb.QueryContext(ctx, s.SQL(query), a...)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanClaim)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return out, nil
}

// SetMute mutes or unmutes a claim in a channel and records the action.
func (s *sqlStore) SetMute(ctx context.Context, claimID int64, channel string, muted bool, a store.Action) error {
	fail := func(err error) error { return fmt.Errorf("mute claim %d in %s: %w", claimID, channel, err) }
	if channel == "" {
		return fail(errors.New("empty channel"))
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE id = ?`, claimID).Scan(&n); err != nil {
		return fail(err)
	}
	if n == 0 {
		return fail(store.ErrNotFound)
	}
	if muted {
		_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO mutes (claim_id, channel, at) VALUES (?, ?, ?)`,
			claimID, channel, micros(a.At))
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM mutes WHERE claim_id = ? AND channel = ?`, claimID, channel)
	}
	if err != nil {
		return fail(err)
	}
	a.ClaimID = claimID
	if a.Kind == "" {
		a.Kind = store.ActionMute
		if !muted {
			a.Kind = store.ActionUnmute
		}
	}
	if _, err := s.InsertAction(ctx, tx, a); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// ClaimDue leases the due pending messages (see store.Alerts).
func (s *sqlStore) ClaimDue(ctx context.Context, channel string, now time.Time, lease time.Duration, limit int) ([]store.OutboxMessage, error) {
	if limit <= 0 {
		limit = 100
	}
	nowM := now.UnixMicro()
	rows, err := s.wdb.QueryContext(ctx, `UPDATE outbox SET lease_until = ? WHERE id IN (
		SELECT o.id FROM outbox o
		WHERE o.state = 'pending' AND (?2 = '' OR o.channel = ?2)
		  AND (o.next_attempt IS NULL OR o.next_attempt <= ?3)
		  AND (o.lease_until IS NULL OR o.lease_until <= ?3)
		  AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.claim_id = o.claim_id AND m.channel = o.channel)
		  AND (o.claim_id = 0 OR NOT EXISTS (SELECT 1 FROM outbox p WHERE p.claim_id = o.claim_id
		       AND p.channel = o.channel AND p.state = 'pending' AND p.id < o.id))
		ORDER BY o.id LIMIT ?4)
		RETURNING `+sqlstore.OutboxColumns, now.Add(lease).UnixMicro(), channel, nowM, limit)
	if err != nil {
		return nil, fmt.Errorf("claim due outbox messages: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanOutbox)
	if err != nil {
		return nil, fmt.Errorf("claim due outbox messages: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DueChannels returns the channels with pending messages due at now.
func (s *sqlStore) DueChannels(ctx context.Context, now time.Time) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT o.channel FROM outbox o
		WHERE o.state = 'pending' AND (o.next_attempt IS NULL OR o.next_attempt <= ?1)
		  AND (o.lease_until IS NULL OR o.lease_until <= ?1)
		  AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.claim_id = o.claim_id AND m.channel = o.channel)
		ORDER BY o.channel`, now.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("due channels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var ch string
		if err := rows.Scan(&ch); err != nil {
			return nil, fmt.Errorf("due channels: %w", err)
		}
		out = append(out, ch)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due channels: %w", err)
	}
	return out, nil
}

// Postpone releases a message until next without counting an attempt.
func (s *sqlStore) Postpone(ctx context.Context, id int64, next time.Time, note string) error {
	return s.UpdateOutbox(ctx, "postpone", id, `UPDATE outbox SET last_error = CASE WHEN ?1 = '' THEN last_error ELSE ?1 END,
		next_attempt = ?2, lease_until = NULL WHERE id = ?3 AND state = 'pending'`, note, micros(next), id)
}

// ftsQuery builds an FTS5 query that ORs terms, each a prefix phrase; ""
// when no term has a word.
func ftsQuery(terms []string) string {
	var parts []string
	seen := map[string]bool{}
	for _, t := range terms {
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool {
			return r == '"' || r == '*' || r == ' ' || r == '\t' || r == '\n'
		}), " ")
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		parts = append(parts, `"`+t+`"*`)
	}
	return strings.Join(parts, " OR ")
}

// SearchItems returns items matching any of terms, best match first.
func (s *sqlStore) SearchItems(ctx context.Context, terms []string, limit int) ([]match.Item, error) {
	if limit <= 0 {
		limit = 20
	}
	fts := ftsQuery(terms)
	if fts == "" {
		return nil, nil
	}
	if err := s.syncFTS(ctx); err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+sqlstore.ItemColumns+` FROM items_fts
		JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
		WHERE items_fts MATCH ? ORDER BY bm25(items_fts), i.published DESC, i.id DESC LIMIT ?`, fts, limit)
	if err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanItem)
	if err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	return out, nil
}
