package demo

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := Serve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// get fetches u and checks the status and content type.
func get(t *testing.T, u string, wantType string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); ct != wantType {
		t.Errorf("GET %s: Content-Type %q, want %q", u, ct, wantType)
	}
	if strings.Contains(string(body), basePlaceholder) {
		t.Errorf("GET %s: %s left in the response", u, basePlaceholder)
	}
	if !utf8.Valid(body) {
		t.Errorf("GET %s: not UTF-8", u)
	}
	return body
}

func feedByName(t *testing.T, base, name string) Feed {
	t.Helper()
	for _, f := range Sources(base) {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no feed %q", name)
	return Feed{}
}

// rss is the part of an RSS 2.0 document the tests read.
type rss struct {
	XMLName xml.Name `xml:"rss"`
	Channel struct {
		Items []struct {
			Title       string   `xml:"title"`
			Link        string   `xml:"link"`
			GUID        string   `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Description string   `xml:"description"`
			Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestSourcesAndSides(t *testing.T) {
	sides := map[string]bool{}
	for _, s := range Sides() {
		sides[s.ID] = true
	}
	if !sides["mx"] || !sides["us"] || len(sides) != 2 {
		t.Fatalf("Sides() = %v", Sides())
	}
	srcs := Sources("http://127.0.0.1:1/")
	if len(srcs) != 3 {
		t.Fatalf("%d sources, want 3", len(srcs))
	}
	for _, f := range srcs {
		if !sides[f.Side] || !strings.HasPrefix(f.URL, "http://127.0.0.1:1/") || strings.Contains(f.URL, "1//") {
			t.Errorf("source %+v", f)
		}
		if (f.Type == "html") != (f.HTML != nil) {
			t.Errorf("%s: type %q with selectors %v", f.Name, f.Type, f.HTML)
		}
	}
}

// TestSRE reads the SRE-style press list with the selectors Sources
// gives, the way the html feed type will: 9 articles on page 1, the rest on
// page 2, zone-less dates, relative links to pages with the body.
func TestSRE(t *testing.T) {
	s := startServer(t)
	src := feedByName(t, s.URL(), "sre")
	sel := src.HTML
	loc, err := time.LoadLocation(sel.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	pageURL := src.URL
	var counts []int
	var titles []string
	for pageURL != "" {
		body := get(t, pageURL, htmlType)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse(pageURL)
		items := doc.Find(sel.Item)
		counts = append(counts, items.Length())
		items.Each(func(_ int, e *goquery.Selection) {
			title := strings.TrimSpace(e.Find(sel.Title).Text())
			titles = append(titles, title)
			href, ok := e.Find(sel.Link).Attr("href")
			if !ok || !strings.HasPrefix(href, "/sre/prensa/") {
				t.Errorf("%q: link %q is not a relative gob.mx-style link", title, href)
				return
			}
			raw, _ := e.Find(sel.Date).Attr(sel.DateAttr)
			ts, err := time.ParseInLocation(sel.DateFormat, raw, loc)
			if err != nil {
				t.Errorf("%q: date %q: %v", title, raw, err)
			}
			if ts.Year() != 2026 || ts.Month() != time.February {
				t.Errorf("%q: date %v outside February 2026", title, ts)
			}
			ref, _ := url.Parse(href)
			page := get(t, base.ResolveReference(ref).String(), htmlType)
			pdoc, err := goquery.NewDocumentFromReader(strings.NewReader(string(page)))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.TrimSpace(pdoc.Find(sel.Body).Text())
			if pdoc.Find(sel.Body+" p").Length() < 3 || len(text) < 300 {
				t.Errorf("%q: body %q too short", title, text)
			}
			if h1 := strings.TrimSpace(pdoc.Find("h1").Text()); h1 != title {
				t.Errorf("item page h1 %q, listing title %q", h1, title)
			}
		})
		pageURL = ""
		if href, ok := doc.Find(sel.Next).Attr("href"); ok {
			ref, _ := url.Parse(href)
			pageURL = base.ResolveReference(ref).String()
		}
	}
	if len(counts) != 2 || counts[0] != 9 || counts[1] != 7 {
		t.Errorf("articles per page = %v, want [9 7]", counts)
	}
	if len(counts) > sel.MaxPages {
		t.Errorf("%d pages, more than MaxPages %d", len(counts), sel.MaxPages)
	}
	seen := map[string]bool{}
	for _, title := range titles {
		if title == "" || seen[title] {
			t.Errorf("empty or repeated title %q", title)
		}
		seen[title] = true
	}
}

func TestState(t *testing.T) {
	s := startServer(t)
	body := get(t, feedByName(t, s.URL(), "state").URL, wpRSSType)
	var doc rss
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("state feed: %v", err)
	}
	items := doc.Channel.Items
	if len(items) != 10 {
		t.Fatalf("%d items, want 10", len(items))
	}
	guid := regexp.MustCompile(`^https://www\.state\.gov/\?p=\d+$`)
	for _, it := range items {
		if !guid.MatchString(it.GUID) {
			t.Errorf("%q: guid %q", it.Title, it.GUID)
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("%q: pubDate: %v", it.Title, err)
		}
		if strings.Count(it.Content, "<p>") < 2 || len(it.Categories) == 0 {
			t.Errorf("%q: content:encoded %q, categories %v", it.Title, it.Content, it.Categories)
		}
		if !strings.HasPrefix(it.Link, s.URL()+"/state/releases/") {
			t.Errorf("%q: link %q not on the demo server", it.Title, it.Link)
		}
		get(t, it.Link, htmlType)
	}
	if !strings.Contains(items[0].Title, "’") && !strings.Contains(string(body), "&#8217;") {
		t.Error("WordPress-style &#8217; references missing")
	}
}

func TestCBP(t *testing.T) {
	s := startServer(t)
	body := get(t, feedByName(t, s.URL(), "cbp").URL, drupalType)
	var doc rss
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("cbp feed: %v", err)
	}
	items := doc.Channel.Items
	if len(items) != 9 {
		t.Fatalf("%d items, want 9", len(items))
	}
	guid := regexp.MustCompile(`^\d+ at https://www\.cbp\.gov$`)
	spanish, cut := 0, 0
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, it := range items {
		if !guid.MatchString(it.GUID) {
			t.Errorf("%q: guid %q", it.Title, it.GUID)
		}
		if !strings.HasPrefix(it.Description, "<p>") || !strings.Contains(it.Description, "&nbsp;") {
			t.Errorf("%q: teaser %q is not Drupal-style HTML with &nbsp;", it.Title, it.Description)
		}
		text := strings.ReplaceAll(tag.ReplaceAllString(it.Description, ""), "&nbsp;", " ")
		if n := utf8.RuneCountInString(text); n > 250 {
			t.Errorf("%q: teaser of %d characters", it.Title, n)
		} else if n == 250 {
			cut++
		}
		if strings.Contains(it.Description, " los ") {
			spanish++
		}
		get(t, it.Link, htmlType)
	}
	if spanish != 1 {
		t.Errorf("%d Spanish items, want 1", spanish)
	}
	if cut < len(items)/2 {
		t.Errorf("only %d teasers cut at 250 characters", cut)
	}
}

func TestConditionalGet(t *testing.T) {
	s := startServer(t)
	for _, f := range Sources(s.URL()) {
		resp, err := http.Get(f.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("%s: no validators", f.Name)
		}
		req, _ := http.NewRequest(http.MethodGet, f.URL, nil)
		req.Header.Set("If-None-Match", etag)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match gave %s, want 304", f.Name, resp.Status)
		}
	}
}

func TestPublishEdits(t *testing.T) {
	s := startServer(t)
	src := feedByName(t, s.URL(), "sre")
	before := string(get(t, src.URL, htmlType))
	page2 := string(get(t, strings.Replace(src.URL, "page=1", "page=2", 1), htmlType))
	s.PublishEdits()
	after := string(get(t, src.URL, htmlType))
	if before == after {
		t.Fatal("PublishEdits changed nothing on page 1")
	}
	const edited = "acuerdan operativo conjunto contra el tráfico de armas</h2>"
	if strings.Contains(before, edited) || !strings.Contains(after, edited) {
		t.Error("the edited headline is not the only change expected")
	}
	if got := string(get(t, strings.Replace(src.URL, "page=1", "page=2", 1), htmlType)); got != page2 {
		t.Error("page 2 changed")
	}
	item := s.URL() + "/sre/prensa/canciller-se-reune-con-el-secretario-de-estado-en-washington?idiom=es"
	if body := string(get(t, item, htmlType)); !strings.Contains(body, "a partir del 1 de marzo") {
		t.Error("the edited release page is not served")
	}
}

func TestNotFound(t *testing.T) {
	s := startServer(t)
	for _, p := range []string{
		"/", "/sre/archivo/prensa?page=3", "/sre/archivo/prensa?page=x", "/sre/prensa/../../demo.go",
		"/sre/prensa/%2e%2e%2fdemo", "/state/releases/nope/", "/cbp/newsroom/x/y", "/cbp/newsroom/local-media-release/",
	} {
		resp, err := http.Get(s.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", p, resp.Status)
		}
	}
	resp, err := http.Post(s.URL()+StatePath, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %s, want 405", resp.Status)
	}
}

func TestServeStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Serve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL %q is not a loopback address", s.URL())
	}
	get(t, s.URL()+CBPPath, drupalType)
	cancel()
	<-s.stopped
	if resp, err := http.Get(s.URL() + CBPPath); err == nil {
		resp.Body.Close()
		t.Error("server still answers after its context ended")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after the context ended: %v", err)
	}
}

// TestReadmeListsEveryStory keeps README.md in step with the stories.
func TestReadmeListsEveryStory(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range loadStories(t) {
		if !strings.Contains(string(readme), "| "+st.Key+" ") {
			t.Errorf("README.md does not list %s (%s)", st.Key, st.Title)
		}
	}
}
