package postgres_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
	"github.com/gapwatch/gapwatch/store/storetest"
)

// pageQueries are the evidence pages' queries (package web's PageQueries).
type pageQueries interface {
	ClaimsPage(ctx context.Context, q store.ClaimQuery, until time.Time, concept string, offset int) ([]store.Claim, error)
	ClaimStatusCounts(ctx context.Context, q store.ClaimQuery, until time.Time, concept string) (map[string]int, error)
	ItemTimes(ctx context.Context, since time.Time) (map[string][]time.Time, error)
	PollChanges(ctx context.Context, feeds []string, from, to time.Time) (map[string][2]int, []store.Poll, error)
}

// TestPageQueriesAnswerAsSQLite fills SQLite, moves its rows into
// PostgreSQL and asks both engines the evidence pages' questions.
func TestPageQueriesAnswerAsSQLite(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	storetest.Fill(t, lite)
	pg := openTemp(t)
	storetest.Move(t, lite, pg)
	a, ok := lite.(pageQueries)
	if !ok {
		t.Fatal("sqlite store lacks the page queries")
	}
	b, ok := pg.(pageQueries)
	if !ok {
		t.Fatal("postgres store lacks the page queries")
	}
	claims, err := lite.Claims(ctx, store.ClaimQuery{})
	if err != nil || len(claims) < 2 {
		t.Fatalf("claims: %d, %v", len(claims), err)
	}
	mid := claims[0].Item.Published // the newest claim's publication
	no := false
	cases := []struct {
		name    string
		q       store.ClaimQuery
		until   time.Time
		concept string
		offset  int
	}{
		{name: "all"},
		{name: "page 2", q: store.ClaimQuery{Limit: 1}, offset: 1},
		{name: "offset without limit", offset: 1},
		{name: "concept", concept: "arms_trafficking"},
		{name: "absent concept", concept: "water"},
		{name: "until", until: mid},
		{name: "terms", q: store.ClaimQuery{Terms: []string{"trafico"}}},
		{name: "no words", q: store.ClaimQuery{Terms: []string{"*"}}},
		{name: "filters", q: store.ClaimQuery{Statuses: []match.Status{match.Confirmed, match.Unconfirmed}, Side: "mx",
			State: store.OpenClaims, Resolved: &no}},
	}
	for _, c := range cases {
		x, errA := a.ClaimsPage(ctx, c.q, c.until, c.concept, c.offset)
		y, errB := b.ClaimsPage(ctx, c.q, c.until, c.concept, c.offset)
		if errA != nil || errB != nil {
			t.Fatalf("%s: ClaimsPage: %v / %v", c.name, errA, errB)
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s: ClaimsPage differs:\nsqlite   %+v\npostgres %+v", c.name, x, y)
		}
		n, errA := a.ClaimStatusCounts(ctx, c.q, c.until, c.concept)
		m, errB := b.ClaimStatusCounts(ctx, c.q, c.until, c.concept)
		if errA != nil || errB != nil {
			t.Fatalf("%s: ClaimStatusCounts: %v / %v", c.name, errA, errB)
		}
		if !reflect.DeepEqual(n, m) {
			t.Errorf("%s: ClaimStatusCounts: sqlite %v, postgres %v", c.name, n, m)
		}
	}
	if x, err := a.ClaimsPage(ctx, store.ClaimQuery{}, time.Time{}, "arms_trafficking", 0); err != nil || len(x) == 0 {
		t.Errorf("the concept case selects nothing (%v): the comparison proves little", err)
	}
	for _, since := range []time.Time{{}, mid} {
		x, errA := a.ItemTimes(ctx, since)
		y, errB := b.ItemTimes(ctx, since)
		if errA != nil || errB != nil || !reflect.DeepEqual(x, y) {
			t.Errorf("ItemTimes(%v): sqlite %v (%v), postgres %v (%v)", since, x, errA, y, errB)
		}
	}
	for _, w := range [][2]time.Time{{}, {mid.Add(-24 * time.Hour), mid.Add(24 * time.Hour)}} {
		n, x, errA := a.PollChanges(ctx, []string{"sre", "state"}, w[0], w[1])
		m, y, errB := b.PollChanges(ctx, []string{"sre", "state"}, w[0], w[1])
		if errA != nil || errB != nil || !reflect.DeepEqual(n, m) || !reflect.DeepEqual(x, y) {
			t.Errorf("PollChanges(%v): sqlite %v %v (%v), postgres %v %v (%v)", w, n, x, errA, m, y, errB)
		}
		if len(x) == 0 {
			t.Errorf("PollChanges(%v): no failed poll to compare", w)
		}
	}
}
