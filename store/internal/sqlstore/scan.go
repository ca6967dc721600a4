// Package sqlstore holds what store/sqlite and store/postgres share: the
// columns they read and the scanning of a row into the store's types, the
// batch logic of RecordPoll, the outbox's message defaults, the claim and
// item filters, and (Queries, which both stores embed) the queries they run
// word for word but for placeholders. What differs between the engines is
// passed in: how a time is bound (SQLite INTEGER microseconds, PostgreSQL
// timestamptz), the placeholder style (Dialect) and the SQL itself where
// the dialects part (ClaimSQL, ItemSQL, OutboxSQL, the Batch statements).
// Scanning needs no parameter: Time reads either form of a time.
package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Scanner is what *sql.Row and *sql.Rows offer.
type Scanner interface {
	Scan(dest ...any) error
}

// Time returns a scan destination for a nullable time column that sets *t:
// the zero time for NULL, a timestamptz as UTC, and an integer (SQLite's
// form) as microseconds since the epoch in UTC.
func Time(t *time.Time) sql.Scanner {
	return timeDest{t}
}

type timeDest struct{ t *time.Time }

// Scan implements sql.Scanner.
func (d timeDest) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d.t = time.Time{}
	case int64:
		*d.t = time.UnixMicro(v).UTC()
	case time.Time:
		*d.t = v.UTC()
	default:
		var n sql.NullInt64
		if err := n.Scan(src); err != nil {
			return err
		}
		*d.t = time.UnixMicro(n.Int64).UTC()
	}
	return nil
}

// RoundTrip returns t as the stores read it back: UTC, truncated to the
// microsecond, zero kept zero.
func RoundTrip(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

// Collect scans every row of rows with scan and closes rows.
func Collect[T any](rows *sql.Rows, scan func(Scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// FeedColumns are the feeds columns ScanFeed reads.
const FeedColumns = `name, side, url, kind, etag, last_modified, last_poll_at, last_success_at,
	last_error_at, last_error, last_error_class, error_count, next_attempt_at, baselined,
	item_count, polls, failures, fetch_path`

// ScanFeed scans a row of FeedColumns.
func ScanFeed(sc Scanner) (store.FeedState, error) {
	var f store.FeedState
	err := sc.Scan(&f.Name, &f.Side, &f.URL, &f.Kind, &f.ETag, &f.LastModified, Time(&f.LastPollAt),
		Time(&f.LastSuccessAt), Time(&f.LastErrorAt), &f.LastError, &f.LastErrorClass, &f.ErrorCount,
		Time(&f.NextAttemptAt), &f.Baselined, &f.Items, &f.Polls, &f.Failures, &f.FetchPath)
	return f, err
}

// ItemColumns are the item columns ScanItem reads, from ItemFrom's i and f.
const ItemColumns = `i.id, f.name, i.side, i.guid, i.title, i.link, i.published, i.updated,
	i.date_guessed, i.summary, i.content, i.summary_html, i.content_html, i.categories,
	i.language, i.backlog, i.first_seen, i.revision`

// ItemFrom joins an item (i) to its feed (f).
const ItemFrom = ` FROM items i JOIN feeds f ON f.id = i.feed_id`

// itemDests are the destinations of ItemColumns; the categories go to cats.
func itemDests(it *match.Item, cats *sql.NullString) []any {
	return []any{&it.ID, &it.Feed, &it.Side, &it.GUID, &it.Title, &it.Link, Time(&it.Published),
		Time(&it.Updated), &it.DateGuessed, &it.Summary, &it.Content, &it.SummaryHTML, &it.ContentHTML,
		cats, &it.Language, &it.Backlog, Time(&it.FirstSeen), &it.Revision}
}

// decodeCategories decodes an item's stored categories (NULL or "": none).
func decodeCategories(cats sql.NullString, into *[]string) error {
	if !cats.Valid || cats.String == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(cats.String), into); err != nil {
		return fmt.Errorf("decode categories: %w", err)
	}
	return nil
}

// CategoriesValue is the stored form of an item's categories: NULL for
// none, else a JSON array.
func CategoriesValue(c []string) (any, error) {
	if len(c) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode categories: %w", err)
	}
	return string(b), nil
}

// ScanItem scans a row of ItemColumns.
func ScanItem(sc Scanner) (match.Item, error) {
	var it match.Item
	var cats sql.NullString
	if err := sc.Scan(itemDests(&it, &cats)...); err != nil {
		return it, err
	}
	if err := decodeCategories(cats, &it.Categories); err != nil {
		return it, fmt.Errorf("item %d: %w", it.ID, err)
	}
	return it, nil
}

// ClaimColumns are the columns ScanClaim reads, from ClaimFrom's c, i and f.
const ClaimColumns = `c.id, c.decision, c.last_event, c.created, c.updated, c.resolution, c.res_url,
	c.res_note, c.res_reason, c.res_by, c.res_at, ` + ItemColumns

// ClaimFrom joins a claim (c) to its item (i) and the item's feed (f).
const ClaimFrom = ` FROM claims c JOIN items i ON i.id = c.item_id JOIN feeds f ON f.id = i.feed_id`

// claimRow holds a claim row's columns before they become a store.Claim.
type claimRow struct {
	c       store.Claim
	dec     string
	resKind string
	r       store.Resolution
}

// dests are the destinations of the claim's own columns.
func (cr *claimRow) dests() []any {
	return []any{&cr.c.ID, &cr.dec, &cr.c.LastEvent, Time(&cr.c.Created), Time(&cr.c.Updated), &cr.resKind,
		&cr.r.URL, &cr.r.Note, &cr.r.Reason, &cr.r.By, Time(&cr.r.At)}
}

// claim returns the claim with its item and its resolution, if any.
func (cr *claimRow) claim(it match.Item) store.Claim {
	c := cr.c
	c.Item = it
	if cr.resKind != "" {
		r := cr.r
		r.Kind = store.ResolutionKind(cr.resKind)
		c.Resolution = &r
	}
	return c
}

// ScanClaim scans a row of ClaimColumns.
func ScanClaim(sc Scanner) (store.Claim, error) {
	var cr claimRow
	var it match.Item
	var cats sql.NullString
	if err := sc.Scan(append(cr.dests(), itemDests(&it, &cats)...)...); err != nil {
		return cr.c, err
	}
	if err := decodeCategories(cats, &it.Categories); err != nil {
		return cr.c, fmt.Errorf("claim %d: %w", cr.c.ID, err)
	}
	c := cr.claim(it)
	if err := json.Unmarshal([]byte(cr.dec), &c.Decision); err != nil {
		return c, fmt.Errorf("claim %d: decode decision: %w", c.ID, err)
	}
	return c, nil
}

// DigestColumns are the claim columns the digest reads: the item without
// its HTML and categories.
const DigestColumns = `c.id, c.decision, c.last_event, c.created, c.updated, c.resolution, c.res_url,
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

// ScanDigestClaim scans a row of DigestColumns followed by tail's columns
// into tail.
func ScanDigestClaim(sc Scanner, tail ...any) (store.Claim, error) {
	var cr claimRow
	var it match.Item
	dests := append(cr.dests(), &it.ID, &it.Feed, &it.Side, &it.GUID, &it.Title, &it.Link,
		Time(&it.Published), Time(&it.Updated), &it.DateGuessed, &it.Summary, &it.Content, &it.Language,
		&it.Backlog, Time(&it.FirstSeen), &it.Revision)
	if err := sc.Scan(append(dests, tail...)...); err != nil {
		return cr.c, err
	}
	c := cr.claim(it)
	var d digestDecision
	if err := json.Unmarshal([]byte(cr.dec), &d); err != nil {
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
	return c, nil
}

// OutboxColumns are the outbox columns ScanOutbox reads.
const OutboxColumns = `id, key, channel, platform, target, event, claim_id, feed, payload, attempts,
	next_attempt, last_error, state, receipt, created, sent`

// ScanOutbox scans a row of OutboxColumns.
func ScanOutbox(sc Scanner) (store.OutboxMessage, error) {
	var m store.OutboxMessage
	var payload, state string
	if err := sc.Scan(&m.ID, &m.Key, &m.Channel, &m.Platform, &m.Target, &m.Event, &m.ClaimID, &m.Feed,
		&payload, &m.Attempts, Time(&m.NextAttempt), &m.LastError, &state, &m.Receipt, Time(&m.CreatedAt),
		Time(&m.SentAt)); err != nil {
		return m, err
	}
	m.Payload = json.RawMessage(payload)
	m.State = store.OutboxState(state)
	return m, nil
}
