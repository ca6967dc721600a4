package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// fixture is testdata/fixture.json: feeds, items, which items are claims
// and which other-side items each one's decision weighs, newsroom actions,
// an edit and a feed outage.
type fixture struct {
	Feeds  []store.Feed `json:"feeds"`
	Items  []match.Item `json:"items"`
	Claims []struct {
		GUID       string   `json:"guid"`
		Candidates []string `json:"candidates"`
	} `json:"claims"`
	Actions []struct {
		Claim   string           `json:"claim"`
		Kind    store.ActionKind `json:"kind"`
		Actor   string           `json:"actor"`
		Channel string           `json:"channel"`
		At      time.Time        `json:"at"`
	} `json:"actions"`
	Edits []struct {
		GUID  string    `json:"guid"`
		At    time.Time `json:"at"`
		Title string    `json:"title"`
	} `json:"edits"`
	FailedPoll struct {
		Feed      string    `json:"feed"`
		Finished  time.Time `json:"finished"`
		Recovered time.Time `json:"recovered"`
		Class     string    `json:"class"`
		Error     string    `json:"error"`
	} `json:"failed_poll"`
}

// fixtureNow is the tests' clock: after every fixture item.
var fixtureNow = time.Date(2026, time.March, 12, 12, 0, 0, 0, time.UTC)

// newsroomZone is the newsroom's zone in the tests.
var newsroomZone = func() *time.Location {
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		panic(err)
	}
	return loc
}()

var (
	engineOnce = sync.OnceValues(func() (*match.Engine, error) {
		lex, err := match.DefaultLexicon()
		if err != nil {
			return nil, err
		}
		return match.NewEngine(lex, match.Options{Language: "en"}), nil
	})
)

func testEngine(t testing.TB) *match.Engine {
	t.Helper()
	e, err := engineOnce()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// filled is a store filled from the fixture, with the claims' IDs by GUID.
type filled struct {
	st     store.Store
	claims map[string]int64
	items  map[string]match.Item
}

func fillStore(t testing.TB) filled {
	t.Helper()
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx fixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	start := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range fx.Feeds {
		if err := st.EnsureFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
		// The baseline poll: later items are news, not backlog.
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.Name, Started: start, Finished: start, OK: true}, nil); err != nil {
			t.Fatal(err)
		}
	}
	poll := func(feed string, at time.Time, items []match.Item) store.SaveResult {
		t.Helper()
		res, err := st.RecordPoll(ctx, store.Poll{Feed: feed, Started: at, Finished: at, OK: true, Status: 200}, items)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	f := filled{st: st, claims: map[string]int64{}, items: map[string]match.Item{}}
	for _, it := range fx.Items {
		res := poll(it.Feed, it.Published.Add(5*time.Minute), []match.Item{it})
		if len(res.New) != 1 {
			t.Fatalf("item %s not stored: %+v", it.GUID, res)
		}
		f.items[it.GUID] = res.New[0]
	}
	for _, e := range fx.Edits {
		it := f.items[e.GUID]
		it.Title = e.Title
		res := poll(it.Feed, e.At, []match.Item{it})
		if len(res.Revised) != 1 {
			t.Fatalf("edit of %s not stored: %+v", e.GUID, res)
		}
		f.items[e.GUID] = res.Revised[0]
	}
	fp := fx.FailedPoll
	if _, err := st.RecordPoll(ctx, store.Poll{Feed: fp.Feed, Started: fp.Finished, Finished: fp.Finished,
		ErrorClass: fp.Class, Error: fp.Error, Status: 503}, nil); err != nil {
		t.Fatal(err)
	}
	poll(fp.Feed, fp.Recovered, nil)

	eng := testEngine(t)
	for _, c := range fx.Claims {
		it := f.items[c.GUID]
		var cands []*match.Analysis
		for _, g := range c.Candidates {
			cands = append(cands, eng.Analyze(f.items[g]))
		}
		d := eng.Decide(eng.Analyze(it), cands, nil, fixtureNow)
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "new_claim", At: it.Published.Add(10 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		f.claims[c.GUID] = res.Claim.ID
	}
	for _, a := range fx.Actions {
		if _, err := st.RecordAction(ctx, store.Action{ClaimID: f.claims[a.Claim], Kind: a.Kind, Actor: a.Actor,
			Channel: a.Channel, At: a.At}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// testSecret signs the tests' links; testToken is their newsroom token.
const (
	testSecret = "test-link-secret-0123456789"
	testToken  = "newsroom-token-abcdef"
)

// newTestServer serves the fixture's pages with every way in configured.
func newTestServer(t testing.TB, st Store) (*Server, *httptest.Server) {
	t.Helper()
	proxies, err := ParsePrefixes([]string{"10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return fixtureNow }
	// Any error the pages log (a template that fails halfway) fails the test.
	var logged strings.Builder
	var mu sync.Mutex
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if logged.Len() > 0 {
			t.Errorf("the pages logged errors:\n%s", logged.String())
		}
	})
	s, err := New(Options{
		Logger:   slog.New(slog.NewTextHandler(lockedWriter{&mu, &logged}, nil)),
		Store:    st,
		Engine:   testEngine(t),
		Location: newsroomZone,
		Sides:    []string{"mx", "us"},
		Now:      clock,
		Access: Access{
			Signer:          NewSigner(testSecret, 0, clock),
			Token:           testToken,
			ProxyUserHeader: "X-Forwarded-User",
			TrustedProxies:  proxies,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return s, hs
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// loggedIn is a request carrying a valid session cookie.
func (s *Server) sessionCookieForTest() *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: s.opts.Access.newSession(fixtureNow.Add(time.Hour))}
}
