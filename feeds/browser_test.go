package feeds

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"

	"github.com/gapwatch/gapwatch/store"
)

// needBrowser skips the test without Chromium, unless
// GAPWATCH_REQUIRE_BROWSER=1 (CI) makes that a failure.
func needBrowser(t testing.TB) {
	t.Helper()
	if err := NewBrowser(BrowserOptions{}).Available(); err != nil {
		if os.Getenv("GAPWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("GAPWATCH_REQUIRE_BROWSER=1 but %v", err)
		}
		t.Skipf("skipping: %v (set GAPWATCH_REQUIRE_BROWSER=1 to make this a failure)", err)
	}
}

// browserFixture reads a file of testdata/browser.
func browserFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "browser", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// challengeServer guards its pages with a JavaScript challenge: a request
// without the gw_clearance cookie gets the challenge page (200), whose
// script sets the cookie and reloads; a request with it gets the page.
// It counts what it served, telling browser requests (Sec-Fetch-Mode set)
// from plain ones.
type challengeServer struct {
	*httptest.Server

	mu   sync.Mutex
	hits map[string]int // "challenge|listing|feed|never" + "/browser" or "/plain"

	hold    chan struct{} // /held: the first browser request waits for it
	arrived chan struct{} // closed when that request arrived
	once    sync.Once
}

func newChallengeServer(t testing.TB) *challengeServer {
	cs := &challengeServer{hits: map[string]int{}, hold: make(chan struct{}), arrived: make(chan struct{})}
	challenge := browserFixture(t, "challenge.html")
	never := browserFixture(t, "never.html")
	listing := browserFixture(t, "listing.html")
	feed := browserFixture(t, "feed.xml")
	cleared := func(r *http.Request) bool {
		c, err := r.Cookie("gw_clearance")
		return err == nil && c.Value == "2a"
	}
	guard := func(kind, ctype string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if !cleared(r) {
				cs.count(r, "challenge")
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write(challenge)
				return
			}
			cs.count(r, kind)
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/sre/prensa", guard("listing", "text/html; charset=utf-8", listing))
	mux.Handle("/feed.xml", guard("feed", "application/rss+xml", feed))
	mux.HandleFunc("/never", func(w http.ResponseWriter, r *http.Request) {
		cs.count(r, "never")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(never)
	})
	listingHandler := guard("listing", "text/html; charset=utf-8", listing)
	mux.HandleFunc("/held", func(w http.ResponseWriter, r *http.Request) {
		first := false
		cs.once.Do(func() { first = true })
		if first {
			close(cs.arrived)
			select {
			case <-cs.hold:
			case <-r.Context().Done():
				return
			}
		}
		listingHandler(w, r)
	})
	item := browserFixture(t, "item.html")
	mux.HandleFunc("/sre/prensa/{slug}", func(w http.ResponseWriter, r *http.Request) {
		body := bytes.ReplaceAll(item, []byte("SLUG"), []byte(r.PathValue("slug")))
		guard("item", "text/html; charset=utf-8", body)(w, r)
	})
	errorPage := browserFixture(t, "error-page.html")
	mux.HandleFunc("/sniffing", func(w http.ResponseWriter, r *http.Request) {
		// A publisher that shows clients it does not take for browsers an
		// error page, with a 200.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Header.Get("Sec-Fetch-Mode") == "" {
			cs.count(r, "errorpage")
			w.Write(errorPage)
			return
		}
		cs.count(r, "listing")
		w.Write(listing)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		cs.count(r, "plainpage")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(listing)
	})
	cs.Server = httptest.NewServer(mux)
	t.Cleanup(cs.Close)
	return cs
}

func (cs *challengeServer) count(r *http.Request, kind string) {
	who := "/plain"
	if r.Header.Get("Sec-Fetch-Mode") != "" {
		who = "/browser"
	}
	cs.mu.Lock()
	cs.hits[kind+who]++
	cs.mu.Unlock()
}

func (cs *challengeServer) get(key string) int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.hits[key]
}

// sreSource is an html source of the challenge server's listing.
func sreSource(base, path, fetch string) Source {
	return Source{
		Name: "sre-prensa", Side: "mx", URL: base + path, Type: TypeHTML, Language: "es", Fetch: fetch,
		HTML: &HTMLSelectors{Item: "li.entry", Title: "a.title", Link: "a.title", Date: "time", DateAttr: "datetime"},
	}
}

// newBrowser returns a Browser closed when the test ends.
func newBrowser(t testing.TB, opts BrowserOptions) *Browser {
	t.Helper()
	b := NewBrowser(opts)
	t.Cleanup(func() { b.Close() })
	return b
}

func TestFetchMode(t *testing.T) {
	tests := []struct {
		src  Source
		want string
	}{
		{Source{URL: "https://gob.mx/sre/prensa", Type: TypeHTML}, FetchAuto},
		{Source{URL: "https://state.gov/feed"}, FetchHTTP},
		{Source{URL: "https://state.gov/feed", Fetch: FetchBrowser}, FetchBrowser},
		{Source{URL: "https://gob.mx/sre/prensa", Type: TypeHTML, Fetch: FetchHTTP}, FetchHTTP},
		{Source{URL: "https://state.gov/feed", Fetch: FetchAuto}, FetchAuto},
		{Source{URL: "testdata/browser/listing.html", Type: TypeHTML, Fetch: FetchBrowser}, FetchHTTP},
		{Source{URL: "file:///srv/feed.xml", Fetch: FetchAuto}, FetchHTTP},
	}
	for _, tt := range tests {
		if got := tt.src.FetchMode(); got != tt.want {
			t.Errorf("FetchMode(%q, type %q, fetch %q) = %q, want %q", tt.src.URL, tt.src.Type, tt.src.Fetch, got, tt.want)
		}
	}
}

func TestKeptCookiesGoToTheirHostWhileValid(t *testing.T) {
	now := time.Now()
	b := NewBrowser(BrowserOptions{ExecPath: "/nonexistent/chromium"})
	b.keepCookies("https://www.gob.mx/sre/prensa", []*network.Cookie{
		{Name: "gw_clearance", Value: "ok", Path: "/", Expires: float64(now.Add(time.Hour).Unix())},
		{Name: "session", Value: "s1", Path: "/", Session: true},
		{Name: "stale", Value: "old", Path: "/", Expires: float64(now.Add(-time.Hour).Unix())},
		{Name: "scoped", Value: "x", Path: "/otra"},
	}, "Mozilla/5.0 HeadlessChrome")
	tests := []struct {
		name       string
		src        Source
		wantCookie string
		wantUA     string
	}{
		{"same host", Source{URL: "https://www.gob.mx/sre/prensa?page=2"}, "gw_clearance=ok; session=s1", "Mozilla/5.0 HeadlessChrome"},
		{"own agent kept", Source{URL: "https://www.gob.mx/sre/prensa", UserAgent: "custom/1"}, "gw_clearance=ok; session=s1", "custom/1"},
		{"configured cookie kept first", Source{URL: "https://www.gob.mx/sre", Headers: map[string]string{"cookie": "lang=es", "X-Key": "k"}},
			"lang=es; gw_clearance=ok; session=s1", "Mozilla/5.0 HeadlessChrome"},
		{"other host", Source{URL: "https://www.state.gov/press"}, "", ""},
		{"file", Source{URL: "testdata/browser/listing.html"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.withCookies(tt.src)
			cookie := ""
			for k, v := range got.Headers {
				if http.CanonicalHeaderKey(k) == "Cookie" {
					cookie = v
				}
			}
			if cookie != tt.wantCookie {
				t.Errorf("Cookie = %q, want %q", cookie, tt.wantCookie)
			}
			if got.UserAgent != tt.wantUA {
				t.Errorf("User-Agent = %q, want %q", got.UserAgent, tt.wantUA)
			}
			if tt.src.Headers["X-Key"] != "" && got.Headers["X-Key"] != "k" {
				t.Errorf("other headers lost: %v", got.Headers)
			}
		})
	}
	if (*Browser)(nil).withCookies(Source{URL: "https://www.gob.mx/"}).Headers != nil {
		t.Error("a nil Browser added headers")
	}
}

func TestChallenged(t *testing.T) {
	tests := []struct {
		name string
		resp *Response
		err  error
		want bool
	}{
		{"challenge page", &Response{Body: browserFixture(t, "challenge.html")}, nil, true},
		{"listing", &Response{Body: browserFixture(t, "listing.html")}, nil, false},
		{"not modified", &Response{NotModified: true}, nil, false},
		{"403", nil, &Error{Class: ClassStatus, Status: 403}, true},
		{"503", nil, &Error{Class: ClassStatus, Status: 503}, true},
		{"503 with retry-after", nil, &Error{Class: ClassStatus, Status: 503, RetryAfter: time.Minute}, false},
		{"404", nil, &Error{Class: ClassStatus, Status: 404}, false},
		{"timeout", nil, &Error{Class: ClassTimeout, Err: errors.New("slow")}, false},
	}
	for _, tt := range tests {
		if got := challenged(tt.resp, tt.err); got != tt.want {
			t.Errorf("%s: challenged = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWithoutChromium(t *testing.T) {
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := newBrowser(t, BrowserOptions{ExecPath: "/nonexistent/chromium"})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})

	// fetch: browser fails, naming the package to install.
	res, err := p.Poll(ctx, sreSource(cs.URL, "/sre/prensa", FetchBrowser))
	if ClassOf(err) != ClassBrowser || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Fatalf("browser source without chromium: class %q, err %v", res.Class, err)
	}
	state, _ := st.FeedState(ctx, "sre-prensa")
	if state.LastErrorClass != string(ClassBrowser) || !strings.Contains(state.LastError, "apt-get install chromium") {
		t.Errorf("health: class %q, error %q", state.LastErrorClass, state.LastError)
	}

	// fetch: auto reports the challenge.
	auto := sreSource(cs.URL, "/sre/prensa", FetchAuto)
	auto.Name = "sre-auto"
	if _, err := p.Poll(ctx, auto); ClassOf(err) != ClassChallenge {
		t.Fatalf("auto source without chromium: %v, want a challenge", err)
	}

	// An unguarded page keeps working.
	plain := sreSource(cs.URL, "/plain", "")
	plain.Name = "sre-plain"
	if res, err := p.Poll(ctx, plain); err != nil || res.Items != 3 {
		t.Fatalf("plain source: %+v, %v", res, err)
	}
	if b.Starts() != 0 {
		t.Errorf("browser started %d times without chromium", b.Starts())
	}
}

func TestAutoGetsThroughChallengeThenPlainHTTPWithKeptCookie(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := newBrowser(t, BrowserOptions{PageTimeout: 20 * time.Second})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})
	src := sreSource(cs.URL, "/sre/prensa", "") // html: auto by default
	src.HTML.Body = "div.article-body"

	res, err := p.Poll(ctx, src)
	if err != nil || res.Items != 3 || res.New != 3 || res.Bodies != 3 {
		t.Fatalf("first poll: %+v, %v", res, err)
	}
	// The item pages went over plain http with the cookie the listing's challenge set.
	if got := cs.get("item/plain"); got != 3 || cs.get("item/browser") != 0 {
		t.Errorf("item pages: %d over plain http, %d through the browser; want 3 and 0", got, cs.get("item/browser"))
	}
	items, err := st.Items(ctx, store.ItemQuery{Feed: src.Name})
	if err != nil || len(items) != 3 || !strings.Contains(items[0].Content, "reunión de trabajo (comunicado-201)") {
		t.Fatalf("stored items: %+v, %v", items, err)
	}
	state, _ := st.FeedState(ctx, src.Name)
	if state.FetchPath != FetchPathBrowser {
		t.Errorf("first poll's fetch path in health = %q, want browser", state.FetchPath)
	}
	if got := cs.get("challenge/plain"); got != 1 {
		t.Errorf("challenge served to plain http %d times, want 1", got)
	}
	if got := cs.get("listing/browser"); got != 1 {
		t.Errorf("listing served to the browser %d times, want 1", got)
	}

	clk.Add(10 * time.Minute)
	res, err = p.Poll(ctx, src)
	if err != nil || res.Items != 3 || res.Unchanged != 3 {
		t.Fatalf("second poll: %+v, %v", res, err)
	}
	state, _ = st.FeedState(ctx, src.Name)
	if state.FetchPath != FetchPathHTTP {
		t.Errorf("second poll's fetch path in health = %q, want http (kept cookie)", state.FetchPath)
	}
	if got := cs.get("listing/plain"); got != 1 {
		t.Errorf("listing served to plain http %d times, want 1", got)
	}
	if cs.get("challenge/plain") != 1 || cs.get("listing/browser") != 1 || b.Starts() != 1 {
		t.Errorf("the browser ran again: hits %v, starts %d", cs.hits, b.Starts())
	}
}

func TestAutoRetriesAnErrorPageThroughTheBrowser(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := newBrowser(t, BrowserOptions{PageTimeout: 20 * time.Second})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})
	src := sreSource(cs.URL, "/sniffing", FetchAuto)

	for i := 1; i <= 2; i++ {
		res, err := p.Poll(ctx, src)
		if err != nil || res.Items != 3 {
			t.Fatalf("poll %d: %+v, %v", i, res, err)
		}
		state, _ := st.FeedState(ctx, src.Name)
		if state.FetchPath != FetchPathBrowser {
			t.Errorf("poll %d: fetch path = %q, want browser", i, state.FetchPath)
		}
		clk.Add(10 * time.Minute)
	}
	// No cookie makes plain HTTP work here: each poll tries it once, then the browser.
	if cs.get("errorpage/plain") != 2 || cs.get("listing/browser") != 2 {
		t.Errorf("hits = %v, want 2 error pages to plain http and 2 listings to the browser", cs.hits)
	}

	// fetch: http never goes to the browser.
	plain := src
	plain.Name, plain.Fetch = "sniffing-http", FetchHTTP
	if _, err := p.Poll(ctx, plain); ClassOf(err) != ClassEmpty {
		t.Errorf("fetch: http on the error page: %v, want an empty-listing failure", err)
	}
	if cs.get("listing/browser") != 2 {
		t.Errorf("fetch: http went through the browser")
	}
}

func TestBrowserSourceRSSAndHTML(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := newBrowser(t, BrowserOptions{PageTimeout: 20 * time.Second})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})

	feed := Source{Name: "state-rss", Side: "us", URL: cs.URL + "/feed.xml", Language: "en", Fetch: FetchBrowser}
	res, err := p.Poll(ctx, feed)
	if err != nil || res.Items != 1 {
		t.Fatalf("rss through the browser: %+v, %v", res, err)
	}
	items, err := st.Items(ctx, store.ItemQuery{Feed: feed.Name})
	if err != nil || len(items) != 1 || items[0].Title != "Joint statement on the border security dialogue" {
		t.Fatalf("stored rss items: %+v, %v", items, err)
	}

	src := sreSource(cs.URL, "/sre/prensa", FetchBrowser)
	res, err = p.Poll(ctx, src)
	if err != nil || res.Items != 3 {
		t.Fatalf("html through the browser: %+v, %v", res, err)
	}
	if cs.get("challenge/plain") != 0 {
		t.Errorf("a browser source was fetched over plain http first: %v", cs.hits)
	}
	state, _ := st.FeedState(ctx, src.Name)
	if state.FetchPath != FetchPathBrowser {
		t.Errorf("fetch path = %q, want browser", state.FetchPath)
	}
}

func TestBrowserPageThatNeverResolvesTimesOut(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	b := newBrowser(t, BrowserOptions{PageTimeout: 1500 * time.Millisecond})

	_, err := b.Fetch(ctx, sreSource(cs.URL, "/never", FetchBrowser))
	if ClassOf(err) != ClassTimeout || !strings.Contains(err.Error(), `challenge page "Challenge Validation" not resolved`) {
		t.Fatalf("never-resolving page: %v, want a timeout naming the challenge", err)
	}
	if strings.Contains(err.Error(), cs.URL) {
		t.Errorf("error holds the URL: %v", err)
	}
	// The browser is still there and serves the next page.
	resp, err := b.Fetch(ctx, sreSource(cs.URL, "/sre/prensa", FetchBrowser))
	if err != nil || !bytes.Contains(resp.Body, []byte("comunicado-203")) {
		t.Fatalf("fetch after a timeout: %v", err)
	}
	if b.Starts() != 1 {
		t.Errorf("browser started %d times, want 1", b.Starts())
	}

	// A cancelled caller ends the load at once, unclassified.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := b.Fetch(cctx, sreSource(cs.URL, "/never", FetchBrowser)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: %v", err)
	}
}

func TestBrowserKilledMidPollIsRestarted(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := newBrowser(t, BrowserOptions{PageTimeout: 20 * time.Second})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})
	src := sreSource(cs.URL, "/held", FetchBrowser)

	type outcome struct {
		res PollResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := p.Poll(ctx, src)
		done <- outcome{res, err}
	}()
	<-cs.arrived
	pid := b.PID()
	if pid == 0 {
		t.Fatal("no browser running during the poll")
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	out := <-done
	close(cs.hold)
	if out.err != nil || out.res.Items != 3 {
		t.Fatalf("poll with the browser killed: %+v, %v", out.res, out.err)
	}
	if b.Starts() != 2 {
		t.Errorf("browser started %d times, want 2 (one restart)", b.Starts())
	}
	if newPID := b.PID(); newPID == 0 || newPID == pid {
		t.Errorf("browser pid after restart = %d (killed: %d)", newPID, pid)
	}
	if st := procState(pid); st != "" {
		t.Errorf("killed browser %d is still in the process table (state %s)", pid, st)
	}
}

// procState is a process's state letter from /proc ("" when it is gone).
func procState(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 >= len(s) {
		return ""
	}
	return s[i+2 : i+3]
}

// children lists the processes whose parent is ppid, with their states.
func children(t testing.TB, ppid int) map[int]string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	out := map[int]string{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		if pp, _ := strconv.Atoi(f[1]); pp == ppid {
			out[pid] = f[0]
		}
	}
	return out
}

// descendants counts the processes under pid.
func descendants(t testing.TB, pid int) int {
	n := 0
	for c := range children(t, pid) {
		n += 1 + descendants(t, c)
	}
	return n
}

func TestBrowserLeavesNoProcessesAcrossPolls(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	cs := newChallengeServer(t)
	st := tempStore(t)
	clk := newClock()
	b := NewBrowser(BrowserOptions{PageTimeout: 20 * time.Second, MaxTabs: 2})
	p := newTestPoller(st, clk, PollerOptions{Browser: b})
	src := sreSource(cs.URL, "/sre/prensa", FetchBrowser)
	self := os.Getpid()
	before := len(children(t, self))

	const polls = 40
	var mu sync.Mutex
	var failures []error
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ { // more pollers than tabs
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < polls/4; i++ {
				s := src
				s.Name = src.Name + "-" + strconv.Itoa(g)
				if _, err := p.Poll(ctx, s); err != nil {
					mu.Lock()
					failures = append(failures, err)
					mu.Unlock()
				}
				clk.Add(time.Minute)
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d of %d polls failed, first: %v", len(failures), polls, failures[0])
	}
	kids := children(t, self)
	zombies := 0
	for _, state := range kids {
		if state == "Z" {
			zombies++
		}
	}
	if len(kids)-before != 1 || zombies > 0 {
		t.Errorf("after %d polls: %d new child processes (%d zombies), want the one browser", polls, len(kids)-before, zombies)
	}
	pid := b.PID()
	if tree := descendants(t, pid); tree > 12 {
		t.Errorf("browser process tree holds %d processes after %d polls (tabs leaked?)", tree, polls)
	}
	if b.Starts() != 1 {
		t.Errorf("browser started %d times, want 1 shared process", b.Starts())
	}
	b.Close()
	if after := len(children(t, self)); after != before {
		t.Errorf("after Close: %d child processes, want %d", after, before)
	}
	if st := procState(pid); st != "" {
		t.Errorf("browser %d still in the process table after Close (state %s)", pid, st)
	}
}

// Benchmarks: the cost of a browser poll against a plain poll of the same
// page (no challenge; the poll stores nothing new after the first).
func BenchmarkPollPlainVersusBrowser(b *testing.B) {
	if err := NewBrowser(BrowserOptions{}).Available(); err != nil {
		b.Skipf("skipping: %v", err)
	}
	cs := newChallengeServer(b)
	for _, mode := range []string{FetchHTTP, FetchBrowser} {
		b.Run(mode, func(b *testing.B) {
			ctx := context.Background()
			br := newBrowser(b, BrowserOptions{})
			p := NewPoller(tempStore(b), PollerOptions{Browser: br})
			src := sreSource(cs.URL, "/plain", mode)
			if _, err := p.Poll(ctx, src); err != nil { // starts the browser, stores the items
				b.Fatal(err)
			}
			for b.Loop() {
				if res, err := p.Poll(ctx, src); err != nil || res.Items != 3 {
					b.Fatalf("poll: %+v, %v", res, err)
				}
			}
		})
	}
}
