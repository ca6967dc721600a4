package sqlite

// Queries of the evidence pages (package web's PageQueries): each section
// of a page is one query however many rows it covers. Kept apart from the
// store.Store contract, which they do not change.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// pageWhere builds the WHERE clause of a claim page query: the filters of
// Claims (Limit aside), an upper publication bound and a concept the
// claim's commitments name.
func pageWhere(q store.ClaimQuery, until time.Time, concept string) (string, []any, bool, error) {
	var where []string
	var args []any
	if len(q.Statuses) > 0 {
		ph := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			ph[i] = "?"
			args = append(args, st.String())
		}
		where = append(where, `c.status IN (`+strings.Join(ph, ", ")+`)`)
	}
	if q.Side != "" {
		where = append(where, `c.side = ?`)
		args = append(args, q.Side)
	}
	if q.Feed != "" {
		where = append(where, `c.feed = ?`)
		args = append(args, q.Feed)
	}
	switch q.State {
	case store.OpenClaims:
		where = append(where, `c.final = 0`)
	case store.FinalClaims:
		where = append(where, `c.final = 1`)
	case store.AnyState:
	default:
		return "", nil, false, fmt.Errorf("unknown state %q", q.State)
	}
	if q.Resolved != nil {
		if *q.Resolved {
			where = append(where, `c.resolution <> ''`)
		} else {
			where = append(where, `c.resolution = ''`)
		}
	}
	if !q.Since.IsZero() {
		where = append(where, `c.published >= ?`)
		args = append(args, micros(q.Since))
	}
	if !until.IsZero() {
		where = append(where, `c.published < ?`)
		args = append(args, micros(until))
	}
	if concept != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(c.decision, '$.units') u
			WHERE EXISTS (SELECT 1 FROM json_each(u.value, '$.unit.objects') o WHERE o.value = ?)
			   OR EXISTS (SELECT 1 FROM json_each(u.value, '$.unit.places') p WHERE p.value = ?))`)
		args = append(args, concept, concept)
	}
	if len(q.Terms) > 0 {
		fts := ftsQuery(q.Terms)
		if fts == "" {
			return "", nil, false, nil
		}
		where = append(where, `c.item_id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)`)
		args = append(args, fts)
	}
	if len(where) == 0 {
		return "", args, true, nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), args, true, nil
}

// ClaimsPage lists claims as Claims does, also bounded by until (zero: no
// bound) and by a concept their commitments name ("": any), skipping
// offset rows.
func (s *sqlStore) ClaimsPage(ctx context.Context, q store.ClaimQuery, until time.Time, concept string, offset int) ([]store.Claim, error) {
	where, args, ok, err := pageWhere(q, until, concept)
	if err != nil || !ok {
		return nil, err
	}
	query := `SELECT ` + claimColumns + claimFrom + where + ` ORDER BY c.published DESC, c.id DESC`
	if q.Limit > 0 || offset > 0 {
		lim := q.Limit
		if lim <= 0 {
			lim = -1
		}
		query += ` LIMIT ? OFFSET ?`
		args = append(args, lim, offset)
	}
	rows, err := s.rdb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	defer rows.Close()
	var out []store.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, fmt.Errorf("claims page: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	return out, nil
}

// ClaimStatusCounts counts per status the claims ClaimsPage would list
// without a limit: one query, each status counted on the claims_status
// index's range rather than by scanning every claim in the period.
func (s *sqlStore) ClaimStatusCounts(ctx context.Context, q store.ClaimQuery, until time.Time, concept string) (map[string]int, error) {
	out := map[string]int{}
	q.Statuses = nil
	where, args, ok, err := pageWhere(q, until, concept)
	if err != nil || !ok {
		return out, err
	}
	cond := ` WHERE c.status = s.status`
	if where != "" {
		cond += ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	values := make([]string, 0, 4)
	var vargs []any
	for _, st := range []match.Status{match.Pending, match.Confirmed, match.Partial, match.Unconfirmed} {
		values = append(values, "(?)")
		vargs = append(vargs, st.String())
	}
	rows, err := s.rdb.QueryContext(ctx, `WITH s(status) AS (VALUES `+strings.Join(values, ", ")+`)
		SELECT s.status, (SELECT count(*) FROM claims c`+cond+`) FROM s`, append(vargs, args...)...)
	if err != nil {
		return nil, fmt.Errorf("claim counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("claim counts: %w", err)
		}
		out[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim counts: %w", err)
	}
	return out, nil
}

// ItemTimes returns per feed the publication times of its items published
// at or after since, backlog excluded.
func (s *sqlStore) ItemTimes(ctx context.Context, since time.Time) (map[string][]time.Time, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT f.name, i.published FROM items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.published >= ? AND i.backlog = 0 ORDER BY i.published`, micros(since))
	if err != nil {
		return nil, fmt.Errorf("item times: %w", err)
	}
	defer rows.Close()
	out := map[string][]time.Time{}
	for rows.Next() {
		var feed string
		var pub sql.NullInt64
		if err := rows.Scan(&feed, &pub); err != nil {
			return nil, fmt.Errorf("item times: %w", err)
		}
		out[feed] = append(out[feed], fromMicros(pub))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("item times: %w", err)
	}
	return out, nil
}

// PollsOf returns the polls of the given feeds that finished in [from,
// to), oldest first (a zero bound leaves that end open).
func (s *sqlStore) PollsOf(ctx context.Context, feeds []string, from, to time.Time) ([]store.Poll, error) {
	if len(feeds) == 0 {
		return nil, nil
	}
	ph := make([]string, len(feeds))
	args := make([]any, 0, len(feeds)+2)
	for i, f := range feeds {
		ph[i] = "?"
		args = append(args, f)
	}
	query := `SELECT f.name, p.started, p.finished, p.ok, p.not_modified, p.status, p.error_class, p.error, p.etag,
		p.last_modified, p.next_attempt_at, p.fetch_path
		FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE f.name IN (` + strings.Join(ph, ", ") + `)`
	if !from.IsZero() {
		query += ` AND p.finished >= ?`
		args = append(args, micros(from))
	}
	if !to.IsZero() {
		query += ` AND p.finished < ?`
		args = append(args, micros(to))
	}
	query += ` ORDER BY p.finished, p.id`
	rows, err := s.rdb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("polls: %w", err)
	}
	defer rows.Close()
	var out []store.Poll
	for rows.Next() {
		var p store.Poll
		var started, finished, next sql.NullInt64
		if err := rows.Scan(&p.Feed, &started, &finished, &p.OK, &p.NotModified, &p.Status, &p.ErrorClass,
			&p.Error, &p.ETag, &p.LastModified, &next, &p.FetchPath); err != nil {
			return nil, fmt.Errorf("polls: %w", err)
		}
		p.Started = fromMicros(started)
		p.Finished = fromMicros(finished)
		p.NextAttemptAt = fromMicros(next)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("polls: %w", err)
	}
	return out, nil
}
