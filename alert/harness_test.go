package alert_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// t0 is when the stories' clock starts (hours in stories.json count from it).
var t0 = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func at(h float64) time.Time { return t0.Add(time.Duration(h * float64(time.Hour))) }

// clock is a fake clock shared by the poller, the pipeline and the sender.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Sleep advances the clock instead of waiting; it records what it was asked.
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// story is one press release of the fixtures.
type story struct {
	Feed  string  `json:"feed"`
	GUID  string  `json:"guid"`
	Hours float64 `json:"hours"`
	Title string  `json:"title"`
	Text  string  `json:"text"`
}

func loadStories(t testing.TB) []story {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []story
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("stories.json: %v", err)
	}
	return out
}

// feedServer serves each feed's stories published by the clock's now as
// RSS; a feed can be made to fail.
type feedServer struct {
	*httptest.Server
	clock   func() time.Time
	stories []story
	mu      sync.Mutex
	failing map[string]bool
}

func newFeedServer(t testing.TB, now func() time.Time, stories []story) *feedServer {
	fs := &feedServer{clock: now, stories: stories, failing: map[string]bool{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

// edit changes a story's title and text, as a publisher editing a release.
func (fs *feedServer) edit(guid, title, text string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i := range fs.stories {
		if fs.stories[i].GUID == guid {
			fs.stories[i].Title, fs.stories[i].Text = title, text
		}
	}
}

func (fs *feedServer) fail(feed string, on bool) {
	fs.mu.Lock()
	fs.failing[feed] = on
	fs.mu.Unlock()
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	feed := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	fs.mu.Lock()
	failing := fs.failing[feed]
	stories := append([]story(nil), fs.stories...)
	fs.mu.Unlock()
	if failing {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	type item struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		GUID        string `xml:"guid"`
		PubDate     string `xml:"pubDate"`
		Description string `xml:"description"`
	}
	var items []item
	now := fs.clock()
	for _, s := range stories {
		if s.Feed != feed || at(s.Hours).After(now) {
			continue
		}
		items = append(items, item{Title: s.Title, Link: "https://press.example/" + feed + "/" + s.GUID, GUID: s.GUID,
			PubDate: at(s.Hours).Format(time.RFC1123Z), Description: s.Text})
	}
	doc := struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			Items []item `xml:"item"`
		} `xml:"channel"`
	}{Version: "2.0"}
	doc.Channel.Title, doc.Channel.Link, doc.Channel.Items = feed, "https://press.example/"+feed, items
	w.Header().Set("Content-Type", "application/rss+xml")
	_ = xml.NewEncoder(w).Encode(doc)
}

// recorder is a sink that records what it is sent; fail, when set, decides
// an error per message.
type recorder struct {
	mu   sync.Mutex
	msgs []alert.Message
	fail func(m alert.Message, n int) error
	n    int
}

func (r *recorder) Send(ctx context.Context, m alert.Message) (alert.Receipt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if r.fail != nil {
		if err := r.fail(m, r.n); err != nil {
			return alert.Receipt{}, err
		}
	}
	r.msgs = append(r.msgs, m)
	return alert.Receipt{Ref: fmt.Sprintf("ref-%d", m.OutboxID)}, nil
}

func (r *recorder) sent() []alert.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]alert.Message(nil), r.msgs...)
}

// summary is "event:guid[^thread]" per message.
func summary(ms []alert.Message) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		s := m.Event
		if m.Claim != nil {
			s += ":" + m.Claim.Item.GUID
		}
		if m.Feed != nil {
			s += ":" + m.Feed.Feed.Name
		}
		if m.ThreadRef != "" {
			s += "^" + m.ThreadRef
		}
		out = append(out, s)
	}
	return out
}

var testEngine = sync.OnceValues(func() (*match.Engine, error) {
	lex, err := match.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return match.NewEngine(lex, match.Options{}), nil
})

// harness is the whole pipeline on a SQLite file: feed server → poller →
// store → engine → outbox → sinks, on a fake clock.
type harness struct {
	t      testing.TB
	clock  *clock
	path   string
	st     store.Store
	feeds  *feedServer
	srcs   []feeds.Source
	poller *feeds.Poller
	pipe   *alert.Pipeline
	send   *alert.Sender
}

type harnessOptions struct {
	routes      []alert.Route
	sinks       map[string]alert.Sink
	maxAttempts int
	logger      *slog.Logger
	path        string
	stories     []story
	checkGone   func(ctx context.Context, link string) (bool, error)
}

func newHarness(t testing.TB, o harnessOptions) *harness {
	t.Helper()
	ctx := context.Background()
	if o.path == "" {
		o.path = filepath.Join(t.TempDir(), "gapwatch.db")
	}
	if o.stories == nil {
		o.stories = loadStories(t)
	}
	h := &harness{t: t, clock: newClock(at(-24)), path: o.path}
	st, err := sqlite.Open(ctx, o.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h.st = st
	h.feeds = newFeedServer(t, h.clock.Now, o.stories)
	h.srcs = []feeds.Source{
		{Name: "sre", Side: "mx", URL: h.feeds.URL + "/sre.xml", Type: "rss", Language: "es"},
		{Name: "state", Side: "us", URL: h.feeds.URL + "/state.xml", Type: "rss", Language: "en"},
	}
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	h.send = alert.NewSender(st, alert.SenderOptions{Sinks: o.sinks, MaxAttempts: o.maxAttempts, Now: h.clock.Now,
		Sleep: h.clock.Sleep, Logger: o.logger, MinBackoff: time.Minute})
	h.pipe, err = alert.NewPipeline(alert.Options{Engine: eng, Store: st, Router: alert.Router{Static: o.routes, Store: st},
		Now: h.clock.Now, Logger: o.logger, Notify: h.send.Notify, CheckGone: o.checkGone})
	if err != nil {
		t.Fatal(err)
	}
	h.poller = feeds.NewPoller(st, feeds.PollerOptions{Now: h.clock.Now, OnItems: h.pipe.OnItems, Rand: func() float64 { return 0 }})
	if err := h.poller.Sync(ctx, h.srcs); err != nil {
		t.Fatal(err)
	}
	if err := h.pipe.Restore(ctx); err != nil {
		t.Fatal(err)
	}
	return h
}

// pollAt sets the clock and polls every feed.
func (h *harness) pollAt(hours float64) {
	h.t.Helper()
	h.clock.Set(at(hours))
	for _, src := range h.srcs {
		if _, err := h.poller.Poll(context.Background(), src); err != nil {
			h.t.Logf("poll %s at %+.0fh: %v", src.Name, hours, err)
		}
	}
}

func (h *harness) tickAt(hours float64) {
	h.t.Helper()
	h.clock.Set(at(hours))
	if err := h.pipe.Tick(context.Background()); err != nil {
		h.t.Fatalf("Tick: %v", err)
	}
}

func (h *harness) flush() {
	h.t.Helper()
	if err := h.send.Flush(context.Background()); err != nil {
		h.t.Fatalf("Flush: %v", err)
	}
}

func (h *harness) outbox(q store.OutboxQuery) []store.OutboxMessage {
	h.t.Helper()
	ms, err := h.st.Outbox(context.Background(), q)
	if err != nil {
		h.t.Fatal(err)
	}
	return ms
}

func consoleRoute(name string) alert.Route {
	return alert.Route{Channel: alert.Channel{Name: name, Platform: alert.PlatformConsole}}
}
