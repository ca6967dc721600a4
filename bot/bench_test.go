package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// benchClaims is how many claims the benchmark store holds (as many other-side items).
const benchClaims = 10000

// benchBot returns a bot over a SQLite store with benchClaims claims.
func benchBot(b *testing.B) (*Bot, int64) {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var sre, state []match.Item
	start := now.Add(-benchClaims * time.Hour)
	for i := 0; i < benchClaims; i++ {
		at := start.Add(time.Duration(i) * time.Hour)
		sre = append(sre, item("sre", "mx", "es", fmt.Sprintf("sre-%d", i), fmt.Sprintf("México y Estados Unidos acordaron reducir los aranceles al acero, ronda %d", i), at))
		state = append(state, item("state", "us", "en", fmt.Sprintf("state-%d", i), fmt.Sprintf("Readout %d: steel tariffs with Mexico", i), at.Add(time.Hour)))
	}
	for _, f := range []struct {
		feed  store.Feed
		items []match.Item
	}{{store.Feed{Name: "sre", Side: "mx", URL: "https://sre.example/rss", Kind: "rss"}, sre},
		{store.Feed{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}, state}} {
		if err := st.EnsureFeed(ctx, f.feed); err != nil {
			b.Fatal(err)
		}
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.feed.Name, Started: start, Finished: start, OK: true}, f.items); err != nil {
			b.Fatal(err)
		}
	}
	stored, err := st.Items(ctx, store.ItemQuery{Feed: "sre"})
	if err != nil {
		b.Fatal(err)
	}
	statuses := []match.Status{match.Pending, match.Partial, match.Unconfirmed, match.Confirmed}
	var last int64
	for i, it := range stored {
		d := decision(it, statuses[i%len(statuses)], i%2 == 0, []match.ExplainedUnit{{Action: match.CueAgree,
			Quote: it.Title, Objects: []string{"tariffs", "steel"}, Outcome: match.Discussed}},
			candidate(state[i], true, "", "steel", "tariffs"))
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "new_claim", At: it.Published})
		if err != nil {
			b.Fatal(err)
		}
		last = res.Claim.ID
	}
	bt, err := New(Options{Queries: st, Actions: st, Lexicon: testLexicon(b), Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	return bt, last
}

// BenchmarkHandle measures a command from parse to reply on a store of
// benchClaims claims (each run also records its action).
func BenchmarkHandle(b *testing.B) {
	bt, last := benchBot(b)
	for _, text := range []string{"list", "list unconfirmed mx", fmt.Sprintf("show %d", last), "search aranceles", "help", "frobnicate"} {
		b.Run(text, func(b *testing.B) {
			req := slackReq(text)
			for b.Loop() {
				r, err := bt.Handle(context.Background(), req)
				if err != nil || r.Tone == ToneError && text != "frobnicate" {
					b.Fatalf("%s: %v %s", text, err, PlainText(r))
				}
			}
		})
	}
}

// BenchmarkRender measures the three text renderings of a claim's evidence.
func BenchmarkRender(b *testing.B) {
	r := sampleReply(hostileTitle)
	for b.Loop() {
		_ = PlainText(r)
		_ = SlackText(r, 3000)
		_ = DiscordText(r, 2000)
	}
}
