package sqlstore

import (
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// ClaimSQL is how an engine writes the claim filters whose SQL is its own.
type ClaimSQL struct {
	// Statuses is the condition that a claim has one of q.Statuses
	// (never empty), its arguments added to a.
	Statuses func(a *Args, q store.ClaimQuery) string
	// Open and Final are the conditions that a claim is open, or final.
	Open, Final string
	// Terms is the condition that a claim's item matches one of terms
	// (never empty), its argument added to a; "" when no term has a word.
	Terms func(a *Args, terms []string) string
}

// ClaimWhere returns the conditions selecting claims as q does (Limit
// aside), also published before until (zero: no bound), their arguments
// added to a with $n placeholders. ok is false when q's terms have no
// word, which selects nothing.
func (d Dialect) ClaimWhere(q store.ClaimQuery, until time.Time, c ClaimSQL, a *Args) (where []string, ok bool, err error) {
	if len(q.Statuses) > 0 {
		where = append(where, c.Statuses(a, q))
	}
	if q.Side != "" {
		where = append(where, `c.side = `+a.Add(q.Side))
	}
	if q.Feed != "" {
		where = append(where, `c.feed = `+a.Add(q.Feed))
	}
	switch q.State {
	case store.OpenClaims:
		where = append(where, c.Open)
	case store.FinalClaims:
		where = append(where, c.Final)
	case store.AnyState:
	default:
		return nil, false, fmt.Errorf("unknown state %q", q.State)
	}
	if q.Resolved != nil {
		if *q.Resolved {
			where = append(where, `c.resolution <> ''`)
		} else {
			where = append(where, `c.resolution = ''`)
		}
	}
	if !q.Since.IsZero() {
		where = append(where, `c.published >= `+a.Add(d.Time(q.Since)))
	}
	if !until.IsZero() {
		where = append(where, `c.published < `+a.Add(d.Time(until)))
	}
	if len(q.Terms) > 0 {
		cond := c.Terms(a, q.Terms)
		if cond == "" {
			return nil, false, nil
		}
		where = append(where, cond)
	}
	return where, true, nil
}

// Where joins conditions into a WHERE clause, "" for none.
func Where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(conds, ` AND `)
}
