package digest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Benchmark sizes: a store of a million items over two years, ten
// thousand of them claims published in the digest's week, and a few
// thousand older claims.
const (
	benchItems      = 1_000_000
	benchWeekClaims = 10_000
	benchOldClaims  = 5_000
)

// loadBenchStore fills a store in bulk: every item in one poll (one
// transaction), then the claims' decisions.
func loadBenchStore(b *testing.B) store.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	if p := os.Getenv("GAPWATCH_BENCH_DB"); p != "" {
		path = p
		if _, err := os.Stat(p); err == nil {
			return openStore(b, p)
		}
	}
	st := openStore(b, path)
	feeds := []store.Feed{{Name: "sre", Side: "mx", URL: "https://sre.example/", Kind: "html"},
		{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"},
		{Name: "cbp", Side: "us", URL: "https://cbp.example/rss", Kind: "rss"}}
	weekStart := week47.Start(mexico)
	first := weekStart.AddDate(-2, 0, 0)
	for _, f := range feeds {
		if err := st.EnsureFeed(ctx, f); err != nil {
			b.Fatal(err)
		}
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.Name, Started: first, Finished: first, OK: true}, nil); err != nil {
			b.Fatal(err)
		}
	}
	older := benchItems - benchWeekClaims
	span := weekStart.Sub(first)
	byFeed := map[string][]match.Item{}
	for i := range benchItems {
		f := feeds[i%len(feeds)]
		var pub time.Time
		if i < older {
			pub = first.Add(time.Duration(int64(span) / int64(older) * int64(i)))
		} else {
			pub = weekStart.Add(time.Duration(int64(7*24*time.Hour) / benchWeekClaims * int64(i-older)))
		}
		byFeed[f.Name] = append(byFeed[f.Name], match.Item{Feed: f.Name, Side: f.Side, GUID: fmt.Sprintf("%s-%d", f.Name, i),
			Title: fmt.Sprintf("Statement %d on bilateral cooperation", i), Link: fmt.Sprintf("https://%s.example/%d", f.Name, i),
			Published: pub, Summary: "Both governments agreed to continue their cooperation."})
	}
	var claims []match.Item
	for _, f := range feeds {
		res, err := st.RecordPoll(ctx, store.Poll{Feed: f.Name, Started: weekStart, Finished: weekStart.Add(time.Minute), OK: true}, byFeed[f.Name])
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range res.New {
			if !it.Published.Before(weekStart) || len(claims) < benchOldClaims && it.ID%97 == 0 {
				claims = append(claims, it)
			}
		}
	}
	statuses := []match.Status{match.Pending, match.Confirmed, match.Partial, match.Unconfirmed}
	for i, it := range claims {
		d := match.Decision{Feed: it.Feed, GUID: it.GUID, Title: it.Title, Side: it.Side, Published: it.Published,
			Status: match.Pending, Deadline: it.Published.Add(7 * 24 * time.Hour)}
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "new_claim", At: it.Published})
		if err != nil {
			b.Fatal(err)
		}
		status := statuses[i%len(statuses)]
		if status != match.Pending {
			d.Status, d.Final = status, status != match.Confirmed
			kind := "final"
			if status == match.Confirmed {
				kind = "confirmed"
			}
			if _, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: kind, At: it.Published.Add(20 * time.Hour)}); err != nil {
				b.Fatal(err)
			}
		}
		if i%50 == 0 {
			r := store.Resolution{Kind: store.ResolvedDismissed, Reason: "not a claim", By: "cli:bench", At: it.Published.Add(time.Hour)}
			a := store.Action{ClaimID: res.Claim.ID, Kind: store.ActionDismiss, Actor: "cli:bench", At: r.At}
			if _, err := st.Resolve(ctx, res.Claim.ID, r, a, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	return st
}

// BenchmarkBuildWeek builds (and renders, with its chart) the digest of a
// week with 10,000 claims in a store of a million items.
func BenchmarkBuildWeek(b *testing.B) {
	start := time.Now()
	st := loadBenchStore(b)
	defer st.Close()
	b.Logf("store loaded in %s", time.Since(start).Round(time.Second))
	builder := newBuilder(st)
	now := local(11, 23, 9, 0)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		r, err := builder.Build(ctx, desk, week47, now)
		if err != nil {
			b.Fatal(err)
		}
		if r.NewTotal != benchWeekClaims {
			b.Fatalf("built a week of %d claims, want %d", r.NewTotal, benchWeekClaims)
		}
		if _, err := digest.Message(r, desk, now); err != nil {
			b.Fatal(err)
		}
	}
}
