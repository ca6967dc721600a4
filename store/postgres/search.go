package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// tsQuery builds the text of a tsquery that ORs terms: a term's words
// follow each other (<->), its last word is a prefix (:*), as SQLite's
// `"a b"*`. Words are runs of letters and digits, so the query needs no
// escaping; they are folded by gw_fold in the database. "" when no term
// has a word.
func tsQuery(terms []string) string {
	var parts []string
	seen := map[string]bool{}
	for _, t := range terms {
		words := strings.FieldsFunc(t, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = "'" + strings.ToLower(w) + "'"
		}
		q := strings.Join(words, " <-> ") + ":*"
		if seen[q] {
			continue
		}
		seen[q] = true
		parts = append(parts, "("+q+")")
	}
	return strings.Join(parts, " | ")
}

// tsQueryExpr is the SQL expression of the tsquery built from the text in
// placeholder ph: accents are folded the way the items' vectors were.
func tsQueryExpr(ph string) string {
	return `to_tsquery('simple', gw_fold(` + ph + `))`
}

// SearchItems returns items matching any of terms, best match first.
func (s *pgStore) SearchItems(ctx context.Context, terms []string, limit int) ([]match.Item, error) {
	if limit <= 0 {
		limit = 20
	}
	q := tsQuery(terms)
	if q == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqlstore.ItemColumns+sqlstore.ItemFrom+`, `+tsQueryExpr("$1")+` AS q
		WHERE i.search @@ q ORDER BY ts_rank(i.search, q, 1) DESC, i.published DESC NULLS LAST, i.id DESC LIMIT $2`,
		q, limit)
	if err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	out, err := sqlstore.Collect(rows, sqlstore.ScanItem)
	if err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	return out, nil
}

// claimSQL writes the claim filters whose SQL is PostgreSQL's own.
var claimSQL = sqlstore.ClaimSQL{
	Statuses: func(a *sqlstore.Args, q store.ClaimQuery) string {
		sts := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			sts[i] = st.String()
		}
		return `c.status = ANY(` + a.Add(sts) + `)`
	},
	Open:  `NOT c.final`,
	Final: `c.final`,
	Terms: func(a *sqlstore.Args, terms []string) string {
		ts := tsQuery(terms)
		if ts == "" {
			return ""
		}
		return `i.search @@ ` + tsQueryExpr(a.Add(ts))
	},
}

// claimWhere builds the WHERE clause selecting claims as q does (Limit
// aside), also bounded above by until (zero: no bound). ok is false when
// q's terms have no word, which selects nothing.
func claimWhere(q store.ClaimQuery, until time.Time) (string, sqlstore.Args, bool, error) {
	var a sqlstore.Args
	where, ok, err := pgDialect.ClaimWhere(q, until, claimSQL, &a)
	if err != nil || !ok {
		return "", nil, false, err
	}
	return sqlstore.Where(where), a, true, nil
}
