package postgres

// Queries of the evidence pages (package web's PageQueries): each section
// of a page is one query however many rows it covers. They answer as
// store/sqlite's do (a test compares them on the same rows).

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

// pageWhere is claimWhere plus a concept the claim's commitments name
// (an object or a place of one of its decision's units).
func pageWhere(q store.ClaimQuery, until time.Time, concept string) (string, sqlstore.Args, bool, error) {
	where, a, ok, err := claimWhere(q, until)
	if err != nil || !ok || concept == "" {
		return where, a, ok, err
	}
	ph := a.Add(concept)
	cond := `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.decision::jsonb -> 'units') = 'array'
		THEN c.decision::jsonb -> 'units' ELSE '[]'::jsonb END) u
		WHERE (jsonb_typeof(u -> 'unit' -> 'objects') = 'array' AND (u -> 'unit' -> 'objects') ? ` + ph + `)
		   OR (jsonb_typeof(u -> 'unit' -> 'places') = 'array' AND (u -> 'unit' -> 'places') ? ` + ph + `))`
	if where == "" {
		return ` WHERE ` + cond, a, true, nil
	}
	return where + ` AND ` + cond, a, true, nil
}

// ClaimsPage lists claims as Claims does, also bounded by until (zero: no
// bound) and by a concept their commitments name ("": any), skipping
// offset rows.
func (s *pgStore) ClaimsPage(ctx context.Context, q store.ClaimQuery, until time.Time, concept string, offset int) ([]store.Claim, error) {
	where, a, ok, err := pageWhere(q, until, concept)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	if !ok {
		return nil, nil
	}
	query := `SELECT ` + sqlstore.ClaimColumns + sqlstore.ClaimFrom + where + ` ORDER BY c.published DESC NULLS LAST, c.id DESC`
	if q.Limit > 0 {
		query += ` LIMIT ` + a.Add(q.Limit)
	}
	if offset > 0 {
		query += ` OFFSET ` + a.Add(offset)
	}
	rows, err := s.db.QueryContext(ctx, query, a...)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanClaim)
	if err != nil {
		return nil, fmt.Errorf("claims page: %w", err)
	}
	return out, nil
}

// ClaimStatusCounts counts, for each of the four statuses, the claims
// ClaimsPage would list without a limit and without q's status filter
// (the page shows what each status filter would give).
func (s *pgStore) ClaimStatusCounts(ctx context.Context, q store.ClaimQuery, until time.Time, concept string) (map[string]int, error) {
	out := map[string]int{}
	q.Statuses = nil
	where, a, ok, err := pageWhere(q, until, concept)
	if err != nil {
		return out, fmt.Errorf("claim counts: %w", err)
	}
	if !ok {
		return out, nil
	}
	cond := ` WHERE c.status = s.status`
	if where != "" {
		cond += ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	statuses := []string{match.Pending.String(), match.Confirmed.String(), match.Partial.String(), match.Unconfirmed.String()}
	ph := a.Add(statuses)
	rows, err := s.db.QueryContext(ctx, `SELECT s.status, (SELECT count(*) FROM claims c JOIN items i ON i.id = c.item_id`+
		cond+`) FROM unnest(`+ph+`::text[]) s(status)`, a...)
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
func (s *pgStore) ItemTimes(ctx context.Context, since time.Time) (map[string][]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.name, i.published FROM items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.published >= $1 AND NOT i.backlog ORDER BY i.published`, tm(since))
	if err != nil {
		return nil, fmt.Errorf("item times: %w", err)
	}
	defer rows.Close()
	out := map[string][]time.Time{}
	for rows.Next() {
		var feed string
		var pub sql.NullTime
		if err := rows.Scan(&feed, &pub); err != nil {
			return nil, fmt.Errorf("item times: %w", err)
		}
		out[feed] = append(out[feed], fromTime(pub))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("item times: %w", err)
	}
	return out, nil
}

// PollChanges returns, for the polls of feeds that finished in [from, to)
// (a zero bound leaves that end open), per feed the number of polls and of
// failed ones, and every failed poll with the first successful poll after
// it, oldest first.
func (s *pgStore) PollChanges(ctx context.Context, feeds []string, from, to time.Time) (map[string][2]int, []store.Poll, error) {
	counts := map[string][2]int{}
	if len(feeds) == 0 {
		return counts, nil, nil
	}
	var a sqlstore.Args
	where := `f.name = ANY(` + a.Add(feeds) + `)`
	next := ``
	if !from.IsZero() {
		where += ` AND p.finished >= ` + a.Add(tm(from))
	}
	if !to.IsZero() {
		ph := a.Add(tm(to))
		where += ` AND p.finished < ` + ph
		next = ` AND q.finished < ` + ph
	}
	rows, err := s.db.QueryContext(ctx, `SELECT 0 AS kind, f.name, NULL::timestamptz AS finished, 0, '', '',
			NULL::timestamptz, count(*), count(*) FILTER (WHERE NOT p.ok)
		FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE `+where+` GROUP BY f.name
		UNION ALL
		SELECT 1, f.name, p.finished, p.status, p.error_class, p.error,
			(SELECT min(q.finished) FROM polls q WHERE q.feed_id = p.feed_id AND q.finished > p.finished AND q.ok`+next+`),
			0, 0
		FROM polls p JOIN feeds f ON f.id = p.feed_id WHERE `+where+` AND NOT p.ok
		ORDER BY kind, finished NULLS FIRST`, a...)
	if err != nil {
		return nil, nil, fmt.Errorf("poll changes: %w", err)
	}
	defer rows.Close()
	var out []store.Poll
	recovered := map[string]map[time.Time]bool{}
	for rows.Next() {
		var kind, total, failures int
		var p store.Poll
		var finished, nextOK sql.NullTime
		if err := rows.Scan(&kind, &p.Feed, &finished, &p.Status, &p.ErrorClass, &p.Error, &nextOK, &total, &failures); err != nil {
			return nil, nil, fmt.Errorf("poll changes: %w", err)
		}
		if kind == 0 {
			counts[p.Feed] = [2]int{total, failures}
			continue
		}
		p.Finished = fromTime(finished)
		p.Started = p.Finished
		out = append(out, p)
		if nextOK.Valid {
			at := fromTime(nextOK)
			if recovered[p.Feed] == nil {
				recovered[p.Feed] = map[time.Time]bool{}
			}
			if !recovered[p.Feed][at] {
				recovered[p.Feed][at] = true
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
