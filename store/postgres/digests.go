package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

var _ store.Digests = (*pgStore)(nil)

// OutboxByKey returns the outbox message with this idempotency key.
func (s *pgStore) OutboxByKey(ctx context.Context, key string) (store.OutboxMessage, error) {
	m, err := scanOutbox(s.db.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE key = $1`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("outbox message %q: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("outbox message %q: %w", key, err)
	}
	return m, nil
}

// ClaimsPublished returns the claims published in [from, to), oldest first.
func (s *pgStore) ClaimsPublished(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.queryClaims(ctx, `SELECT `+digestColumns+claimFrom+`
		WHERE c.published >= $1 AND c.published < $2 ORDER BY c.published, c.id`, tm(from), tm(to))
	if err != nil {
		return nil, fmt.Errorf("claims published from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return out, nil
}

// ClaimEvents returns the claims with one of events saved in [from, to).
func (s *pgStore) ClaimEvents(ctx context.Context, events []string, from, to time.Time) ([]store.ClaimEvent, error) {
	if len(events) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+digestColumns+`, e.event, e.at FROM claim_events e
		JOIN claims c ON c.id = e.claim_id JOIN items i ON i.id = c.item_id JOIN feeds f ON f.id = i.feed_id
		WHERE e.event = ANY($1) AND e.at >= $2 AND e.at < $3 ORDER BY e.at, c.id`, events, tm(from), tm(to))
	if err != nil {
		return nil, fmt.Errorf("claim events: %w", err)
	}
	defer rows.Close()
	var out []store.ClaimEvent
	for rows.Next() {
		var ev store.ClaimEvent
		var at sql.NullTime
		c, err := scanDigestClaim(scanWithTail{rows, []any{&ev.Event, &at}})
		if err != nil {
			return nil, fmt.Errorf("claim events: %w", err)
		}
		ev.Claim, ev.At = c, fromTime(at)
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
func (s *pgStore) ClaimsResolved(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.queryClaims(ctx, `SELECT `+digestColumns+claimFrom+`
		WHERE c.id IN (SELECT claim_id FROM actions WHERE kind IN ($1, $2))
		AND c.resolution <> '' AND c.res_at >= $3 AND c.res_at < $4 ORDER BY c.res_at, c.id`,
		string(store.ActionConfirm), string(store.ActionDismiss), tm(from), tm(to))
	if err != nil {
		return nil, fmt.Errorf("claims resolved: %w", err)
	}
	return out, nil
}

// OldestOpen returns the oldest unresolved claims without confirmation
// published before before.
func (s *pgStore) OldestOpen(ctx context.Context, before time.Time, limit int) ([]store.Claim, error) {
	if limit <= 0 {
		limit = 20
	}
	out, err := s.queryClaims(ctx, `SELECT `+digestColumns+claimFrom+`
		WHERE c.status IN ('pending', 'partial', 'unconfirmed') AND c.resolution = '' AND c.published < $1
		ORDER BY c.published, c.id LIMIT $2`, tm(before), limit)
	if err != nil {
		return nil, fmt.Errorf("oldest open claims: %w", err)
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

// queryClaims runs a query selecting digestColumns and scans its claims.
func (s *pgStore) queryClaims(ctx context.Context, query string, args ...any) ([]store.Claim, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Claim
	for rows.Next() {
		c, err := scanDigestClaim(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// scanWithTail scans a row of digestColumns followed by more columns into
// the claim's destinations and then tail's.
type scanWithTail struct {
	rows *sql.Rows
	tail []any
}

// Scan scans the row into dest followed by the tail.
func (s scanWithTail) Scan(dest ...any) error {
	return s.rows.Scan(append(dest, s.tail...)...)
}

// digestColumns are the claim columns the digest reads: the item without
// its HTML and categories.
const digestColumns = `c.id, c.decision, c.last_event, c.created, c.updated, c.resolution, c.res_url,
	c.res_note, c.res_reason, c.res_by, c.res_at, i.id, f.name, i.side, i.guid, i.title, i.link, i.published,
	i.updated, i.date_guessed, i.summary, i.content, i.language, i.backlog, i.first_seen, i.revision`

// digestDecision is the part of a stored decision the digest reads: the
// verdict and the commitments' anchors the channel filters look at. Leaving
// out the candidates and the explanation makes decoding a week of claims
// several times cheaper.
type digestDecision struct {
	Feed          string           `json:"feed"`
	GUID          string           `json:"guid"`
	Title         string           `json:"title"`
	Side          string           `json:"side"`
	Published     time.Time        `json:"published"`
	Status        match.Status     `json:"status"`
	Final         bool             `json:"final"`
	Deadline      time.Time        `json:"deadline"`
	Denied        bool             `json:"denied"`
	Abstain       match.Abstention `json:"abstain"`
	ConfirmedLate bool             `json:"confirmed_late"`
	Units         []struct {
		Unit struct {
			Action     match.CueClass `json:"action"`
			Modality   match.Modality `json:"modality"`
			Objects    []string       `json:"objects"`
			Places     []string       `json:"places"`
			Quantities []string       `json:"quantities"`
		} `json:"unit"`
		Outcome match.Outcome `json:"outcome"`
	} `json:"units"`
}

// scanDigestClaim scans a row of digestColumns.
func scanDigestClaim(sc interface{ Scan(...any) error }) (store.Claim, error) {
	var c store.Claim
	var dec, resKind string
	var created, updated, resAt sql.NullTime
	var r store.Resolution
	var it match.Item
	var published, itUpdated, firstSeen sql.NullTime
	err := sc.Scan(&c.ID, &dec, &c.LastEvent, &created, &updated, &resKind, &r.URL, &r.Note, &r.Reason,
		&r.By, &resAt,
		&it.ID, &it.Feed, &it.Side, &it.GUID, &it.Title, &it.Link, &published, &itUpdated,
		&it.DateGuessed, &it.Summary, &it.Content, &it.Language, &it.Backlog, &firstSeen, &it.Revision)
	if err != nil {
		return c, err
	}
	it.Published = fromTime(published)
	it.Updated = fromTime(itUpdated)
	it.FirstSeen = fromTime(firstSeen)
	c.Item = it
	var d digestDecision
	if err := json.Unmarshal([]byte(dec), &d); err != nil {
		return c, fmt.Errorf("claim %d: decode decision: %w", c.ID, err)
	}
	c.Decision = match.Decision{Feed: d.Feed, GUID: d.GUID, Title: d.Title, Side: d.Side, Published: d.Published,
		Status: d.Status, Final: d.Final, Deadline: d.Deadline, Denied: d.Denied, Abstain: d.Abstain,
		ConfirmedLate: d.ConfirmedLate}
	for _, u := range d.Units {
		c.Decision.Units = append(c.Decision.Units, match.UnitResult{Outcome: u.Outcome, Unit: match.Unit{
			Action: u.Unit.Action, Modality: u.Unit.Modality, Objects: u.Unit.Objects, Places: u.Unit.Places,
			Quantities: u.Unit.Quantities}})
	}
	c.Created = fromTime(created)
	c.Updated = fromTime(updated)
	if resKind != "" {
		r.Kind = store.ResolutionKind(resKind)
		r.At = fromTime(resAt)
		c.Resolution = &r
	}
	return c, nil
}
