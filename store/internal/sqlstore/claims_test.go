package sqlstore

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// TestDialectSQL checks the placeholders each engine is handed.
func TestDialectSQL(t *testing.T) {
	query := `SELECT 1 FROM t WHERE a = $1 AND b = $12 AND json_each(c, '$.units') AND d = $1`
	tests := []struct {
		name string
		d    Dialect
		want string
	}{
		{"postgres keeps $n", Dialect{}, query},
		{"sqlite numbers ?n, JSON paths untouched", Dialect{SQLite: true},
			`SELECT 1 FROM t WHERE a = ?1 AND b = ?12 AND json_each(c, '$.units') AND d = ?1`},
	}
	for _, tt := range tests {
		if got := tt.d.SQL(query); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestClaimWhere checks the claim filters both engines share and that an
// engine's own conditions take their arguments in order.
func TestClaimWhere(t *testing.T) {
	since := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	until := since.Add(48 * time.Hour)
	d := Dialect{Time: func(t time.Time) any { return t.Unix() }}
	cs := ClaimSQL{
		Statuses: func(a *Args, q store.ClaimQuery) string {
			return `status(` + a.Add(len(q.Statuses)) + `)`
		},
		Open:  `open`,
		Final: `final`,
		Terms: func(a *Args, terms []string) string {
			if strings.TrimSpace(strings.Join(terms, "")) == "" {
				return ""
			}
			return `terms(` + a.Add(strings.Join(terms, "|")) + `)`
		},
	}
	yes := true
	tests := []struct {
		name      string
		q         store.ClaimQuery
		until     time.Time
		wantWhere []string
		wantArgs  Args
		wantOK    bool
		wantErr   bool
	}{
		{name: "no filter", q: store.ClaimQuery{State: store.AnyState}, wantOK: true},
		{name: "every filter",
			q: store.ClaimQuery{Statuses: []match.Status{match.Pending, match.Partial}, Side: "mx", Feed: "sre",
				State: store.OpenClaims, Resolved: &yes, Since: since, Terms: []string{"agua", "frontera"}},
			until: until,
			wantWhere: []string{`status($1)`, `c.side = $2`, `c.feed = $3`, `open`, `c.resolution <> ''`,
				`c.published >= $4`, `c.published < $5`, `terms($6)`},
			wantArgs: Args{2, "mx", "sre", since.Unix(), until.Unix(), "agua|frontera"},
			wantOK:   true},
		{name: "final", q: store.ClaimQuery{State: store.FinalClaims}, wantWhere: []string{`final`}, wantOK: true},
		{name: "terms without a word select nothing", q: store.ClaimQuery{State: store.AnyState, Terms: []string{" "}}},
		{name: "unknown state", q: store.ClaimQuery{State: "half-open"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Args
			where, ok, err := d.ClaimWhere(tt.q, tt.until, cs, &a)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if ok != tt.wantOK || !reflect.DeepEqual(where, tt.wantWhere) || !reflect.DeepEqual(a, tt.wantArgs) {
				t.Errorf("got %q %v (ok %v), want %q %v (ok %v)", where, a, ok, tt.wantWhere, tt.wantArgs, tt.wantOK)
			}
		})
	}
	if got := Where(nil); got != "" {
		t.Errorf("Where(nil) = %q, want none", got)
	}
	if got, want := Where([]string{"a", "b"}), ` WHERE a AND b`; got != want {
		t.Errorf("Where = %q, want %q", got, want)
	}
}
