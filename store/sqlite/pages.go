package sqlite

// Queries of the evidence pages (package web's PageQueries): each section
// of a page is one query however many rows it covers. Kept apart from the
// store.Store contract, which they do not change.

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// claimSQL writes the claim filters whose SQL is SQLite's own.
var claimSQL = sqlstore.ClaimSQL{
	Statuses: func(a *sqlstore.Args, q store.ClaimQuery) string {
		ph := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			ph[i] = a.Add(st.String())
		}
		return `c.status IN (` + strings.Join(ph, ", ") + `)`
	},
	Open:  `c.final = 0`,
	Final: `c.final = 1`,
	Terms: func(a *sqlstore.Args, terms []string) string {
		fts := ftsQuery(terms)
		if fts == "" {
			return ""
		}
		return `c.item_id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ` + a.Add(fts) + `)`
	},
}

// pageWhere builds the WHERE clause of a claim page query, with $n
// placeholders: the filters of Claims (Limit aside), an upper publication
// bound and a concept the claim's commitments name.
func pageWhere(q store.ClaimQuery, until time.Time, concept string) (string, sqlstore.Args, bool, error) {
	var a sqlstore.Args
	where, ok, err := sqliteDialect.ClaimWhere(q, until, claimSQL, &a)
	if err != nil || !ok {
		return "", nil, false, err
	}
	if concept != "" {
		ph := a.Add(concept)
		where = append(where, `EXISTS (SELECT 1 FROM json_each(c.decision, '$.units') u
			WHERE EXISTS (SELECT 1 FROM json_each(u.value, '$.unit.objects') o WHERE o.value = `+ph+`)
			   OR EXISTS (SELECT 1 FROM json_each(u.value, '$.unit.places') p WHERE p.value = `+ph+`))`)
	}
	return sqlstore.Where(where), a, true, nil
}

// ClaimsPage lists claims as Claims does, also bounded by until (zero: no
// bound) and by a concept their commitments name ("": any), skipping
// offset rows.
func (s *sqlStore) ClaimsPage(ctx context.Context, q store.ClaimQuery, until time.Time, concept string, offset int) ([]store.Claim, error) {
	if len(q.Terms) > 0 {
		if err := s.syncFTS(ctx); err != nil {
			return nil, fmt.Errorf("claims page: %w", err)
		}
	}
	where, a, ok, err := pageWhere(q, until, concept)
	if err != nil || !ok {
		return nil, err
	}
	query := `SELECT ` + sqlstore.ClaimColumns + sqlstore.ClaimFrom + where + ` ORDER BY c.published DESC, c.id DESC`
	if q.Limit > 0 || offset > 0 {
		lim := q.Limit
		if lim <= 0 {
			lim = -1
		}
		query += ` LIMIT ` + a.Add(lim) + ` OFFSET ` + a.Add(offset)
	}
	rows, err := s.rdb.QueryContext(ctx, s.SQL(query), a...)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanClaim)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	return out, nil
}

// ClaimStatusCounts counts per status the claims ClaimsPage would list
// without a limit: one query, each status counted on the claims_status
// index's range rather than by scanning every claim in the period.
func (s *sqlStore) ClaimStatusCounts(ctx context.Context, q store.ClaimQuery, until time.Time, concept string) (map[string]int, error) {
	if len(q.Terms) > 0 {
		if err := s.syncFTS(ctx); err != nil {
			return nil, fmt.Errorf("claim counts: %w", err)
		}
	}
	out := map[string]int{}
	q.Statuses = nil
	where, a, ok, err := pageWhere(q, until, concept)
	if err != nil || !ok {
		return out, err
	}
	cond := ` WHERE c.status = s.status`
	if where != "" {
		cond += ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	values := make([]string, 0, 4)
	for _, st := range []match.Status{match.Pending, match.Confirmed, match.Partial, match.Unconfirmed} {
		values = append(values, "("+a.Add(st.String())+")")
	}
	rows, err := s.rdb.QueryContext(ctx, s.SQL(`WITH s(status) AS (VALUES `+strings.Join(values, ", ")+`)
		SELECT s.status, (SELECT count(*) FROM claims c`+cond+`) FROM s`), a...)
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

// PollChanges summarises the polls of the given feeds that finished in
// [from, to) (a zero bound leaves that end open): per feed the number of
// polls and of failed ones, and the polls that tell its coverage: each
// failed poll, then the first successful poll after it (in the period),
// oldest first. The poll log holds a row every few minutes per feed; the
// window's coverage needs only those, read in one statement.
func (s *sqlStore) PollChanges(ctx context.Context, feeds []string, from, to time.Time) (map[string][2]int, []store.Poll, error) {
	counts := map[string][2]int{}
	if len(feeds) == 0 {
		return counts, nil, nil
	}
	ph := make([]string, len(feeds))
	var args []any
	for i, f := range feeds {
		ph[i] = "?"
		args = append(args, f)
	}
	where := `f.name IN (` + strings.Join(ph, ", ") + `)`
	next := ``
	var nextArgs []any
	if !from.IsZero() {
		where += ` AND p.finished >= ?`
		args = append(args, micros(from))
	}
	if !to.IsZero() {
		where += ` AND p.finished < ?`
		args = append(args, micros(to))
		next = ` AND q.finished < ?`
		nextArgs = append(nextArgs, micros(to))
	}
	query := `SELECT 0 AS kind, f.name, 0 AS finished, 0, '', '', NULL, count(*), sum(CASE WHEN p.ok THEN 0 ELSE 1 END)
		FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE ` + where + ` GROUP BY f.name
		UNION ALL
		SELECT 1, f.name, p.finished, p.status, p.error_class, p.error,
			(SELECT min(q.finished) FROM polls q WHERE q.feed_id = p.feed_id AND q.finished > p.finished AND q.ok = 1` + next + `),
			0, 0
		FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE ` + where + ` AND p.ok = 0
		ORDER BY kind, finished`
	all := append(append(append([]any{}, args...), nextArgs...), args...)
	rows, err := s.rdb.QueryContext(ctx, query, all...)
	if err != nil {
		return nil, nil, fmt.Errorf("poll changes: %w", err)
	}
	defer rows.Close()
	var out []store.Poll
	recovered := map[string]map[int64]bool{}
	for rows.Next() {
		var kind, total, failures int
		var p store.Poll
		var finished int64
		var next sql.NullInt64
		if err := rows.Scan(&kind, &p.Feed, &finished, &p.Status, &p.ErrorClass, &p.Error, &next, &total, &failures); err != nil {
			return nil, nil, fmt.Errorf("poll changes: %w", err)
		}
		if kind == 0 {
			counts[p.Feed] = [2]int{total, failures}
			continue
		}
		p.Finished = fromMicros(sql.NullInt64{Int64: finished, Valid: true})
		p.Started = p.Finished
		out = append(out, p)
		if next.Valid {
			if recovered[p.Feed] == nil {
				recovered[p.Feed] = map[int64]bool{}
			}
			if !recovered[p.Feed][next.Int64] {
				recovered[p.Feed][next.Int64] = true
				at := fromMicros(next)
				out = append(out, store.Poll{Feed: p.Feed, Started: at, Finished: at, OK: true})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("poll changes: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Finished.Before(out[j].Finished) })
	return counts, out, nil
}
