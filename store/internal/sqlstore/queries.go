package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Querier is what both *sql.DB and *sql.Tx offer.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Dialect is what differs between the engines in the queries they share.
type Dialect struct {
	// SQLite marks SQLite, whose placeholders are ?1, ?2, ...; the shared
	// queries are written with PostgreSQL's $1, $2, ...
	SQLite bool
	// Time is the stored form of a time, NULL for the zero time.
	Time func(time.Time) any
}

// SQL returns query, written with $n placeholders, in the dialect's form
// (a $ not followed by a digit, as in a JSON path, is left alone).
func (d Dialect) SQL(query string) string {
	if !d.SQLite || !strings.Contains(query, "$") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query))
	for i := 0; i < len(query); i++ {
		if query[i] == '$' && i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' {
			b.WriteByte('?')
		} else {
			b.WriteByte(query[i])
		}
	}
	return b.String()
}

// Args collects a query's arguments and hands out their $n placeholders.
type Args []any

// Add appends v and returns its placeholder.
func (a *Args) Add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// Queries runs the queries both engines share word for word but for their
// placeholders, reading from R and writing to W (one pool on PostgreSQL,
// SQLite's read-only and single-writer pools).
type Queries struct {
	R, W *sql.DB
	Dialect
	// NewOutbox is how the engine inserts an outbox message.
	NewOutbox OutboxSQL
}

// ClaimByID reads one claim through q (a pool or a transaction).
func (s *Queries) ClaimByID(ctx context.Context, q Querier, id int64) (store.Claim, error) {
	c, err := ScanClaim(q.QueryRowContext(ctx, s.SQL(`SELECT `+ClaimColumns+ClaimFrom+` WHERE c.id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("claim %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("claim %d: %w", id, err)
	}
	return c, nil
}

// Claim returns one claim with the other side's items it considered.
func (s *Queries) Claim(ctx context.Context, id int64) (store.Claim, error) {
	c, err := s.ClaimByID(ctx, s.R, id)
	if err != nil {
		return c, err
	}
	rows, err := s.R.QueryContext(ctx, s.SQL(`SELECT `+ItemColumns+` FROM claim_evidence e
		JOIN items i ON i.id = e.item_id JOIN feeds f ON f.id = i.feed_id
		WHERE e.claim_id = $1 ORDER BY e.rank`), id)
	if err != nil {
		return c, fmt.Errorf("claim %d: evidence: %w", id, err)
	}
	if c.Evidence, err = Collect(rows, ScanItem); err != nil {
		return c, fmt.Errorf("claim %d: evidence: %w", id, err)
	}
	return c, nil
}

// ClaimByItem returns the claim of an item, ErrNotFound if it is none.
func (s *Queries) ClaimByItem(ctx context.Context, itemID int64) (store.Claim, error) {
	c, err := ScanClaim(s.R.QueryRowContext(ctx, s.SQL(`SELECT `+ClaimColumns+ClaimFrom+` WHERE c.item_id = $1`), itemID))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("claim of item %d: %w", itemID, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("claim of item %d: %w", itemID, err)
	}
	return c, nil
}

// InsertAction records a newsroom action through q and returns its ID.
func (s *Queries) InsertAction(ctx context.Context, q Querier, a store.Action) (int64, error) {
	var args any
	if len(a.Args) > 0 {
		b, err := json.Marshal(a.Args)
		if err != nil {
			return 0, fmt.Errorf("action: encode args: %w", err)
		}
		args = string(b)
	}
	var id int64
	if err := q.QueryRowContext(ctx, s.SQL(`INSERT INTO actions (claim_id, kind, actor, channel, args, at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`),
		a.ClaimID, string(a.Kind), a.Actor, a.Channel, args, s.Time(a.At)).Scan(&id); err != nil {
		return 0, fmt.Errorf("action: %w", err)
	}
	return id, nil
}

// RecordAction records a newsroom action.
func (s *Queries) RecordAction(ctx context.Context, a store.Action) (store.Action, error) {
	if a.Kind == "" {
		return a, errors.New("record action: empty kind")
	}
	id, err := s.InsertAction(ctx, s.W, a)
	if err != nil {
		return a, fmt.Errorf("record %s action: %w", a.Kind, err)
	}
	a.ID = id
	a.At = RoundTrip(a.At)
	return a, nil
}

// Actions returns the actions on a claim, oldest first.
func (s *Queries) Actions(ctx context.Context, claimID int64) ([]store.Action, error) {
	rows, err := s.R.QueryContext(ctx, s.SQL(`SELECT id, claim_id, kind, actor, channel, args, at FROM actions
		WHERE claim_id = $1 ORDER BY id`), claimID)
	if err != nil {
		return nil, fmt.Errorf("actions of claim %d: %w", claimID, err)
	}
	out, err := Collect(rows, func(sc Scanner) (store.Action, error) {
		var a store.Action
		var kind string
		var args sql.NullString
		if err := sc.Scan(&a.ID, &a.ClaimID, &kind, &a.Actor, &a.Channel, &args, Time(&a.At)); err != nil {
			return a, err
		}
		a.Kind = store.ActionKind(kind)
		if args.Valid && args.String != "" {
			if err := json.Unmarshal([]byte(args.String), &a.Args); err != nil {
				return a, fmt.Errorf("decode args: %w", err)
			}
		}
		return a, nil
	})
	if err != nil {
		return nil, fmt.Errorf("actions of claim %d: %w", claimID, err)
	}
	return out, nil
}

// Muted reports whether a claim is muted in a channel.
func (s *Queries) Muted(ctx context.Context, claimID int64, channel string) (bool, error) {
	var n int
	if err := s.R.QueryRowContext(ctx, s.SQL(`SELECT count(*) FROM mutes WHERE claim_id = $1 AND channel = $2`),
		claimID, channel).Scan(&n); err != nil {
		return false, fmt.Errorf("muted claim %d in %s: %w", claimID, channel, err)
	}
	return n > 0, nil
}

// Subscribe adds or replaces a channel's subscription.
func (s *Queries) Subscribe(ctx context.Context, sub store.Subscription) (store.Subscription, error) {
	if sub.Channel.Platform == "" || sub.Channel.Target == "" {
		return sub, errors.New("subscribe: channel needs a platform and a target")
	}
	f, err := json.Marshal(sub.Filters)
	if err != nil {
		return sub, fmt.Errorf("subscribe %s: encode filters: %w", sub.Channel.Platform, err)
	}
	if err := s.W.QueryRowContext(ctx, s.SQL(`INSERT INTO subscriptions (platform, target, language, filters, by, at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (platform, target) DO UPDATE SET language = excluded.language, filters = excluded.filters,
			by = excluded.by, at = excluded.at
		RETURNING id`), sub.Channel.Platform, sub.Channel.Target, sub.Language, string(f), sub.By, s.Time(sub.At)).Scan(&sub.ID); err != nil {
		return sub, fmt.Errorf("subscribe %s: %w", sub.Channel.Platform, err)
	}
	sub.At = RoundTrip(sub.At)
	return sub, nil
}

// Unsubscribe removes a channel's subscription.
func (s *Queries) Unsubscribe(ctx context.Context, ch store.ChannelKey) error {
	r, err := s.W.ExecContext(ctx, s.SQL(`DELETE FROM subscriptions WHERE platform = $1 AND target = $2`), ch.Platform, ch.Target)
	if err != nil {
		return fmt.Errorf("unsubscribe %s channel: %w", ch.Platform, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("unsubscribe %s channel: %w", ch.Platform, err)
	} else if n == 0 {
		return fmt.Errorf("unsubscribe %s channel: %w", ch.Platform, store.ErrNotFound)
	}
	return nil
}

// Subscriptions returns every subscription, oldest first.
func (s *Queries) Subscriptions(ctx context.Context) ([]store.Subscription, error) {
	rows, err := s.R.QueryContext(ctx, `SELECT id, platform, target, language, filters, by, at
		FROM subscriptions ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	out, err := Collect(rows, func(sc Scanner) (store.Subscription, error) {
		var sub store.Subscription
		var f string
		if err := sc.Scan(&sub.ID, &sub.Channel.Platform, &sub.Channel.Target, &sub.Language, &f, &sub.By,
			Time(&sub.At)); err != nil {
			return sub, err
		}
		if err := json.Unmarshal([]byte(f), &sub.Filters); err != nil {
			return sub, fmt.Errorf("decode filters: %w", err)
		}
		return sub, nil
	})
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	return out, nil
}

// UpdateOutbox runs an update of the outbox message id; what names it in
// errors, and a message it does not change is ErrNotFound.
func (s *Queries) UpdateOutbox(ctx context.Context, what string, id int64, query string, args ...any) error {
	r, err := s.W.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s outbox message %d: %w", what, id, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("%s outbox message %d: %w", what, id, err)
	} else if n == 0 {
		return fmt.Errorf("%s outbox message %d: %w", what, id, store.ErrNotFound)
	}
	return nil
}

// MarkSent records a delivery.
func (s *Queries) MarkSent(ctx context.Context, id int64, receipt string, at time.Time) error {
	return s.UpdateOutbox(ctx, "mark sent", id, s.SQL(`UPDATE outbox SET state = 'sent', receipt = $1, sent = $2,
		lease_until = NULL WHERE id = $3`), receipt, s.Time(at), id)
}

// MarkFailed records a failed attempt.
func (s *Queries) MarkFailed(ctx context.Context, id int64, errMsg string, next time.Time, dead bool) error {
	state := store.OutboxPending
	if dead {
		state = store.OutboxDead
	}
	return s.UpdateOutbox(ctx, "mark failed", id, s.SQL(`UPDATE outbox SET attempts = attempts + 1, last_error = $1,
		next_attempt = $2, state = $3, lease_until = NULL WHERE id = $4 AND state = 'pending'`),
		errMsg, s.Time(next), string(state), id)
}

// Outbox lists outbox messages matching q.
func (s *Queries) Outbox(ctx context.Context, q store.OutboxQuery) ([]store.OutboxMessage, error) {
	var where []string
	var a Args
	if q.State != "" {
		where = append(where, `state = `+a.Add(string(q.State)))
	}
	if q.Channel != "" {
		where = append(where, `channel = `+a.Add(q.Channel))
	}
	if q.ClaimID != 0 {
		where = append(where, `claim_id = `+a.Add(q.ClaimID))
	}
	query := `SELECT ` + OutboxColumns + ` FROM outbox`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	if q.Newest {
		query += ` ORDER BY id DESC`
	} else {
		query += ` ORDER BY id`
	}
	if q.Limit > 0 {
		query += ` LIMIT ` + a.Add(q.Limit)
	}
	rows, err := s.R.QueryContext(ctx, s.SQL(query), a...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	out, err := Collect(rows, ScanOutbox)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return out, nil
}

// ThreadRef returns the receipt of a claim's first delivered message in a
// channel.
func (s *Queries) ThreadRef(ctx context.Context, claimID int64, channel string) (string, error) {
	var ref string
	err := s.R.QueryRowContext(ctx, s.SQL(`SELECT receipt FROM outbox WHERE claim_id = $1 AND channel = $2
		AND state = 'sent' AND receipt <> '' ORDER BY id LIMIT 1`), claimID, channel).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("thread of claim %d in %s: %w", claimID, channel, err)
	}
	return ref, nil
}

// OutboxByKey returns the outbox message with this idempotency key.
func (s *Queries) OutboxByKey(ctx context.Context, key string) (store.OutboxMessage, error) {
	m, err := ScanOutbox(s.R.QueryRowContext(ctx, s.SQL(`SELECT `+OutboxColumns+` FROM outbox WHERE key = $1`), key))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("outbox message %q: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("outbox message %q: %w", key, err)
	}
	return m, nil
}

// ClaimsPublished returns the claims published in [from, to), oldest first.
func (s *Queries) ClaimsPublished(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.digestClaims(ctx, `SELECT `+DigestColumns+ClaimFrom+`
		WHERE c.published >= $1 AND c.published < $2 ORDER BY c.published, c.id`, s.Time(from), s.Time(to))
	if err != nil {
		return nil, fmt.Errorf("claims published from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return out, nil
}

// ClaimsResolved returns the claims resolved in [from, to). Every
// resolution is recorded with a confirm or dismiss action (Resolve), so
// the few claims those actions name are read instead of scanning every
// claim's row.
func (s *Queries) ClaimsResolved(ctx context.Context, from, to time.Time) ([]store.Claim, error) {
	out, err := s.digestClaims(ctx, `SELECT `+DigestColumns+ClaimFrom+`
		WHERE c.id IN (SELECT claim_id FROM actions WHERE kind IN ($1, $2))
		AND c.resolution <> '' AND c.res_at >= $3 AND c.res_at < $4 ORDER BY c.res_at, c.id`,
		string(store.ActionConfirm), string(store.ActionDismiss), s.Time(from), s.Time(to))
	if err != nil {
		return nil, fmt.Errorf("claims resolved: %w", err)
	}
	return out, nil
}

// OldestOpen returns the oldest unresolved claims without confirmation
// published before before.
func (s *Queries) OldestOpen(ctx context.Context, before time.Time, limit int) ([]store.Claim, error) {
	if limit <= 0 {
		limit = 20
	}
	out, err := s.digestClaims(ctx, `SELECT `+DigestColumns+ClaimFrom+`
		WHERE c.status IN ('pending', 'partial', 'unconfirmed') AND c.resolution = '' AND c.published < $1
		ORDER BY c.published, c.id LIMIT $2`, s.Time(before), limit)
	if err != nil {
		return nil, fmt.Errorf("oldest open claims: %w", err)
	}
	return out, nil
}

// digestClaims runs a query selecting DigestColumns and scans its claims.
func (s *Queries) digestClaims(ctx context.Context, query string, args ...any) ([]store.Claim, error) {
	rows, err := s.R.QueryContext(ctx, s.SQL(query), args...)
	if err != nil {
		return nil, err
	}
	return Collect(rows, func(sc Scanner) (store.Claim, error) { return ScanDigestClaim(sc) })
}

// FeedState returns one feed's state, ErrNotFound if it is unknown.
func (s *Queries) FeedState(ctx context.Context, name string) (store.FeedState, error) {
	f, err := ScanFeed(s.R.QueryRowContext(ctx, s.SQL(`SELECT `+FeedColumns+` FROM feeds WHERE name = $1`), name))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("feed %s: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", name, err)
	}
	return f, nil
}

// FeedStates returns every feed's state ordered by name.
func (s *Queries) FeedStates(ctx context.Context) ([]store.FeedState, error) {
	rows, err := s.R.QueryContext(ctx, `SELECT `+FeedColumns+` FROM feeds ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	out, err := Collect(rows, ScanFeed)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return out, nil
}

// Item returns one item by ID, ErrNotFound if absent.
func (s *Queries) Item(ctx context.Context, id int64) (match.Item, error) {
	it, err := ScanItem(s.R.QueryRowContext(ctx, s.SQL(`SELECT `+ItemColumns+ItemFrom+` WHERE i.id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("item %d: %w", id, err)
	}
	return it, nil
}

// ItemByGUID returns one feed's item by GUID, ErrNotFound if absent.
func (s *Queries) ItemByGUID(ctx context.Context, feed, guid string) (match.Item, error) {
	it, err := ScanItem(s.R.QueryRowContext(ctx,
		s.SQL(`SELECT `+ItemColumns+ItemFrom+` WHERE f.name = $1 AND i.guid = $2`), feed, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %s/%s: %w", feed, guid, store.ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("item %s/%s: %w", feed, guid, err)
	}
	return it, nil
}

// Revisions returns every version of an item, the current one last;
// ErrNotFound if the item is absent.
func (s *Queries) Revisions(ctx context.Context, itemID int64) ([]store.Revision, error) {
	rows, err := s.R.QueryContext(ctx, s.SQL(`
		SELECT revision, title, summary, content, seen_at FROM item_revisions WHERE item_id = $1
		UNION ALL
		SELECT revision, title, summary, content, COALESCE(revised_at, first_seen) FROM items WHERE id = $1
		ORDER BY revision`), itemID)
	if err != nil {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, err)
	}
	out, err := Collect(rows, func(sc Scanner) (store.Revision, error) {
		r := store.Revision{ItemID: itemID}
		err := sc.Scan(&r.Revision, &r.Title, &r.Summary, &r.Content, Time(&r.SeenAt))
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("revisions of item %d: %w", itemID, store.ErrNotFound)
	}
	return out, nil
}

// Polls returns a feed's recorded polls that finished in [from, to), oldest
// first. A zero from or to leaves that end open; an unknown feed has none.
func (s *Queries) Polls(ctx context.Context, feed string, from, to time.Time) ([]store.Poll, error) {
	a := Args{feed}
	query := `SELECT started, finished, ok, not_modified, status, error_class, error, etag,
		last_modified, next_attempt_at, fetch_path
		FROM polls WHERE feed_id = (SELECT id FROM feeds WHERE name = $1)`
	if !from.IsZero() {
		query += ` AND finished >= ` + a.Add(s.Time(from))
	}
	if !to.IsZero() {
		query += ` AND finished < ` + a.Add(s.Time(to))
	}
	query += ` ORDER BY finished, id`
	rows, err := s.R.QueryContext(ctx, s.SQL(query), a...)
	if err != nil {
		return nil, fmt.Errorf("polls of %s: %w", feed, err)
	}
	out, err := Collect(rows, func(sc Scanner) (store.Poll, error) {
		p := store.Poll{Feed: feed}
		err := sc.Scan(Time(&p.Started), Time(&p.Finished), &p.OK, &p.NotModified, &p.Status, &p.ErrorClass,
			&p.Error, &p.ETag, &p.LastModified, Time(&p.NextAttemptAt), &p.FetchPath)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("polls of %s: %w", feed, err)
	}
	return out, nil
}

// ItemSQL is how an engine writes the parts of an item list that are its
// own.
type ItemSQL struct {
	// NotBacklog is the condition that an item is not backlog.
	NotBacklog string
	// Oldest and Newest order items by (published, id), oldest or newest
	// first, items without a date first when oldest first.
	Oldest, Newest string
}

// ListItems returns stored items matching q (current versions), oldest
// first by (published, id) unless q.Newest.
func (s *Queries) ListItems(ctx context.Context, q store.ItemQuery, c ItemSQL) ([]match.Item, error) {
	var where []string
	var a Args
	if q.Feed != "" {
		where = append(where, `i.feed_id = (SELECT id FROM feeds WHERE name = `+a.Add(q.Feed)+`)`)
	}
	if q.Side != "" {
		where = append(where, `i.side = `+a.Add(q.Side))
	}
	if !q.Since.IsZero() {
		where = append(where, `i.published >= `+a.Add(s.Time(q.Since)))
	}
	if !q.Until.IsZero() {
		where = append(where, `i.published < `+a.Add(s.Time(q.Until)))
	}
	if q.ExcludeBacklog {
		where = append(where, c.NotBacklog)
	}
	query := `SELECT ` + ItemColumns + ItemFrom + Where(where)
	if q.Newest {
		query += ` ORDER BY ` + c.Newest
	} else {
		query += ` ORDER BY ` + c.Oldest
	}
	if q.Limit > 0 {
		query += ` LIMIT ` + a.Add(q.Limit)
	}
	rows, err := s.R.QueryContext(ctx, s.SQL(query), a...)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	out, err := Collect(rows, ScanItem)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	return out, nil
}
