package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
	"github.com/gapwatch/gapwatch/web"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite docs/claim-page.png from the browser test")

// envRequireBrowser turns the browser test's skip into a failure (CI).
const envRequireBrowser = "GAPWATCH_REQUIRE_BROWSER"

// chromium finds Debian's Chromium, skipping the test (or failing it when
// GAPWATCH_REQUIRE_BROWSER=1) when it is absent.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium on PATH (apt-get install -y chromium); the browser test of the evidence pages did not run"
	if os.Getenv(envRequireBrowser) == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// demoServe runs `gapwatch demo --serve` until the test ends and returns
// the pages' base URL, the claims' signed links by ID and the demo's
// SQLite path.
func demoServe(t *testing.T, secret string) (string, map[string]string, string) {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- run(ctx, []string{"demo", "--serve"}, &env{stdout: pw, stderr: &stderr, lookupEnv: func(k string) (string, bool) {
			if k == config.EnvLinkSecret {
				return secret, true
			}
			return "", false
		}})
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		go io.Copy(io.Discard, pr)
		if code := <-done; code != 0 {
			t.Errorf("demo --serve exited %d: %s", code, stderr.String())
		}
	})
	base := ""
	links := map[string]string{}
	alertLinks := 0
	head := regexp.MustCompile(`^Evidence pages on (http://127\.0\.0\.1:\d+) `)
	claim := regexp.MustCompile(`^  claim (\d+) +\S+ +(http://\S+)$`)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "/claims/") && strings.Contains(line, "?exp=") && base == "" {
			alertLinks++
		}
		if m := head.FindStringSubmatch(line); m != nil {
			base = m[1]
		}
		if m := claim.FindStringSubmatch(line); m != nil {
			links[m[1]] = m[2]
		}
		if strings.HasPrefix(line, "  or sign in at") {
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" || len(links) == 0 {
		t.Fatalf("demo --serve printed no pages (stderr: %s)", stderr.String())
	}
	if alertLinks == 0 {
		t.Errorf("the demo's alerts carry no signed evidence link")
	}
	dbs, _ := filepath.Glob(filepath.Join(tmp, "gapwatch-demo-*", "demo.db"))
	if len(dbs) != 1 {
		t.Fatalf("demo store not found in %s: %v", tmp, dbs)
	}
	return base, links, dbs[0]
}

// TestBrowserEvidencePage drives Chromium headless against `demo --serve`:
// a signed link opens a claim page with the other side's items beside it
// and the shared concepts marked, and a feed item carrying markup runs
// nothing.
func TestBrowserEvidencePage(t *testing.T) {
	exe := chromium(t)
	const secret = "browser-test-link-secret-0123456789"
	base, links, dbPath := demoServe(t, secret)
	ctx := context.Background()

	// The claim to look at: one whose decision found the same event on the
	// other side (so there are shared concepts to mark).
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	claims, err := st.Claims(ctx, store.ClaimQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var shown store.Claim
	for _, c := range claims {
		for _, cs := range c.Decision.Considered {
			if cs.SameEvent && len(cs.Concepts) > 0 && (shown.ID == 0 || c.Decision.Status == match.Partial) {
				shown = c
			}
		}
	}
	if shown.ID == 0 {
		t.Fatal("no demo claim has an other-side item of the same event")
	}
	link, ok := links[fmt.Sprint(shown.ID)]
	if !ok {
		t.Fatalf("no printed link for claim %d", shown.ID)
	}

	// A hostile feed item, stored as a claim with the same evidence.
	hostile := shown.Item
	hostile.ID, hostile.GUID = 0, "hostile-1"
	hostile.Title = `<script>window.__gwx=1</script>Acuerdo <img src=x onerror="window.__gwx=2">`
	hostile.Content = `<svg onload="window.__gwx=3"></svg> ` + shown.Item.Content
	hostile.Link = "javascript:window.__gwx=4"
	hostile.Published = shown.Item.Published.Add(time.Minute)
	res, err := st.RecordPoll(ctx, store.Poll{Feed: hostile.Feed, Started: hostile.Published, Finished: hostile.Published, OK: true}, []match.Item{hostile})
	if err != nil || len(res.New) != 1 {
		t.Fatalf("store hostile item: %v %+v", err, res)
	}
	d := shown.Decision
	d.GUID, d.Title = hostile.GUID, hostile.Title
	up, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: res.New[0], Decision: d, Event: "new_claim", At: hostile.Published})
	if err != nil {
		t.Fatal(err)
	}
	hostileLink := base + web.NewSigner(secret, 0, time.Now).Sign(web.ClaimPath(up.Claim.ID))

	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 1100))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// The first Run starts the browser and must not carry a timeout;
	// each later step has one.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	step := func() context.Context {
		c, cancel := context.WithTimeout(bctx, 60*time.Second)
		t.Cleanup(cancel)
		return c
	}
	eval := func(ctx context.Context, expr string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return n
	}

	c := step()
	if err := chromedp.Do(c, chromedp.Navigate(link), chromedp.WaitVisible(".side-by-side")); err != nil {
		t.Fatalf("claim page: %v", err)
	}
	title, err := chromedp.Run(c, chromedp.Text("h1.claim-title"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := eval(c, `document.querySelectorAll('article.pair.same .side-by-side').length`)
	claimMarks := eval(c, `document.querySelectorAll('.claim-col mark.shared').length`)
	otherMarks := eval(c, `document.querySelectorAll('.other-col mark.shared').length`)
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if title != shown.Item.Title {
		t.Errorf("page title %q, want the claim's %q", title, shown.Item.Title)
	}
	if pairs == 0 || claimMarks == 0 || otherMarks == 0 {
		t.Errorf("side-by-side items of the same event %d, shared marks in the claim %d and in the other side's items %d: want all > 0",
			pairs, claimMarks, otherMarks)
	}
	if len(png) < 1000 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	dir := t.ArtifactDir()
	if *updateScreenshot {
		dir = filepath.Join("..", "..", "docs")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "claim-page.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}

	c = step()
	if err := chromedp.Do(c, chromedp.Navigate(hostileLink), chromedp.WaitVisible("h1.claim-title"),
		chromedp.Sleep(300*time.Millisecond)); err != nil { // let an event handler fire, if any got through
		t.Fatalf("hostile claim page: %v", err)
	}
	marker, err := chromedp.Run(c, chromedp.Evaluate[string](`String(window.__gwx)`))
	if err != nil {
		t.Fatal(err)
	}
	scripts := eval(c, `document.querySelectorAll('script').length`)
	images := eval(c, `document.querySelectorAll('main img, main svg[onload]').length`)
	href, err := chromedp.Run(c, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href')).join(' ')`))
	if err != nil {
		t.Fatal(err)
	}
	hostileTitle, err := chromedp.Run(c, chromedp.Text("h1.claim-title"))
	if err != nil {
		t.Fatal(err)
	}
	if marker != "undefined" {
		t.Errorf("feed text ran script: window.__gwx = %s", marker)
	}
	if scripts != 0 || images != 0 {
		t.Errorf("feed markup became elements: %d scripts, %d images", scripts, images)
	}
	if strings.Contains(href, "javascript:") {
		t.Errorf("a javascript: link is on the page: %s", href)
	}
	if !strings.Contains(hostileTitle, "<script>") {
		t.Errorf("the hostile title %q is not shown as text", hostileTitle)
	}

	// An unsigned link opens nothing, in the browser too.
	c = step()
	if err := chromedp.Do(c, chromedp.Navigate(base+web.ClaimPath(shown.ID))); err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(c, chromedp.Text("main"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(body, shown.Item.Title) || !strings.Contains(body, "Sign in") {
		t.Errorf("an unsigned link shows: %q", body)
	}
}

// TestServeMountsEvidencePages checks the service's mux: the pages answer
// with the config's ways in (token login, signed links from alerts) and
// nothing without them.
func TestServeMountsEvidencePages(t *testing.T) {
	srv := newFeedServer(t)
	const secret, token = "serve-test-link-secret-0123456789", "serve-test-token"
	e := &env{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(k string) (string, bool) {
		v, ok := map[string]string{config.EnvLinkSecret: secret, config.EnvWebToken: token,
			config.EnvPublicURL: "https://gapwatch.example"}[k]
		return v, ok
	}}
	g := globalFlags{configPath: writeConfig(t, srv.URL), logFormat: "json"}
	cfg, err := g.load(e)
	if err != nil {
		t.Fatal(err)
	}
	log, _ := newLogger(io.Discard, "json")
	app, err := newApp(context.Background(), cfg, log, appOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	hs := httptest.NewServer(app.routes())
	defer hs.Close()
	client := hs.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string, cookies ...*http.Cookie) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, hs.URL+path, nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/claims"); code != http.StatusUnauthorized || !strings.Contains(body, `action="/login"`) {
		t.Fatalf("/claims without credentials: %d", code)
	}
	// The link an alert carries opens its page (here a claim the store
	// does not have: 404, not 401), and only with its signature.
	link := evidenceLinks(cfg, nil)(41)
	if !strings.HasPrefix(link, "https://gapwatch.example/claims/41?exp=") {
		t.Fatalf("alert link %q", link)
	}
	path := strings.TrimPrefix(link, "https://gapwatch.example")
	if code, _ := get(path); code != http.StatusNotFound {
		t.Errorf("signed link: %d, want 404 for a claim not stored", code)
	}
	if code, _ := get(strings.Replace(path, "/41?", "/42?", 1)); code != http.StatusForbidden {
		t.Errorf("the link's signature on another claim: %d, want 403", code)
	}
	resp, err := client.PostForm(hs.URL+"/login", url.Values{"token": {token}, "next": {"/feeds"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) != 1 || !cookies[0].Secure {
		t.Fatalf("login: %d, cookies %v (want one Secure cookie: the public URL is https)", resp.StatusCode, cookies)
	}
	if code, body := get("/feeds", cookies...); code != http.StatusOK || !strings.Contains(body, "<strong>state</strong>") {
		t.Errorf("/feeds after login: %d", code)
	}
	if evidenceLinks(&config.Config{}, nil) != nil {
		t.Errorf("links without a public URL")
	}
	if l := evidenceLinks(&config.Config{PublicURL: "https://gw.example/"}, nil)(3); l != "https://gw.example/claims/3" {
		t.Errorf("link without a secret %q, want the unsigned page (opens after a login)", l)
	}
}
