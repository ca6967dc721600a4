package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Fetch modes of a source (Source.Fetch).
const (
	// FetchHTTP gets the source with the plain HTTP fetcher only.
	FetchHTTP = "http"
	// FetchBrowser loads the source's listing page in headless Chromium.
	FetchBrowser = "browser"
	// FetchAuto tries plain HTTP first and retries once through the
	// browser when the answer is a challenge or an error page.
	FetchAuto = "auto"
)

// FetchPathBrowser is the fetch path of a document the browser loaded.
const FetchPathBrowser = "browser"

// ClassBrowser is the class of a browser failure: Chromium missing, failing
// to start or dying twice in one fetch.
const ClassBrowser ErrorClass = "browser"

// ErrNoBrowser reports that no Chromium executable was found.
var ErrNoBrowser = errors.New("chromium not found: install it (Debian/Ubuntu: apt-get install chromium) " +
	"or set fetch: http on the feed")

// Browser defaults.
const (
	// DefaultPageTimeout bounds one page load in the browser, challenge included.
	DefaultPageTimeout = 45 * time.Second
	// DefaultMaxTabs caps the pages open at once.
	DefaultMaxTabs = 2
	// browserStartTimeout bounds starting Chromium.
	browserStartTimeout = 30 * time.Second
	// firstLook and maxLookInterval space the looks at a loading page: the
	// pause starts short and doubles up to the maximum.
	firstLook       = 10 * time.Millisecond
	maxLookInterval = 200 * time.Millisecond
	// settleTime is how long a loaded page that is not a challenge gets
	// for its scripts to render the item selector.
	settleTime = 3 * time.Second
	// maxCheckBytes bounds the bodies checked for a challenge after a plain
	// fetch: challenge pages are small.
	maxCheckBytes = 512 << 10
)

// executables are the names Chromium goes by on PATH.
var executables = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// FetchMode returns the source's fetch mode with the defaults applied:
// FetchAuto for html sources, FetchHTTP for rss sources, and FetchHTTP for
// anything that is not an http(s) URL.
func (s Source) FetchMode() string {
	if fetchPathOf(s.URL) != FetchPathHTTP {
		return FetchHTTP
	}
	switch s.Fetch {
	case FetchHTTP, FetchBrowser, FetchAuto:
		return s.Fetch
	}
	if s.Kind() == TypeHTML {
		return FetchAuto
	}
	return FetchHTTP
}

// BrowserOptions configures a Browser; zero fields take the defaults.
type BrowserOptions struct {
	// ExecPath is the Chromium executable; empty looks for chromium,
	// chromium-browser, google-chrome or headless-shell on PATH.
	ExecPath string
	// PageTimeout bounds one page load, the challenge included
	// (DefaultPageTimeout when zero).
	PageTimeout time.Duration
	// MaxTabs caps the pages open at once (DefaultMaxTabs when zero).
	MaxTabs int
	// Logger receives starts, restarts and a missing Chromium (discarded when nil).
	Logger *slog.Logger
	// Now is the clock deciding whether kept cookies are still valid
	// (time.Now when nil).
	Now func() time.Time
}

// Browser loads pages in one headless Chromium shared by every source,
// started on first use and restarted when it dies, with a cap on open tabs
// and a timeout per page. The cookies the pages set are kept per host and
// lent to the plain HTTP fetcher (see Poller) while they are valid. It is
// safe for concurrent use; Close stops the process.
type Browser struct {
	execPath    string
	pageTimeout time.Duration
	tabs        chan struct{}
	log         *slog.Logger
	now         func() time.Time

	jar *cookiejar.Jar

	mu       sync.Mutex
	inst     *browserInstance
	closed   bool
	starts   int
	warned   bool
	lookErr  error
	looked   bool
	agents   map[string]string // host → the browser's User-Agent that earned its cookies
	jarHosts map[string]bool   // hosts with cookies from the browser
}

// browserInstance is one running Chromium.
type browserInstance struct {
	ctx     context.Context // the browser's root chromedp context
	cancel  context.CancelFunc
	kill    context.CancelFunc // the allocator's parent: kills the process
	pid     int
	agent   string
	stopped bool
}

// NewBrowser returns a Browser; Chromium starts at the first Fetch.
func NewBrowser(opts BrowserOptions) *Browser {
	b := &Browser{
		execPath:    opts.ExecPath,
		pageTimeout: opts.PageTimeout,
		log:         opts.Logger,
		now:         opts.Now,
		agents:      map[string]string{},
		jarHosts:    map[string]bool{},
	}
	if b.pageTimeout <= 0 {
		b.pageTimeout = DefaultPageTimeout
	}
	n := opts.MaxTabs
	if n <= 0 {
		n = DefaultMaxTabs
	}
	b.tabs = make(chan struct{}, n)
	if b.log == nil {
		b.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if b.now == nil {
		b.now = time.Now
	}
	// A nil PublicSuffixList keeps cookies to the host or domain that set them.
	b.jar, _ = cookiejar.New(nil)
	return b
}

// Available reports whether Chromium can be run: nil, or ErrNoBrowser
// wrapped as a ClassBrowser *Error.
func (b *Browser) Available() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, err := b.lookPathLocked()
	return err
}

// lookPathLocked finds the executable once.
func (b *Browser) lookPathLocked() (string, error) {
	if b.looked {
		return b.execPath, b.lookErr
	}
	b.looked = true
	if b.execPath != "" {
		if _, err := exec.LookPath(b.execPath); err != nil {
			b.lookErr = &Error{Class: ClassBrowser, Err: fmt.Errorf("%w (%s: %v)", ErrNoBrowser, b.execPath, err)}
		}
		return b.execPath, b.lookErr
	}
	for _, name := range executables {
		if p, err := exec.LookPath(name); err == nil {
			b.execPath = p
			return p, nil
		}
	}
	b.lookErr = &Error{Class: ClassBrowser, Err: ErrNoBrowser}
	return "", b.lookErr
}

// warnMissing logs a missing Chromium once.
func (b *Browser) warnMissing(ctx context.Context, feed string) {
	b.mu.Lock()
	first := !b.warned
	b.warned = true
	b.mu.Unlock()
	if first {
		b.log.WarnContext(ctx, "browser fetch unavailable; challenge pages stay unread", "feed", feed,
			"error", ErrNoBrowser.Error())
	}
}

// Starts is how many times Chromium was started (1 + restarts).
func (b *Browser) Starts() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.starts
}

// PID is the running Chromium's process id, 0 when none runs.
func (b *Browser) PID() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.inst == nil || b.inst.dead() {
		return 0
	}
	return b.inst.pid
}

// Close stops Chromium and waits for it to exit. Later fetches fail.
func (b *Browser) Close() error {
	b.mu.Lock()
	inst := b.inst
	b.inst, b.closed = nil, true
	b.mu.Unlock()
	if inst != nil {
		inst.stop()
	}
	return nil
}

// dead reports that the browser's connection or process is gone.
func (in *browserInstance) dead() bool {
	return in.ctx.Err() != nil
}

// diedWithin reports whether the browser is gone or goes within d: a
// protocol error can arrive just before the lost connection is noticed.
func (in *browserInstance) diedWithin(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-in.ctx.Done():
		return true
	case <-t.C:
		return false
	}
}

// stop ends the process and waits for it (the allocator reaps it and
// removes its profile directory).
func (in *browserInstance) stop() {
	if in.stopped {
		return
	}
	in.stopped = true
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if !in.dead() {
		_ = chromedp.Cancel(ctx) // graceful close, bounded
	}
	in.cancel()
	in.kill()
}

// instance returns the running browser, starting it, or restarting it
// when it died.
func (b *Browser) instance(ctx context.Context) (*browserInstance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, &Error{Class: ClassBrowser, Err: errors.New("browser closed")}
	}
	if b.inst != nil && !b.inst.dead() {
		return b.inst, nil
	}
	if b.inst != nil {
		b.inst.stop()
		b.inst = nil
		b.log.WarnContext(ctx, "browser died; restarting")
	}
	path, err := b.lookPathLocked()
	if err != nil {
		return nil, err
	}
	inst, err := startBrowser(ctx, path)
	if err != nil {
		return nil, err
	}
	b.inst = inst
	b.starts++
	b.log.InfoContext(ctx, "browser started", "pid", inst.pid, "starts", b.starts)
	return inst, nil
}

// startBrowser starts headless Chromium with a fresh profile directory
// (the allocator makes one and removes it when the process ends).
func startBrowser(ctx context.Context, path string) (*browserInstance, error) {
	base, kill := context.WithCancel(context.Background())
	actx, acancel := chromedp.NewExecAllocator(base,
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
	)
	bctx, bcancel := chromedp.NewContext(actx)
	inst := &browserInstance{ctx: bctx, cancel: bcancel, kill: func() { acancel(); kill() }}

	// The first Run starts the process; it must not carry a deadline (it
	// would bound the browser's life), so the start is bounded by killing
	// the base context instead.
	timer := time.AfterFunc(browserStartTimeout, kill)
	stopWatch := context.AfterFunc(ctx, kill)
	agent, err := chromedp.Run(bctx, chromedp.Evaluate[string]("navigator.userAgent"))
	timer.Stop()
	stopWatch()
	if err != nil {
		inst.stopped = true
		bcancel()
		inst.kill()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("start browser: %w", ctx.Err())
		}
		return nil, &Error{Class: ClassBrowser, Err: fmt.Errorf("start browser: %w", err)}
	}
	if base.Err() != nil {
		inst.stop()
		return nil, &Error{Class: ClassBrowser, Err: errors.New("start browser: timed out")}
	}
	inst.agent = agent
	if c := chromedp.FromContext(bctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		inst.pid = c.Browser.Process().Pid
	}
	return inst, nil
}

// Fetch loads src.URL in a new tab, lets its scripts run until the page is
// no longer a challenge (for html sources: until the item selector
// appears, or the page settles), and returns the rendered HTML (for rss
// sources: the document's text as the server sent it). The cookies the
// page holds afterwards are kept for its host. A browser that dies during
// the load is restarted and the load tried once more. Failures are
// classified *Errors: ClassBrowser (Chromium missing or failing),
// ClassTimeout (the page or its challenge did not resolve within the page
// timeout), ClassNetwork, ClassStatus, ClassTooLarge.
func (b *Browser) Fetch(ctx context.Context, src Source) (*Response, error) {
	if fetchPathOf(src.URL) != FetchPathHTTP {
		return nil, &Error{Class: ClassBrowser, Err: errors.New("browser fetch needs an http(s) URL")}
	}
	select {
	case b.tabs <- struct{}{}:
		defer func() { <-b.tabs }()
	case <-ctx.Done():
		return nil, fmt.Errorf("browser fetch cancelled: %w", ctx.Err())
	}
	var lastErr error
	for attempt := 0; attempt < 2; attempt++ {
		inst, err := b.instance(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := b.load(ctx, inst, src)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("browser fetch cancelled: %w", ctx.Err())
		}
		if ClassOf(err) != ClassBrowser || !inst.diedWithin(time.Second) {
			return nil, err
		}
		lastErr = err
	}
	return nil, &Error{Class: ClassBrowser, Err: fmt.Errorf("browser died during the page load, twice: %w", lastErr)}
}

// errPageTimeout is the cause of a page context that ran out of time.
var errPageTimeout = errors.New("page timed out")

// pageState is what one look at a loading page reads.
type pageState struct {
	Ready string `json:"ready"`
	Found bool   `json:"found"`
	URL   string `json:"url"`
}

// load runs one page load in a new tab of inst, closed on return.
func (b *Browser) load(ctx context.Context, inst *browserInstance, src Source) (*Response, error) {
	timeout := b.pageTimeout
	pctx, pcancel := context.WithTimeoutCause(inst.ctx, timeout, errPageTimeout)
	defer pcancel()
	stop := context.AfterFunc(ctx, pcancel)
	defer stop()
	tctx, tcancel := chromedp.NewContext(pctx)
	defer tcancel()

	var mu sync.Mutex
	statuses := map[cdp.FrameID]*network.Response{}
	if err := chromedp.Listen(tctx, func(ev any) {
		if e, ok := ev.(*network.EventResponseReceived); ok && e.Type == network.ResourceTypeDocument && e.Response != nil {
			mu.Lock()
			statuses[e.FrameID] = e.Response
			mu.Unlock()
		}
	}); err != nil {
		return nil, b.pageErr(ctx, pctx, inst, "open tab", err)
	}
	nav, err := chromedp.Call(tctx, cdppage.Navigate, cdppage.NavigateParams{URL: src.URL})
	if err != nil {
		return nil, b.pageErr(ctx, pctx, inst, "navigate", err)
	}
	if nav.ErrorText != "" && !(src.Kind() == TypeRSS && strings.Contains(nav.ErrorText, "ERR_ABORTED")) {
		return nil, &Error{Class: ClassNetwork, Err: fmt.Errorf("browser: load page: %s", nav.ErrorText)}
	}

	selector := ""
	if src.Kind() == TypeHTML && src.HTML != nil {
		selector = src.HTML.Item
	}
	look := fmt.Sprintf(`(() => { let found = false; try { found = %s !== "" && document.querySelector(%s) !== null } catch (e) {}
		return {ready: document.readyState, found, url: location.href} })()`, jsString(selector), jsString(selector))
	var (
		html       string
		challenge  string // title of the last challenge page seen
		settleFrom time.Time
		wait       = firstLook
	)
	for {
		st, err := chromedp.Run(tctx, chromedp.Evaluate[pageState](look))
		if err == nil && st.Ready != "loading" && strings.HasPrefix(st.URL, "http") {
			if st.Found {
				break
			}
			if st.Ready == "complete" {
				h, herr := chromedp.Run(tctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`))
				if herr == nil {
					if pg := inspectPage([]byte(h)); pg.challenge() {
						challenge, settleFrom = cmpOr(pg.title, "untitled"), time.Time{}
					} else {
						if settleFrom.IsZero() {
							settleFrom = time.Now()
						}
						if selector == "" || time.Since(settleFrom) >= settleTime {
							break
						}
					}
				}
			}
		}
		if err != nil && pctx.Err() == nil && inst.dead() {
			return nil, b.pageErr(ctx, pctx, inst, "read page", err)
		}
		t := time.NewTimer(wait)
		wait = min(2*wait, maxLookInterval)
		select {
		case <-pctx.Done():
			t.Stop()
			if ctx.Err() == nil && !inst.dead() {
				if challenge != "" {
					return nil, &Error{Class: ClassTimeout, Err: fmt.Errorf("browser: challenge page %q not resolved within %s", challenge, timeout)}
				}
				return nil, &Error{Class: ClassTimeout, Err: fmt.Errorf("browser: page not loaded within %s", timeout)}
			}
			return nil, b.pageErr(ctx, pctx, inst, "wait for page", pctx.Err())
		case <-t.C:
		}
	}

	final, err := chromedp.Run(tctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		return nil, b.pageErr(ctx, pctx, inst, "read location", err)
	}
	res := &Response{URL: final, Status: http.StatusOK, FetchPath: FetchPathBrowser}
	mu.Lock()
	if r := statuses[nav.FrameID]; r != nil {
		res.Status, res.ContentType = int(r.Status), r.MimeType
		res.ETag, res.LastModified = headerOf(r.Headers, "ETag"), headerOf(r.Headers, "Last-Modified")
	}
	mu.Unlock()

	if src.Kind() == TypeRSS {
		// The rendered page of a feed is Chromium's XML viewer: fetch the
		// document's text from the page, with the page's cookies.
		doc, err := chromedp.Run(tctx, chromedp.Evaluate[fetchedDoc](
			`fetch(location.href, {credentials: "include"}).then(async r => ({status: r.status, type: r.headers.get("content-type") || "", text: await r.text()}))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, b.pageErr(ctx, pctx, inst, "read feed text", err)
		}
		res.Status, res.ContentType, html = doc.Status, doc.Type, doc.Text
	} else {
		html, err = chromedp.Run(tctx, chromedp.Evaluate[string](`"<!DOCTYPE html>\n" + document.documentElement.outerHTML`))
		if err != nil {
			return nil, b.pageErr(ctx, pctx, inst, "read page", err)
		}
		res.ContentType = "text/html; charset=utf-8"
	}
	if res.Status < 200 || res.Status > 299 {
		return nil, &Error{Class: ClassStatus, Status: res.Status, Err: fmt.Errorf("browser: unexpected status %d", res.Status)}
	}
	limit := src.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(html)) > limit {
		return nil, tooLarge(limit)
	}
	res.Body = []byte(html)

	cookies, err := chromedp.Call(tctx, network.GetCookies, network.GetCookiesParams{URLs: []string{final}})
	if err == nil {
		b.keepCookies(final, cookies.Cookies, inst.agent)
	}
	return res, nil
}

// fetchedDoc is a document fetched from inside a page.
type fetchedDoc struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Text   string `json:"text"`
}

// pageErr classifies a failed step of a page load.
func (b *Browser) pageErr(ctx, pctx context.Context, inst *browserInstance, step string, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("browser fetch cancelled: %w", ctx.Err())
	case inst.dead():
		return &Error{Class: ClassBrowser, Err: fmt.Errorf("browser: %s: browser exited: %w", step, err)}
	case errors.Is(context.Cause(pctx), errPageTimeout):
		return &Error{Class: ClassTimeout, Err: fmt.Errorf("browser: %s: page not loaded within %s", step, b.pageTimeout)}
	}
	return &Error{Class: ClassBrowser, Err: fmt.Errorf("browser: %s: %w", step, err)}
}

// headerOf reads a response header from the protocol's header map.
func headerOf(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			if s, ok := v.(string); ok {
				return s
			}
		}
	}
	return ""
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// cmpOr returns a unless it is empty, else b.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// keepCookies stores the browser's cookies for pageURL in the jar, with the
// User-Agent that earned them.
func (b *Browser) keepCookies(pageURL string, cookies []*network.Cookie, agent string) {
	u, err := url.Parse(pageURL)
	if err != nil || len(cookies) == 0 {
		return
	}
	out := make([]*http.Cookie, 0, len(cookies))
	for _, c := range cookies {
		hc := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, HttpOnly: c.HTTPOnly}
		if strings.HasPrefix(c.Domain, ".") {
			hc.Domain = c.Domain // a domain cookie; a host-only one has none
		}
		if !c.Session && c.Expires > 0 {
			hc.Expires = time.Unix(int64(c.Expires), 0)
		}
		out = append(out, hc)
	}
	b.jar.SetCookies(u, out)
	b.mu.Lock()
	b.agents[strings.ToLower(u.Hostname())] = agent
	b.jarHosts[strings.ToLower(u.Hostname())] = true
	b.mu.Unlock()
}

// withCookies returns src with the kept cookies valid for src.URL added to
// its Cookie header, and the browser's User-Agent when src sets none (a
// challenge may tie its cookie to the agent that solved it). A nil Browser
// or a host without kept cookies returns src unchanged.
func (b *Browser) withCookies(src Source) Source {
	if b == nil {
		return src
	}
	u, err := url.Parse(src.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return src
	}
	host := strings.ToLower(u.Hostname())
	b.mu.Lock()
	has, agent := b.jarHosts[host], b.agents[host]
	b.mu.Unlock()
	if !has {
		return src
	}
	cookies := b.jar.Cookies(u)
	if len(cookies) == 0 {
		return src
	}
	parts := make([]string, 0, len(cookies)+1)
	headers := make(map[string]string, len(src.Headers)+1)
	for k, v := range src.Headers {
		if http.CanonicalHeaderKey(k) == "Cookie" {
			parts = append(parts, v)
			continue
		}
		headers[k] = v
	}
	for _, c := range cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	headers["Cookie"] = strings.Join(parts, "; ")
	src.Headers = headers
	if src.UserAgent == "" && agent != "" {
		src.UserAgent = agent
	}
	return src
}

// challenged reports whether a plain fetch's answer is a challenge the
// browser may get through: a challenge page, or a 403 or a 503 without
// Retry-After (how challenge services answer clients without cookies).
func challenged(resp *Response, err error) bool {
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) && fe.Class == ClassStatus {
			return fe.Status == http.StatusForbidden || (fe.Status == http.StatusServiceUnavailable && fe.RetryAfter == 0)
		}
		return false
	}
	if resp == nil || resp.NotModified || len(resp.Body) > maxCheckBytes {
		return false
	}
	return inspectPage(resp.Body).challenge()
}

// fetchFirst gets the first document of a poll by src's fetch mode,
// noting in res the path it took: the browser for FetchBrowser, else
// p.fetch.
func (p *Poller) fetchFirst(ctx context.Context, src Source, v Validators, res *PollResult) (*Response, error) {
	if src.FetchMode() == FetchBrowser {
		res.path = FetchPathBrowser
		if p.browser == nil {
			return nil, &Error{Class: ClassBrowser, Err: errors.New("fetch: browser, but no browser is configured")}
		}
		return p.browser.Fetch(ctx, src)
	}
	resp, path, err := p.fetchVia(ctx, src, v)
	res.path = path
	return resp, err
}

// fetch gets one document with the plain fetcher, sending the cookies the
// browser kept for its host. For browser and auto sources, an answer that
// is a challenge is fetched once more through the browser; without
// Chromium the plain answer stands (the parsers then report the
// challenge).
func (p *Poller) fetch(ctx context.Context, src Source, v Validators) (*Response, error) {
	resp, _, err := p.fetchVia(ctx, src, v)
	return resp, err
}

// fetchVia is fetch, also returning the path of the answer: the plain
// fetcher's, or FetchPathBrowser once the browser was tried.
func (p *Poller) fetchVia(ctx context.Context, src Source, v Validators) (*Response, string, error) {
	path := fetchPathOf(src.URL)
	resp, err := p.fetcher.Fetch(ctx, p.browser.withCookies(src), v)
	if src.FetchMode() == FetchHTTP || p.browser == nil || ctx.Err() != nil || !challenged(resp, err) {
		return resp, path, err
	}
	if p.browser.Available() != nil {
		p.browser.warnMissing(ctx, src.Name)
		return resp, path, err
	}
	p.log.InfoContext(ctx, "challenge answered to plain http; retrying through the browser", "feed", src.Name)
	resp, err = p.browser.Fetch(ctx, src)
	return resp, FetchPathBrowser, err
}

// retryInBrowser reports whether a poll that failed on its plain HTTP path
// should be tried once more through the browser: an auto source whose
// answer was a challenge or an error page (no items, not a feed).
func (p *Poller) retryInBrowser(src Source, res PollResult, err error) bool {
	if p.browser == nil || src.FetchMode() != FetchAuto || res.path != FetchPathHTTP {
		return false
	}
	switch ClassOf(err) {
	case ClassChallenge, ClassEmpty, ClassNotFeed:
	default:
		return false
	}
	return p.browser.Available() == nil
}
