package postgres

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

var _ store.Alerts = (*pgStore)(nil)

// SaveDecision saves a claim's decision at one lifecycle event and enqueues
// its outbox messages in one transaction; an event key already saved for
// the claim makes it a no-op.
func (s *pgStore) SaveDecision(ctx context.Context, u store.ClaimUpdate) (store.UpdateResult, error) {
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()

	// A new claim is inserted; an existing one is locked, so that two
	// replicas saving events of one claim take turns.
	var claimID int64
	err = tx.QueryRowContext(ctx, `INSERT INTO claims (item_id, side, feed, published, status, final,
		decision, last_event, created, updated)
		SELECT i.id, i.side, f.name, i.published, $1, $2, $3, $4, $5, $5 FROM items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.id = $6 ON CONFLICT (item_id) DO NOTHING RETURNING id`,
		u.Decision.Status.String(), u.Decision.Final, string(dec), u.Event, tm(u.At), u.Item.ID).Scan(&claimID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = tx.QueryRowContext(ctx, `SELECT id FROM claims WHERE item_id = $1 FOR UPDATE`, u.Item.ID).Scan(&claimID)
		if errors.Is(err, sql.ErrNoRows) {
			return fail(fmt.Errorf("item: %w", store.ErrNotFound))
		}
		if err != nil {
			return fail(err)
		}
		var seen int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claim_events WHERE claim_id = $1 AND event_key = $2`,
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
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET status = $1, final = $2, decision = $3, last_event = $4,
			updated = $5 WHERE id = $6`,
			u.Decision.Status.String(), u.Decision.Final, string(dec), u.Event, tm(u.At), claimID); err != nil {
			return fail(err)
		}
	case err != nil:
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_events (claim_id, event_key, event, at) VALUES ($1, $2, $3, $4)`,
		claimID, key, u.Event, tm(u.At)); err != nil {
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
	return sqlstore.SaveEvidence(ctx, tx, claimID, d, `DELETE FROM claim_evidence WHERE claim_id = $1`,
		`INSERT INTO claim_evidence (claim_id, item_id, rank)
		SELECT $1, i.id, $2 FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.name = $3 AND i.guid = $4
		ON CONFLICT DO NOTHING`)
}

// newOutbox inserts an outbox message unless its key exists or its claim
// is muted in its channel.
var newOutbox = sqlstore.OutboxSQL{
	Insert: `INSERT INTO outbox (key, channel, platform, target, event,
		claim_id, feed, payload, next_attempt, state, created)
		SELECT $1, $2, $3, $4, $5, $6::bigint, $7, $8, $9, 'pending', $10
		WHERE NOT EXISTS (SELECT 1 FROM mutes WHERE claim_id = $6::bigint AND channel = $2)
		ON CONFLICT (key) DO NOTHING`,
	Args: func(m store.OutboxMessage) []any {
		return []any{m.Key, m.Channel, m.Platform, m.Target, m.Event, m.ClaimID, m.Feed,
			string(m.Payload), tm(m.NextAttempt), tm(m.CreatedAt)}
	},
}

// Claims lists claims matching q, newest publication first.
func (s *pgStore) Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error) {
	where, a, ok, err := claimWhere(q, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	if !ok {
		return nil, nil
	}
	var b strings.Builder
	b.WriteString(`SELECT ` + sqlstore.ClaimColumns + sqlstore.ClaimFrom + where)
	b.WriteString(` ORDER BY c.published DESC NULLS LAST, c.id DESC`)
	if q.Limit > 0 {
		b.WriteString(` LIMIT ` + a.Add(q.Limit))
	}
	rows, err := s.db.QueryContext(ctx, b.String(), a...)
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
func (s *pgStore) SetMute(ctx context.Context, claimID int64, channel string, muted bool, a store.Action) error {
	fail := func(err error) error { return fmt.Errorf("mute claim %d in %s: %w", claimID, channel, err) }
	if channel == "" {
		return fail(errors.New("empty channel"))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM claims WHERE id = $1 FOR UPDATE`, claimID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fail(store.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	if muted {
		_, err = tx.ExecContext(ctx, `INSERT INTO mutes (claim_id, channel, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			claimID, channel, tm(a.At))
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM mutes WHERE claim_id = $1 AND channel = $2`, claimID, channel)
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

// outboxReturning is sqlstore.OutboxColumns qualified for UPDATE ... FROM.
const outboxReturning = `outbox.id, outbox.key, outbox.channel, outbox.platform, outbox.target, outbox.event,
	outbox.claim_id, outbox.feed, outbox.payload, outbox.attempts, outbox.next_attempt, outbox.last_error,
	outbox.state, outbox.receipt, outbox.created, outbox.sent`

// ClaimDue leases the due pending messages (see store.Alerts).
func (s *pgStore) ClaimDue(ctx context.Context, channel string, now time.Time, lease time.Duration, limit int) ([]store.OutboxMessage, error) {
	if limit <= 0 {
		limit = 100
	}
	// The due rows are locked with SKIP LOCKED: a row another sender is
	// taking is skipped rather than waited for, and once that sender has
	// committed its lease the row no longer qualifies, so each message is
	// handed to one sender.
	rows, err := s.db.QueryContext(ctx, `WITH due AS (
		SELECT o.id FROM outbox o
		WHERE o.state = 'pending' AND ($2 = '' OR o.channel = $2)
		  AND (o.next_attempt IS NULL OR o.next_attempt <= $3)
		  AND (o.lease_until IS NULL OR o.lease_until <= $3)
		  AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.claim_id = o.claim_id AND m.channel = o.channel)
		  AND (o.claim_id = 0 OR NOT EXISTS (SELECT 1 FROM outbox p WHERE p.claim_id = o.claim_id
		       AND p.channel = o.channel AND p.state = 'pending' AND p.id < o.id))
		ORDER BY o.id LIMIT $4
		FOR UPDATE OF o SKIP LOCKED)
		UPDATE outbox SET lease_until = $1 FROM due WHERE outbox.id = due.id
		RETURNING `+outboxReturning, tm(now.Add(lease)), channel, tm(now), limit)
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
func (s *pgStore) DueChannels(ctx context.Context, now time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT o.channel FROM outbox o
		WHERE o.state = 'pending' AND (o.next_attempt IS NULL OR o.next_attempt <= $1)
		  AND (o.lease_until IS NULL OR o.lease_until <= $1)
		  AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.claim_id = o.claim_id AND m.channel = o.channel)
		ORDER BY o.channel`, tm(now))
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
func (s *pgStore) Postpone(ctx context.Context, id int64, next time.Time, note string) error {
	return s.UpdateOutbox(ctx, "postpone", id, `UPDATE outbox SET last_error = CASE WHEN $1::text = '' THEN last_error ELSE $1 END,
		next_attempt = $2, lease_until = NULL WHERE id = $3 AND state = 'pending'`, note, tm(next), id)
}
