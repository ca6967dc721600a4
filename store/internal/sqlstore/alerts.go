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

// OutboxSQL is how an engine inserts an outbox message.
type OutboxSQL struct {
	// Insert inserts one message unless its key exists or its claim is
	// muted in its channel.
	Insert string
	// Args returns Insert's arguments for a message with its defaults.
	Args func(m store.OutboxMessage) []any
}

// InsertOutbox inserts msgs in tx, skipping existing keys and channels
// where the claim is muted, and returns how many were inserted. Before it
// is inserted a message gets its defaults: the claim claimID (when not 0),
// a key from the claim, event (else its own event) and channel, creation
// at at (else now), first attempt at creation, payload "{}".
func (s *Queries) InsertOutbox(ctx context.Context, tx *sql.Tx, claimID int64, event string, at time.Time,
	msgs []store.OutboxMessage) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	st, err := tx.PrepareContext(ctx, s.NewOutbox.Insert)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	defer st.Close()
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
		r, err := st.ExecContext(ctx, s.NewOutbox.Args(m)...)
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

// Resolve records a newsroom resolution with its action and messages.
func (s *Queries) Resolve(ctx context.Context, claimID int64, r store.Resolution, a store.Action,
	msgs []store.OutboxMessage) (store.Claim, error) {
	fail := func(err error) (store.Claim, error) {
		return store.Claim{}, fmt.Errorf("resolve claim %d: %w", claimID, err)
	}
	switch r.Kind {
	case store.ResolvedConfirmed, store.ResolvedDismissed:
	default:
		return fail(fmt.Errorf("unknown resolution %q", r.Kind))
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.SQL(`UPDATE claims SET resolution = $1, res_url = $2, res_note = $3, res_reason = $4,
		res_by = $5, res_at = $6, updated = $6 WHERE id = $7`),
		string(r.Kind), r.URL, r.Note, r.Reason, r.By, s.Time(r.At), claimID)
	if err != nil {
		return fail(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail(err)
	} else if n == 0 {
		return fail(store.ErrNotFound)
	}
	a.ClaimID = claimID
	if _, err := s.InsertAction(ctx, tx, a); err != nil {
		return fail(err)
	}
	if _, err := s.InsertOutbox(ctx, tx, claimID, "", r.At, msgs); err != nil {
		return fail(err)
	}
	c, err := s.ClaimByID(ctx, tx, claimID)
	if err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return c, nil
}

// Enqueue inserts outbox messages not tied to a decision.
func (s *Queries) Enqueue(ctx context.Context, msgs []store.OutboxMessage) (int, error) {
	for _, m := range msgs {
		if m.Key == "" {
			return 0, fmt.Errorf("enqueue %s message to %s: empty key", m.Event, m.Channel)
		}
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer tx.Rollback()
	n, err := s.InsertOutbox(ctx, tx, 0, "", time.Time{}, msgs)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return n, nil
}
