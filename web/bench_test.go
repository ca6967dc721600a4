package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the raw bulk insert of the benchmark store

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// Sizes of the benchmark store.
const (
	benchItems      = 1_000_000
	benchClaims     = 100_000
	benchCandidates = 50
)

// benchStore is built once per test binary run and removed by TestMain.
var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
	bench     struct {
		st      store.Store
		claimID int64
	}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.st != nil {
		bench.st.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchWords make the bulk items' texts differ.
var benchWords = []string{"frontera", "armas", "migración", "comercio", "aduanas", "acero", "agua", "seguridad",
	"border", "trade", "tariffs", "fentanyl", "visas", "rail", "ports", "energy", "water", "security"}

func benchText(i int) string {
	w := func(k int) string { return benchWords[(i/(k+1)+k*7)%len(benchWords)] }
	return fmt.Sprintf("Comunicado %d sobre %s, %s y %s. Statement %d on %s and %s cooperation.", i, w(0), w(1), w(2), i, w(3), w(4))
}

// buildBench fills a SQLite store with benchItems items (benchClaims of
// them claims), a claim with benchCandidates other-side items in its
// window and a poll log, bulk-inserted in one transaction.
func buildBench(b *testing.B) {
	benchOnce.Do(func() { benchErr = fillBench() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
}

// benchDBEnv names a file that keeps the benchmark store between runs
// (built when missing), to profile without rebuilding it.
const benchDBEnv = "GAPWATCH_WEB_BENCH_DB"

func fillBench() error {
	ctx := context.Background()
	path := os.Getenv(benchDBEnv)
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			st, err := sqlite.Open(ctx, path)
			if err != nil {
				return err
			}
			bench.st = st
			it, err := st.ItemByGUID(ctx, "sre", "bench-claim")
			if err != nil {
				return err
			}
			c, err := st.ClaimByItem(ctx, it.ID)
			bench.claimID = c.ID
			return err
		}
	} else {
		dir, err := os.MkdirTemp("", "gapwatch-web-bench-")
		if err != nil {
			return err
		}
		benchDir = dir
		path = filepath.Join(dir, "bench.db")
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	feeds := []store.Feed{{Name: "sre", Side: "mx", Kind: "rss"}, {Name: "state", Side: "us", Kind: "rss"}, {Name: "cbp", Side: "us", Kind: "rss"}}
	for _, f := range feeds {
		if err := st.EnsureFeed(ctx, f); err != nil {
			return err
		}
	}
	st.Close()

	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	feedID := map[string]int64{}
	rows, err := db.QueryContext(ctx, `SELECT id, name FROM feeds`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		feedID[n] = id
	}
	rows.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insItem, err := tx.PrepareContext(ctx, `INSERT INTO items (id, feed_id, side, guid, title, link, published, summary,
		content, language, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	insClaim, err := tx.PrepareContext(ctx, `INSERT INTO claims (item_id, side, feed, published, status, final, decision,
		last_event, created, updated) VALUES (?, ?, ?, ?, ?, 1, ?, 'final', ?, ?)`)
	if err != nil {
		return err
	}
	// The items span two years up to fixtureNow, one every ~63 s.
	step := 2 * 365 * 24 * time.Hour / benchItems
	start := fixtureNow.Add(-2 * 365 * 24 * time.Hour)
	eng := match.NewEngine(mustLexicon(), match.Options{})
	sample := eng.Decide(eng.Analyze(match.Item{Feed: "sre", Side: "mx", GUID: "x", Language: "es", Published: start,
		Title: "México y Estados Unidos acuerdan frenar el tráfico de armas"}), nil, nil, fixtureNow)
	statusNames := []string{"confirmed", "partial", "unconfirmed", "pending"}
	claimEvery := benchItems / benchClaims
	for i := 1; i <= benchItems; i++ {
		feed, side, lang := "sre", "mx", "es"
		if i%2 == 0 {
			feed, side, lang = "state", "us", "en"
		}
		pub := start.Add(time.Duration(i) * step).UnixMicro()
		text := benchText(i)
		if _, err := insItem.ExecContext(ctx, i, feedID[feed], side, fmt.Sprint("g", i), text[:40], fmt.Sprintf("https://%s.example/%d", feed, i),
			pub, "", text, lang, pub); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if i%claimEvery == 1 {
			d := sample
			d.Feed, d.GUID, d.Side = feed, fmt.Sprint("g", i), side
			d.Status.UnmarshalText([]byte(statusNames[i%len(statusNames)]))
			dj, _ := json.Marshal(d)
			if _, err := insClaim.ExecContext(ctx, i, side, feed, pub, statusNames[i%len(statusNames)], string(dj), pub, pub); err != nil {
				return fmt.Errorf("claim %d: %w", i, err)
			}
		}
	}
	// The poll log of the last weeks: every 10 minutes per feed.
	insPoll, err := tx.PrepareContext(ctx, `INSERT INTO polls (feed_id, started, finished, ok, status) VALUES (?, ?, ?, 1, 200)`)
	if err != nil {
		return err
	}
	for _, f := range feeds {
		for t := fixtureNow.Add(-21 * 24 * time.Hour); t.Before(fixtureNow); t = t.Add(10 * time.Minute) {
			if _, err := insPoll.ExecContext(ctx, feedID[f.Name], t.UnixMicro(), t.UnixMicro()); err != nil {
				return err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.Close()

	// The claim with 50 other-side items in its window, through the store.
	st, err = sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	bench.st = st
	claimAt := fixtureNow.Add(-3 * 24 * time.Hour)
	if _, err := st.RecordPoll(ctx, store.Poll{Feed: "sre", Started: claimAt, Finished: claimAt, OK: true}, []match.Item{{
		Feed: "sre", Side: "mx", GUID: "bench-claim", Language: "es", Published: claimAt, Link: "https://sre.example/bench",
		Title:   "México y Estados Unidos acuerdan frenar el tráfico de armas en la frontera",
		Content: "La cancillería informó que México y Estados Unidos acordaron reforzar la cooperación contra el tráfico de armas en la frontera. También se comprometieron a crear un grupo de trabajo sobre fentanilo en Tijuana. " + benchText(7),
	}}); err != nil {
		return err
	}
	var cands []match.Item
	for i := range benchCandidates {
		cands = append(cands, match.Item{Feed: "state", Side: "us", GUID: fmt.Sprint("bench-cand-", i), Language: "en",
			Published: claimAt.Add(time.Duration(i+1) * time.Hour), Link: fmt.Sprint("https://state.example/c/", i),
			Title: fmt.Sprintf("Readout %d: arms trafficking and border security", i),
			Content: "The United States and Mexico agreed to strengthen cooperation against arms trafficking along the border. " +
				"Officials discussed fentanyl, ports of entry and rail inspections at Laredo. " + benchText(i) + " " + benchText(i+1)})
	}
	res, err := st.RecordPoll(ctx, store.Poll{Feed: "state", Started: claimAt, Finished: claimAt.Add(time.Hour), OK: true}, cands)
	if err != nil {
		return err
	}
	it, err := st.ItemByGUID(ctx, "sre", "bench-claim")
	if err != nil {
		return err
	}
	var as []*match.Analysis
	for _, c := range res.New {
		as = append(as, eng.Analyze(c))
	}
	d := eng.Decide(eng.Analyze(it), as, nil, fixtureNow)
	d.Considered = d.Considered[:0]
	for _, c := range res.New {
		d.Considered = append(d.Considered, match.CandidateScore{Ref: match.RefOf(c), Title: c.Title, Published: c.Published,
			Score: 3, SameEvent: true, Concepts: []string{"arms_trafficking", "border_general"}})
	}
	u, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "new_claim", At: claimAt})
	if err != nil {
		return err
	}
	if got, err := st.Claim(ctx, u.Claim.ID); err != nil || len(got.Evidence) != benchCandidates {
		return fmt.Errorf("bench claim has %d evidence items (%v), want %d", len(got.Evidence), err, benchCandidates)
	}
	bench.claimID = u.Claim.ID
	return nil
}

func mustLexicon() *match.Lexicon {
	lex, err := match.DefaultLexicon()
	if err != nil {
		panic(err)
	}
	return lex
}

// benchPage requests target b.N times and reports the p50 and p99 times.
func benchPage(b *testing.B, target string, want string) {
	buildBench(b)
	s, _ := newTestServer(b, bench.st)
	s.opts.Weeks = 520 // every claim of the store is in the list's range
	h := s.Handler()
	cookie := s.sessionCookieForTest()
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, target, nil)
		r.AddCookie(cookie)
		w := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(w, r)
		times = append(times, time.Since(t0))
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 { return float64(times[int(float64(len(times)-1)*p)]) / 1e6 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	_ = want
}

// BenchmarkClaimPage renders a claim with 50 other-side items in a store
// of 1,000,000 items (target: p99 under 50 ms).
func BenchmarkClaimPage(b *testing.B) {
	buildBench(b)
	benchPage(b, ClaimPath(bench.claimID), "")
}

// BenchmarkClaimsList renders /claims' first page with 100,000 claims
// stored (target: under 50 ms).
func BenchmarkClaimsList(b *testing.B) {
	benchPage(b, "/claims", "")
}

// BenchmarkClaimsListFiltered is /claims filtered by status and week.
func BenchmarkClaimsListFiltered(b *testing.B) {
	benchPage(b, "/claims?status=unconfirmed&week=2026-W08", "")
}
