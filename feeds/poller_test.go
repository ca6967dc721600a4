package feeds

import (
	"bytes"
	"context"
	"errors"
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

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// fakeClock is a settable clock shared by a test's poller and fetcher.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: fixedNow} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *fakeClock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// openStore opens a SQLite store at path, closed when the test ends.
func openStore(t testing.TB, path string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// tempStore opens a store in a fresh temporary directory.
func tempStore(t testing.TB) store.Store {
	t.Helper()
	return openStore(t, filepath.Join(t.TempDir(), "gapwatch.db"))
}

// fixture reads a file of testdata/fetch.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fetch", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newTestPoller returns a poller on st driven by clk, with the jitter
// band's midpoint so backoff delays are exact.
func newTestPoller(st store.Store, clk *fakeClock, opts PollerOptions) *Poller {
	opts.Now = clk.Now
	if opts.Fetcher == nil {
		opts.Fetcher = NewFetcher(FetcherOptions{Now: clk.Now, Timeout: 5 * time.Second})
	}
	if opts.Rand == nil {
		opts.Rand = func() float64 { return 0.5 }
	}
	return NewPoller(st, opts)
}

// feedServer serves one RSS document with validators and answers 304 to a
// matching conditional request; it counts what it sent.
type feedServer struct {
	*httptest.Server
	body         []byte
	etag         string
	lastModified string

	mu     sync.Mutex
	full   int      // 200 answers
	notMod int      // 304 answers
	inm    []string // If-None-Match of each request
}

func newFeedServer(t testing.TB, body []byte) *feedServer {
	fs := &feedServer{body: body, etag: `"press-v1"`, lastModified: "Mon, 02 Mar 2026 14:05:00 GMT"}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.inm = append(fs.inm, r.Header.Get("If-None-Match"))
		if r.Header.Get("If-None-Match") == fs.etag {
			fs.notMod++
			fs.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fs.full++
		fs.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", fs.etag)
		w.Header().Set("Last-Modified", fs.lastModified)
		w.Write(fs.body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) counts() (full, notMod int, inm []string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.full, fs.notMod, append([]string(nil), fs.inm...)
}

func feedState(t testing.TB, st store.Store, name string) store.FeedState {
	t.Helper()
	s, err := st.FeedState(context.Background(), name)
	if err != nil {
		t.Fatalf("FeedState(%s): %v", name, err)
	}
	return s
}

func TestPollStoresThenNotModified(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	clk := newClock()
	p := newTestPoller(st, clk, PollerOptions{})
	src := Source{Name: "state-press", Side: "us", URL: srv.URL + "/feed", Language: "en"}
	if err := p.Sync(ctx, []Source{src}); err != nil {
		t.Fatal(err)
	}

	res, err := p.Poll(ctx, src)
	if err != nil {
		t.Fatalf("first poll: %v", err)
	}
	if !res.OK() || res.Status != 200 || res.Items != 3 || res.New != 3 || res.NotModified {
		t.Fatalf("first poll = %+v, want 200 with 3 new items", res)
	}
	s := feedState(t, st, src.Name)
	if s.ETag != srv.etag || s.LastModified != srv.lastModified || !s.Baselined || s.Items != 3 || s.FetchPath != FetchPathHTTP {
		t.Errorf("state after first poll = %+v", s)
	}

	clk.Add(10 * time.Minute)
	res, err = p.Poll(ctx, src)
	if err != nil {
		t.Fatalf("second poll: %v", err)
	}
	if !res.OK() || !res.NotModified || res.Status != 304 || res.Items != 0 || res.New != 0 {
		t.Errorf("second poll = %+v, want a 304 with nothing parsed", res)
	}
	full, notMod, inm := srv.counts()
	if full != 1 || notMod != 1 || inm[1] != srv.etag {
		t.Errorf("server sent %d bodies and %d 304s, saw If-None-Match %q; want 1, 1, %q", full, notMod, inm, srv.etag)
	}
	s = feedState(t, st, src.Name)
	if s.Polls != 2 || s.Failures != 0 || s.Items != 3 || !s.LastSuccessAt.Equal(clk.Now()) {
		t.Errorf("state after 304 = polls %d failures %d items %d last success %v", s.Polls, s.Failures, s.Items, s.LastSuccessAt)
	}
	if s.ETag != srv.etag || s.LastModified != srv.lastModified {
		t.Errorf("validators after 304 = %q, %q; want them kept", s.ETag, s.LastModified)
	}
	polls, err := st.Polls(ctx, src.Name, fixedNow.Add(-time.Hour), clk.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(polls) != 2 || !polls[1].NotModified || !polls[1].OK {
		t.Errorf("poll log = %+v, want the second poll recorded as not modified", polls)
	}
}

func TestPollRestartResumesWithStoredValidators(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, fixture(t, "press.xml"))
	path := filepath.Join(t.TempDir(), "gapwatch.db")
	src := Source{Name: "state-press", Side: "us", URL: srv.URL + "/feed"}
	clk := newClock()

	st1, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newTestPoller(st1, clk, PollerOptions{}).Poll(ctx, src); err != nil {
		t.Fatalf("poll before restart: %v", err)
	}
	if err := st1.Close(); err != nil {
		t.Fatal(err)
	}

	st2 := openStore(t, path)
	clk.Add(10 * time.Minute)
	res, err := newTestPoller(st2, clk, PollerOptions{}).Poll(ctx, src)
	if err != nil {
		t.Fatalf("poll after restart: %v", err)
	}
	full, notMod, inm := srv.counts()
	if !res.NotModified || full != 1 || notMod != 1 || inm[1] != srv.etag {
		t.Errorf("after restart: result %+v, server sent %d bodies, %d 304s, saw If-None-Match %q", res, full, notMod, inm)
	}
	if s := feedState(t, st2, src.Name); s.Items != 3 || s.Polls != 2 {
		t.Errorf("state after restart = items %d polls %d, want 3 and 2", s.Items, s.Polls)
	}
}

func TestPollRetryAfterIsHonoured(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter func(now time.Time) string
		wantDelay  time.Duration
	}{
		{name: "429 seconds", status: 429, retryAfter: func(time.Time) string { return "600" }, wantDelay: 10 * time.Minute},
		{name: "503 date", status: 503, retryAfter: func(now time.Time) string { return now.Add(2 * time.Hour).Format(http.TimeFormat) }, wantDelay: 2 * time.Hour},
		{name: "503 without header backs off", status: 503, retryAfter: func(time.Time) string { return "" }, wantDelay: time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			clk := newClock()
			var mu sync.Mutex
			hits := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				hits++
				mu.Unlock()
				if h := tt.retryAfter(clk.Now()); h != "" {
					w.Header().Set("Retry-After", h)
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			st := tempStore(t)
			p := newTestPoller(st, clk, PollerOptions{})
			src := Source{Name: "cbp", Side: "us", URL: srv.URL}

			res, err := p.Poll(ctx, src)
			if ClassOf(err) != ClassStatus || res.Class != ClassStatus || res.Status != tt.status {
				t.Fatalf("poll = %+v, err %v; want a %d status failure", res, err, tt.status)
			}
			want := fixedNow.Add(tt.wantDelay)
			s := feedState(t, st, src.Name)
			if !res.NextAttemptAt.Equal(want) || !s.NextAttemptAt.Equal(want) {
				t.Errorf("next attempt = %v (stored %v), want %v", res.NextAttemptAt, s.NextAttemptAt, want)
			}
			if s.ErrorCount != 1 || s.LastErrorClass != string(ClassStatus) || !strings.Contains(s.LastError, fmt.Sprint(tt.status)) {
				t.Errorf("health = count %d class %q error %q", s.ErrorCount, s.LastErrorClass, s.LastError)
			}

			clk.Add(tt.wantDelay - time.Second)
			res, err = p.Poll(ctx, src)
			if err != nil || !res.Skipped || !res.NextAttemptAt.Equal(want) {
				t.Errorf("poll before the next attempt = %+v, %v; want skipped", res, err)
			}
			mu.Lock()
			if hits != 1 {
				t.Errorf("server hit %d times, want 1 (the skipped poll must not fetch)", hits)
			}
			mu.Unlock()

			clk.Add(time.Second)
			if res, _ := p.Poll(ctx, src); res.Skipped {
				t.Errorf("poll at the next attempt was skipped")
			}
			if s := feedState(t, st, src.Name); s.ErrorCount != 2 || s.Polls != 2 {
				t.Errorf("after retry: error count %d polls %d, want 2 and 2 (skips are not polls)", s.ErrorCount, s.Polls)
			}
		})
	}
}

func TestPollBackoffGrowsAndResets(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	var mu sync.Mutex
	broken := true
	body := fixture(t, "press.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if broken {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	st := tempStore(t)
	p := newTestPoller(st, clk, PollerOptions{Backoff: Backoff{Base: 10 * time.Minute, Max: time.Hour}})
	src := Source{Name: "dhs", Side: "us", URL: srv.URL}

	for i, want := range []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour} {
		res, err := p.Poll(ctx, src)
		if err == nil || res.Skipped {
			t.Fatalf("failure %d: %+v, %v", i+1, res, err)
		}
		if got := res.NextAttemptAt.Sub(clk.Now()); got != want {
			t.Errorf("failure %d: delay %v, want %v", i+1, got, want)
		}
		if s := feedState(t, st, src.Name); s.ErrorCount != i+1 {
			t.Errorf("failure %d: stored error count %d", i+1, s.ErrorCount)
		}
		clk.Set(res.NextAttemptAt)
	}

	mu.Lock()
	broken = false
	mu.Unlock()
	res, err := p.Poll(ctx, src)
	if err != nil || res.New != 3 {
		t.Fatalf("recovery poll = %+v, %v", res, err)
	}
	s := feedState(t, st, src.Name)
	if s.ErrorCount != 0 || s.NextAttemptAt.After(clk.Now()) || s.Failures != 5 {
		t.Errorf("after recovery: error count %d next attempt %v failures %d", s.ErrorCount, s.NextAttemptAt, s.Failures)
	}
	if res, _ := p.Poll(ctx, src); res.Skipped {
		t.Errorf("poll right after a recovery was skipped")
	}
}

func TestPollUnexpectedResponseIsAFailure(t *testing.T) {
	listing := &HTMLSelectors{Item: "article", Title: "h2", Link: "a.small-link", Date: "time", DateAttr: "datetime",
		TimeZone: "America/Mexico_City"}
	tests := []struct {
		name        string
		fixture     string
		contentType string
		src         Source
		wantClass   ErrorClass
	}{
		{name: "html error page where a feed was expected", fixture: "technical-difficulties.html", contentType: "text/html",
			src: Source{Name: "state", Side: "us"}, wantClass: ClassNotFeed},
		{name: "challenge page where a feed was expected", fixture: "challenge.html", contentType: "text/html",
			src: Source{Name: "state", Side: "us"}, wantClass: ClassChallenge},
		{name: "malformed feed", fixture: "malformed.xml", contentType: "application/rss+xml",
			src: Source{Name: "state", Side: "us"}, wantClass: ClassParse},
		{name: "challenge page where a listing was expected", fixture: "challenge.html", contentType: "text/html",
			src: Source{Name: "sre", Side: "mx", Type: TypeHTML, HTML: listing}, wantClass: ClassChallenge},
		{name: "listing where the selectors find nothing", fixture: "listing-empty.html", contentType: "text/html",
			src: Source{Name: "sre", Side: "mx", Type: TypeHTML, HTML: listing}, wantClass: ClassEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			body := fixture(t, tt.fixture)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(body)
			}))
			defer srv.Close()
			st := tempStore(t)
			clk := newClock()
			p := newTestPoller(st, clk, PollerOptions{})
			src := tt.src
			src.URL = srv.URL

			res, err := p.Poll(ctx, src)
			if err == nil || res.Class != tt.wantClass || ClassOf(err) != tt.wantClass {
				t.Fatalf("poll = class %q, err %v; want a %s failure", res.Class, err, tt.wantClass)
			}
			s := feedState(t, st, src.Name)
			if s.LastErrorClass != string(tt.wantClass) || s.ErrorCount != 1 || s.Baselined || s.Items != 0 {
				t.Errorf("health = class %q count %d baselined %v items %d", s.LastErrorClass, s.ErrorCount, s.Baselined, s.Items)
			}
			if !s.NextAttemptAt.Equal(fixedNow.Add(time.Minute)) {
				t.Errorf("next attempt %v, want one backoff step after %v", s.NextAttemptAt, fixedNow)
			}
		})
	}
}

func TestPollFileSource(t *testing.T) {
	ctx := context.Background()
	abs, err := filepath.Abs(filepath.Join("testdata", "fetch", "press.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range []string{abs, "file://" + abs} {
		// A store each: the store drops a second feed's copy of the same links.
		st := tempStore(t)
		p := newTestPoller(st, newClock(), PollerOptions{})
		src := Source{Name: fmt.Sprintf("replay-%d", i), Side: "us", URL: u}
		res, err := p.Poll(ctx, src)
		if err != nil || res.New != 3 {
			t.Fatalf("poll %s = %+v, %v", u, res, err)
		}
		if s := feedState(t, st, src.Name); s.FetchPath != FetchPathFile {
			t.Errorf("%s: fetch path %q, want %q", u, s.FetchPath, FetchPathFile)
		}
	}
	p := newTestPoller(tempStore(t), newClock(), PollerOptions{})
	res, err := p.Poll(ctx, Source{Name: "missing", Side: "us", URL: filepath.Join(t.TempDir(), "gone.xml")})
	if ClassOf(err) != ClassFile || res.Class != ClassFile {
		t.Errorf("missing file: class %q, err %v", res.Class, err)
	}
}

// listingServer serves the SRE-style listing fixtures and item pages,
// counting requests by path.
type listingServer struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	first []byte // the first page served now
}

func newListingServer(t *testing.T) *listingServer {
	ls := &listingServer{hits: map[string]int{}, first: fixture(t, "listing-1.html")}
	pages := map[string][]byte{"2": fixture(t, "listing-2.html"), "3": fixture(t, "listing-3.html")}
	item := fixture(t, "item.html")
	mux := http.NewServeMux()
	mux.HandleFunc("/sre/prensa", func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		ls.mu.Lock()
		ls.hits["page"+page]++
		first := ls.first
		ls.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if page == "" {
			w.Write(first)
			return
		}
		w.Write(pages[page])
	})
	mux.HandleFunc("/sre/prensa/{slug}", func(w http.ResponseWriter, r *http.Request) {
		slug := r.PathValue("slug")
		ls.mu.Lock()
		ls.hits[slug]++
		ls.mu.Unlock()
		if slug == "comunicado-100" { // a broken item page
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.ReplaceAll(item, []byte("SLUG"), []byte(slug)))
	})
	ls.Server = httptest.NewServer(mux)
	t.Cleanup(ls.Close)
	return ls
}

func (ls *listingServer) count(key string) int {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.hits[key]
}

func TestPollHTMLListingPagesAndBodies(t *testing.T) {
	ctx := context.Background()
	ls := newListingServer(t)
	st := tempStore(t)
	clk := newClock()
	p := newTestPoller(st, clk, PollerOptions{})
	src := Source{Name: "sre-prensa", Side: "mx", Type: TypeHTML, Language: "es", URL: ls.URL + "/sre/prensa",
		HTML: &HTMLSelectors{
			Item: "article", Title: "h2", Link: "a.small-link", Date: "time", DateAttr: "datetime",
			TimeZone: "America/Mexico_City", Summary: "p.teaser", Next: "li.next a", MaxPages: 2,
			Body: "div.article-body", BodyInterval: time.Millisecond,
		}}

	res, err := p.Poll(ctx, src)
	if err != nil {
		t.Fatalf("first poll: %v", err)
	}
	if res.Pages != 2 || res.New != 4 || res.Bodies != 3 {
		t.Errorf("first poll = pages %d new %d bodies %d; want 2 pages, 4 new, 3 bodies (one item page is 404)", res.Pages, res.New, res.Bodies)
	}
	if n := ls.count("page3"); n != 0 {
		t.Errorf("page 3 fetched %d times beyond MaxPages 2", n)
	}
	items, err := st.Items(ctx, store.ItemQuery{Feed: src.Name})
	if err != nil {
		t.Fatal(err)
	}
	byLink := map[string]string{}
	for _, it := range items {
		byLink[strings.TrimPrefix(it.Link, ls.URL)] = it.Content + "|" + it.ContentHTML + "|" + it.Summary
	}
	if got := byLink["/sre/prensa/comunicado-101"]; !strings.Contains(got, "Texto completo del comunicado-101.") ||
		!strings.Contains(got, "<strong>acordaron</strong>") || strings.Contains(got, "Pie de página") {
		t.Errorf("item 101 body = %q, want the article body as text and HTML", got)
	}
	if got := byLink["/sre/prensa/comunicado-100"]; got != "||Un mensaje conmemorativo." {
		t.Errorf("item with a broken page = %q, want only its listing summary", got)
	}

	// Later polls read the first page only and fetch only the new item's page.
	ls.mu.Lock()
	ls.first = fixture(t, "listing-1-v2.html")
	ls.mu.Unlock()
	clk.Add(10 * time.Minute)
	res, err = p.Poll(ctx, src)
	if err != nil {
		t.Fatalf("second poll: %v", err)
	}
	if res.Pages != 1 || res.New != 1 || res.Bodies != 1 || res.Unchanged != 1 {
		t.Errorf("second poll = %+v; want 1 page, 1 new, 1 body, 1 unchanged", res)
	}
	for key, want := range map[string]int{"page": 2, "page2": 1, "comunicado-103": 1, "comunicado-102": 1, "comunicado-101": 1} {
		if got := ls.count(key); got != want {
			t.Errorf("%s fetched %d times, want %d", key, got, want)
		}
	}
}

func TestPollOnItemsHook(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	clk := newClock()
	var calls []store.SaveResult
	hookErr := errors.New("engine unavailable")
	p := newTestPoller(st, clk, PollerOptions{OnItems: func(ctx context.Context, res store.SaveResult) error {
		calls = append(calls, res)
		return hookErr
	}})
	src := Source{Name: "state-press", Side: "us", URL: srv.URL}

	res, err := p.Poll(ctx, src)
	if !errors.Is(err, hookErr) || res.Class != "" || res.New != 3 {
		t.Fatalf("poll with a failing hook = %+v, %v; want the hook's error on a successful poll", res, err)
	}
	if len(calls) != 1 || len(calls[0].New) != 3 || calls[0].New[0].ID == 0 {
		t.Fatalf("hook calls = %+v, want one call with 3 stored items", calls)
	}
	if s := feedState(t, st, src.Name); s.Items != 3 || s.ErrorCount != 0 || s.LastSuccessAt.IsZero() {
		t.Errorf("the hook's error undid the poll: %+v", s)
	}

	clk.Add(10 * time.Minute)
	if _, err := p.Poll(ctx, src); err != nil || len(calls) != 1 {
		t.Errorf("a 304 poll called the hook (%d calls) or failed: %v", len(calls), err)
	}
}

func TestPollLogsAndErrorsHoldNoSecrets(t *testing.T) {
	const secret = "hdr-secret-4711"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			w.Write(fixture(t, "press.xml"))
			return
		}
		http.Error(w, "nope", http.StatusForbidden)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{Logger: log})
	hdr := map[string]string{"Authorization": "Bearer " + secret}
	for _, path := range []string{"/ok", "/denied"} {
		p.Poll(context.Background(), Source{Name: "feed" + path, Side: "us", URL: srv.URL + path, Headers: hdr})
	}
	if !strings.Contains(buf.String(), "feed=feed/denied") || !strings.Contains(buf.String(), "class=status") {
		t.Errorf("log lacks the feed or class attributes:\n%s", buf.String())
	}
	if strings.Contains(buf.String(), secret) {
		t.Errorf("log leaks a header value:\n%s", buf.String())
	}
	if s := feedState(t, st, "feed/denied"); strings.Contains(s.LastError, secret) {
		t.Errorf("stored error leaks a header value: %q", s.LastError)
	}
}

func TestPollCancelledRecordsNothing(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	defer srv.Close()
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	src := Source{Name: "slow", Side: "us", URL: srv.URL}
	if err := p.Sync(context.Background(), []Source{src}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	res, err := p.Poll(ctx, src)
	if !errors.Is(err, context.Canceled) || res.Class != "" {
		t.Fatalf("cancelled poll = %+v, %v; want context.Canceled, unclassified", res, err)
	}
	if s := feedState(t, st, src.Name); s.Polls != 0 || s.ErrorCount != 0 {
		t.Errorf("a cancelled poll was recorded: polls %d errors %d", s.Polls, s.ErrorCount)
	}
}

func TestPollMetrics(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, fixture(t, "press.xml"))
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer bad.Close()
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewMetrics(reg); err == nil {
		t.Error("registering the metrics twice on one registry did not fail")
	}
	st := tempStore(t)
	clk := newClock()
	p := newTestPoller(st, clk, PollerOptions{Metrics: m})
	good := Source{Name: "good", Side: "us", URL: srv.URL}
	limited := Source{Name: "limited", Side: "us", URL: bad.URL}
	p.Poll(ctx, good)
	p.Poll(ctx, limited)
	clk.Add(30 * time.Second)
	p.Poll(ctx, good)
	p.Poll(ctx, limited) // inside its backoff: skipped

	tests := []struct {
		c    prometheus.Collector
		want float64
	}{
		{m.polls.WithLabelValues("good", OutcomeOK), 1},
		{m.polls.WithLabelValues("good", OutcomeNotModified), 1},
		{m.polls.WithLabelValues("limited", OutcomeError), 1},
		{m.polls.WithLabelValues("limited", OutcomeSkipped), 1},
		{m.errors.WithLabelValues("limited", string(ClassStatus)), 1},
		{m.items.WithLabelValues("good", "new"), 3},
	}
	for _, tt := range tests {
		if got := testutil.ToFloat64(tt.c); got != tt.want {
			t.Errorf("%v = %v, want %v", tt.c, got, tt.want)
		}
	}
	if n := testutil.CollectAndCount(m.duration); n != 2 {
		t.Errorf("duration histograms = %d, want one per feed that fetched (2)", n)
	}

	nilMetrics, err := NewMetrics(nil)
	if err != nil || nilMetrics != nil {
		t.Fatalf("NewMetrics(nil) = %v, %v; want nil, nil", nilMetrics, err)
	}
	nilMetrics.observe(PollResult{Feed: "x"}) // must not panic
}
