package web

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// authed adds a valid session to a request.
func authed(s *Server) func(*http.Request) {
	return func(r *http.Request) { r.AddCookie(s.sessionCookieForTest()) }
}

// marks returns the texts of the <mark> elements having class in body.
func marks(body, class string) []string {
	re := regexp.MustCompile(`<mark class="(?:[a-z]+ )*` + class + `(?: [a-z]+)*"[^>]*>([^<]*)</mark>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestClaimPage(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	c, err := f.st.Claim(context.Background(), f.claims["sre-armas"])
	if err != nil {
		t.Fatal(err)
	}
	// State's readout states the arms trafficking cooperation, nothing
	// states the fentanyl working group: a partial confirmation.
	if c.Decision.Status != match.Partial {
		t.Fatalf("fixture: the engine decided %s for sre-armas, the test expects partial", c.Decision.Status)
	}
	w := get(t, s.Handler(), ClaimPath(c.ID), authed(s))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	checks := []struct {
		what string
		ok   bool
	}{
		{"the claim's title", strings.Contains(body, "frenar el tráfico de armas (actualizado)")},
		{"the time in the newsroom's zone", strings.Contains(body, "Mon 2 Mar 2026 09:00 CST")},
		{"the link to the original", strings.Contains(body, `href="https://sre.example/comunicados/armas"`)},
		{"the verdict", strings.Contains(body, `badge big st-partial">partial<`)},
		{"the candidate beside the claim", strings.Contains(body, "Joint statement on arms trafficking")},
		{"the unrelated candidate", strings.Contains(body, "Officers seize produce shipment")},
		{"the confirmation in the timeline", strings.Contains(body, "confirmed by the other side</strong> · state")},
		{"the edit in the timeline", strings.Contains(body, "edited (revision 1)")},
		{"the deadline in the timeline", strings.Contains(body, "deadline: the window closes")},
		{"an action with who", strings.Contains(body, "<strong>show</strong> · slack:U024BE7LH")},
		{"an action from the CLI", strings.Contains(body, "<strong>mute</strong> · cli:ana")},
		{"the unstated commitment", strings.Contains(body, "grupo de trabajo sobre fentanilo")},
		{"the outage of cbp in the window (6 h of 216 h)", regexp.MustCompile(`<tr><td>cbp</td><td>\d+</td><td>1</td><td>97%</td>`).MatchString(body)},
		{"the outage's error", strings.Contains(body, "HTTP 503 from cbp.example")},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("the claim page lacks %s", ch.what)
		}
	}
	// The shared concept is marked in both languages.
	shared := strings.ToLower(strings.Join(marks(body, "shared"), "|"))
	for _, want := range []string{"tráfico de armas", "arms trafficking"} {
		if !strings.Contains(shared, want) {
			t.Errorf("shared marks %q lack %q", shared, want)
		}
	}
	commit := strings.Join(marks(body, "commit"), "|")
	if !strings.Contains(commit, "se comprometieron a crear un grupo de trabajo") {
		t.Errorf("commitment marks %q lack the fentanyl working group", commit)
	}
	if strings.Contains(body, "HTTP 503 from cbp.example") && !strings.Contains(body, "<td>cbp</td>") {
		t.Errorf("health lists no cbp row")
	}
}

func TestClaimNotFound(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	for _, p := range []string{"/claims/999999", "/claims/0", "/claims/abc", "/claims/-3"} {
		w := get(t, s.Handler(), p, authed(s))
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "<h1>404 Not Found</h1>") {
			t.Errorf("GET %s: status %d, want a 404 page: %s", p, w.Code, w.Body.String())
		}
	}
}

func TestHostileFeedText(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	for _, target := range []string{ClaimPath(f.claims["sre-hostil"]), "/claims"} {
		w := get(t, s.Handler(), target, authed(s))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", target, w.Code)
		}
		body := w.Body.String()
		for _, bad := range []string{"<script", "<img", "<svg onload", "onerror=\"", "href=\"javascript:", "<a href=\"javascript"} {
			if strings.Contains(strings.ToLower(body), strings.ToLower(bad)) {
				t.Errorf("%s: the page holds %q", target, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;window.__gwx=1&lt;/script&gt;") {
			t.Errorf("%s: the hostile title is not shown as text", target)
		}
	}
	w := get(t, s.Handler(), ClaimPath(f.claims["sre-hostil"]), authed(s))
	if !strings.Contains(w.Body.String(), "original link not shown") {
		t.Errorf("a javascript: original is not refused")
	}
}

// hidden hides the store's PageQueries so the pages take their fallback.
type hidden struct{ Store }

func TestClaimsFilters(t *testing.T) {
	f := fillStore(t)
	if _, ok := f.st.(PageQueries); !ok {
		t.Fatal("store/sqlite no longer offers PageQueries: every page would take the slow path")
	}
	id := f.claims
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"all, newest first", "", []string{"sre-hostil", "state-rail", "sre-jornaleros", "sre-armas"}},
		{"status", "status=partial", []string{"sre-armas"}},
		{"side", "side=us", []string{"state-rail"}},
		{"feed", "feed=sre", []string{"sre-hostil", "sre-jornaleros", "sre-armas"}},
		{"concept", "concept=arms_trafficking", []string{"sre-hostil", "sre-armas"}},
		{"week", "week=2026-W10", []string{"sre-armas"}},
		{"search", "q=agrícolas", []string{"sre-jornaleros"}},
		{"search and side", "q=armas&side=us", nil},
		{"second page", "page=2", nil},
	}
	for _, variant := range []struct {
		name string
		st   Store
	}{{"sqlite queries", f.st}, {"fallback", hidden{f.st}}} {
		s, _ := newTestServer(t, variant.st)
		for _, tc := range tests {
			t.Run(variant.name+"/"+tc.name, func(t *testing.T) {
				w := get(t, s.Handler(), "/claims?"+tc.query, authed(s))
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body.String())
				}
				var got []string
				for _, m := range regexp.MustCompile(`<td><a href="/claims/(\d+)">\d+</a>`).FindAllStringSubmatch(w.Body.String(), -1) {
					for g, cid := range id {
						if m[1] == itoa(cid) {
							got = append(got, g)
						}
					}
				}
				if strings.Join(got, ",") != strings.Join(tc.want, ",") {
					t.Errorf("listed %v, want %v", got, tc.want)
				}
			})
		}
		t.Run(variant.name+"/counts", func(t *testing.T) {
			w := get(t, s.Handler(), "/claims?status=confirmed", authed(s))
			claims, err := f.st.Claims(context.Background(), store.ClaimQuery{})
			if err != nil {
				t.Fatal(err)
			}
			n := map[string]int{}
			for _, c := range claims {
				n[c.Decision.Status.String()]++
			}
			for _, st := range []string{"pending", "confirmed", "partial", "unconfirmed"} {
				want := itoa(int64(n[st])) + " " + st + "</a>"
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("counts lack %q (the status filter must not change the counts)", want)
				}
			}
		})
	}
	s, _ := newTestServer(t, f.st)
	s.opts.PageSize = 2
	w := get(t, s.Handler(), "/claims", authed(s))
	if !strings.Contains(w.Body.String(), `href="/claims?page=2" rel="next"`) {
		t.Errorf("a full page has no link to the next one")
	}
	w = get(t, s.Handler(), "/claims?page=2", authed(s))
	if !strings.Contains(w.Body.String(), ClaimPath(id["sre-armas"])) || !strings.Contains(w.Body.String(), `rel="prev"`) {
		t.Errorf("page 2 does not hold the oldest claims and a link back")
	}
	for _, bad := range []string{"status=maybe", "week=2026-13", "concept=<x>", "page=0"} {
		if w := get(t, s.Handler(), "/claims?"+bad, authed(s)); w.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, w.Code)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestFeedsPage(t *testing.T) {
	f := fillStore(t)
	for _, st := range []Store{f.st, hidden{f.st}} {
		s, _ := newTestServer(t, st)
		w := get(t, s.Handler(), "/feeds", authed(s))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
		body := w.Body.String()
		// sre published three items in the fixture, on three days.
		if !strings.Contains(body, `aria-label="3 items in 56 days, at most 1 a day"`) {
			t.Errorf("the sre chart does not count its 3 items")
		}
		if n := strings.Count(body, `class="bar"`); n != 3*56 {
			t.Errorf("%d bars, want one per day per feed (%d)", n, 3*56)
		}
		if !strings.Contains(body, "<title>2 Mar: 1</title>") {
			t.Errorf("no bar for sre's item of 2 March")
		}
	}
}

type fakeDigests map[string][]Digest

func (f fakeDigests) Digests(_ context.Context, week string) ([]Digest, error) { return f[week], nil }

func TestDigestPage(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	if w := get(t, s.Handler(), "/digests/2026-W10", authed(s)); w.Code != http.StatusNotFound {
		t.Errorf("without digests: status %d, want 404", w.Code)
	}
	png := []byte("\x89PNG\r\n\x1a\n")
	s.opts.Digests = fakeDigests{"2026-W10": {
		{Channel: "newsroom", Week: "2026-W10", Text: "Week 10: 3 claims <b>1 unconfirmed</b>", Chart: png, ChartType: "image/png", SentAt: fixtureNow},
		{Channel: "desk", Week: "2026-W10", Text: "Week 10 for the desk", Chart: []byte("<svg onload=x>"), ChartType: "text/html"},
	}}
	w := get(t, s.Handler(), "/digests/2026-W10", authed(s))
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	for _, want := range []string{"Week 10: 3 claims &lt;b&gt;1 unconfirmed&lt;/b&gt;", `src="data:image/png;base64,iVBORw0KGgo="`, "Week 10 for the desk", "<h2>newsroom</h2>"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest page lacks %q", want)
		}
	}
	if strings.Contains(body, "text/html") || strings.Contains(body, "<svg onload") {
		t.Errorf("a chart of another media type is shown")
	}
	for _, p := range []string{"/digests/2026-W11", "/digests/latest"} {
		if w := get(t, s.Handler(), p, authed(s)); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, w.Code)
		}
	}
}
