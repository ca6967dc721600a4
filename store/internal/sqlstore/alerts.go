package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// SaveEvidence replaces a claim's evidence links with the items its
// decision considered, matched and matched late, in that order: del
// deletes the claim's links (argument: claim ID), ins links one item
// unless it is linked already (arguments: claim ID, rank, feed, GUID).
func SaveEvidence(ctx context.Context, tx *sql.Tx, claimID int64, d match.Decision, del, ins string) error {
	if _, err := tx.ExecContext(ctx, del, claimID); err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	var refs []match.Ref
	for _, c := range d.Considered {
		refs = append(refs, c.Ref)
	}
	refs = append(refs, d.Matches...)
	if d.LateMatch != nil {
		refs = append(refs, *d.LateMatch)
	}
	if len(refs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, ins)
	if err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	defer stmt.Close()
	for rank, r := range refs {
		if _, err := stmt.ExecContext(ctx, claimID, rank, r.Feed, r.GUID); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
	}
	return nil
}

// InsertOutbox inserts msgs with the prepared statement st, which skips
// existing keys and channels where the claim is muted, and returns how many
// were inserted. Before binding (bind returns st's arguments) a message
// gets its defaults: the claim claimID (when not 0), a key from the claim,
// event (else its own event) and channel, creation at at (else now), first
// attempt at creation, payload "{}".
func InsertOutbox(ctx context.Context, st *sql.Stmt, claimID int64, event string, at time.Time,
	msgs []store.OutboxMessage, bind func(store.OutboxMessage) []any) (int, error) {
	n := 0
	for _, m := range msgs {
		if m.Channel == "" {
			return n, errors.New("outbox: message without channel")
		}
		if claimID != 0 {
			m.ClaimID = claimID
		}
		if m.Key == "" {
			if m.ClaimID == 0 {
				return n, fmt.Errorf("outbox: %s message to %s has no key", m.Event, m.Channel)
			}
			ev := event
			if ev == "" {
				ev = m.Event
			}
			m.Key = store.ClaimKey(m.ClaimID, ev, m.Channel)
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = at
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = time.Now()
		}
		if m.NextAttempt.IsZero() {
			m.NextAttempt = m.CreatedAt
		}
		if len(m.Payload) == 0 {
			m.Payload = []byte("{}")
		}
		r, err := st.ExecContext(ctx, bind(m)...)
		if err != nil {
			return n, fmt.Errorf("outbox %s: %w", m.Key, err)
		}
		k, err := r.RowsAffected()
		if err != nil {
			return n, fmt.Errorf("outbox %s: %w", m.Key, err)
		}
		n += int(k)
	}
	return n, nil
}
