package demo

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "re-render feeds/ from testdata/stories.yaml")

// story is one item of testdata/stories.yaml.
type story struct {
	Feed        string   `yaml:"feed"`
	Key         string   `yaml:"key"`
	ID          string   `yaml:"id"`
	Slug        string   `yaml:"slug"`
	Date        string   `yaml:"date"`
	Title       string   `yaml:"title"`
	EditedTitle string   `yaml:"edited_title"`
	Dateline    string   `yaml:"dateline"`
	Categories  []string `yaml:"categories"`
	Body        string   `yaml:"body"`
	EditedBody  string   `yaml:"edited_body"`

	time time.Time
}

func (s story) paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// loadStories reads the stories, newest first within each feed.
func loadStories(t testing.TB) []story {
	t.Helper()
	data, err := os.ReadFile("testdata/stories.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var stories []story
	if err := dec.Decode(&stories); err != nil {
		t.Fatalf("stories.yaml: %v", err)
	}
	for i := range stories {
		ts, err := time.Parse(time.RFC3339, stories[i].Date)
		if err != nil {
			t.Fatalf("%s: %v", stories[i].Key, err)
		}
		stories[i].time = ts
	}
	slices.SortStableFunc(stories, func(a, b story) int { return b.time.Compare(a.time) })
	return stories
}

func byFeed(stories []story, feed string) []story {
	var out []story
	for _, s := range stories {
		if s.Feed == feed {
			out = append(out, s)
		}
	}
	return out
}

// renderAll returns every served file, by its path under feeds/.
func renderAll(t testing.TB) map[string]string {
	stories := loadStories(t)
	out := map[string]string{}
	renderSRE(out, byFeed(stories, "sre"))
	renderState(out, byFeed(stories, "state"))
	renderCBP(out, byFeed(stories, "cbp"))
	return out
}

// ---------------------------------------------------------------- SRE

const srePerPage = 9

var meses = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

func fechaLarga(t time.Time) string {
	return fmt.Sprintf("%02d de %s de %d", t.Day(), meses[t.Month()-1], t.Year())
}

func renderSRE(out map[string]string, items []story) {
	mx, _ := time.LoadLocation("America/Mexico_City")
	// Press release numbers count up from the oldest.
	number := map[string]int{}
	for i := range items {
		number[items[i].ID] = 41 + len(items) - 1 - i
	}
	pages := (len(items) + srePerPage - 1) / srePerPage
	for edited := range 2 {
		for p := 1; p <= pages; p++ {
			lo, hi := (p-1)*srePerPage, min(p*srePerPage, len(items))
			var b strings.Builder
			b.WriteString(sreHead("Prensa"))
			b.WriteString("<section class=\"list-news\">\n<h1>Prensa</h1>\n")
			for _, it := range items[lo:hi] {
				title := it.Title
				if edited == 1 && it.EditedTitle != "" {
					title = it.EditedTitle
				}
				local := it.time.In(mx)
				fmt.Fprintf(&b, `<article>
  <div class="row">
    <div class="col-md-4"><img class="img-responsive" alt="" src="/sre/imagenes/comunicado.jpg"></div>
    <div class="col-md-8">
      <h2>%s</h2>
      <time datetime="%s">%s</time>
      <p class="summary">Comunicado No. %03d</p>
      <a class="small-link" href="/sre/prensa/%s?idiom=es">Continuar leyendo</a>
    </div>
  </div>
</article>
`, esc(title), local.Format("2006-01-02 15:04:05"), fechaLarga(local), number[it.ID], it.ID)
			}
			b.WriteString("<ul class=\"pagination\">\n")
			pageURL := func(n int) string { return fmt.Sprintf("/sre/archivo/prensa?idiom=es&amp;order=DESC&amp;page=%d", n) }
			if p > 1 {
				fmt.Fprintf(&b, "  <li class=\"prev\"><a href=\"%s\" rel=\"prev\">« Anterior</a></li>\n", pageURL(p-1))
			}
			for n := 1; n <= pages; n++ {
				if n == p {
					fmt.Fprintf(&b, "  <li class=\"active\"><span>%d</span></li>\n", n)
				} else {
					fmt.Fprintf(&b, "  <li><a href=\"%s\">%d</a></li>\n", pageURL(n), n)
				}
			}
			if p < pages {
				fmt.Fprintf(&b, "  <li class=\"next\"><a href=\"%s\" rel=\"next\">Siguiente »</a></li>\n", pageURL(p+1))
			}
			b.WriteString("</ul>\n</section>\n")
			b.WriteString(sreFoot())
			name := fmt.Sprintf("sre/prensa-page-%d.html", p)
			if edited == 1 {
				if !slices.ContainsFunc(items[lo:hi], func(s story) bool { return s.EditedTitle != "" }) {
					continue
				}
				name = "edits/" + name
			}
			out[name] = b.String()
		}
	}
	for _, it := range items {
		out["sre/prensa/"+it.ID+".html"] = sreItem(it, it.Title, it.Body, number[it.ID], mx)
		if it.EditedTitle != "" || it.EditedBody != "" {
			title, body := it.Title, it.Body
			if it.EditedTitle != "" {
				title = it.EditedTitle
			}
			if it.EditedBody != "" {
				body = it.EditedBody
			}
			out["edits/sre/prensa/"+it.ID+".html"] = sreItem(it, title, body, number[it.ID], mx)
		}
	}
}

func sreHead(title string) string {
	return `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + esc(title) + ` | Secretaría de Relaciones Exteriores | Gobierno | gob.mx</title>
</head>
<body>
<nav class="navbar navbar-inverse sub-navbar navbar-fixed-top"><div class="container"><a class="navbar-brand" href="/">gob.mx</a></div></nav>
<main class="main-page">
<div class="container">
<ol class="breadcrumb"><li><a href="/">Inicio</a></li><li><a href="/sre">Secretaría de Relaciones Exteriores</a></li><li class="active">Prensa</li></ol>
`
}

func sreFoot() string {
	return `</div>
</main>
<footer class="main-footer"><div class="container"><p>Secretaría de Relaciones Exteriores · Av. Juárez 20, Centro, Cuauhtémoc, 06010, Ciudad de México</p></div></footer>
</body>
</html>
`
}

func sreItem(it story, title, body string, number int, mx *time.Location) string {
	local := it.time.In(mx)
	var b strings.Builder
	b.WriteString(sreHead(title))
	fmt.Fprintf(&b, `<article class="article-press">
<h1>%s</h1>
<dl class="article-meta">
  <dd>Secretaría de Relaciones Exteriores</dd>
  <dd>Comunicado No. %03d</dd>
  <dd>Fecha de publicación <time datetime="%s">%s</time></dd>
</dl>
<div class="article-body">
`, esc(title), number, local.Format("2006-01-02 15:04:05"), fechaLarga(local))
	for _, p := range it.paragraphs(body) {
		if p == "-oOo-" {
			b.WriteString("<p style=\"text-align: center;\">-oOo-</p>\n")
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</div>\n</article>\n")
	b.WriteString(sreFoot())
	return b.String()
}

// ---------------------------------------------------------------- State

// esc escapes text for an HTML or XML text node (quotes stay as they are).
var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// wpText escapes text the way WordPress prints it: apostrophes as the
// typographic one's numeric reference.
func wpText(s string) string {
	return strings.NewReplacer("'", "&#8217;", "’", "&#8217;").Replace(esc(s))
}

func renderState(out map[string]string, items []story) {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>Press Releases &#8211; United States Department of State</title>
	<atom:link href="{{base}}/state/rss-feed/press-releases/feed/" rel="self" type="application/rss+xml" />
	<link>{{base}}/state/</link>
	<description></description>
	<lastBuildDate>%s</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.8.1</generator>
`, items[0].time.UTC().Format(time.RFC1123Z))
	for _, it := range items {
		paras := it.paragraphs(it.Body)
		link := "{{base}}/state/releases/" + it.Slug + "/"
		fmt.Fprintf(&b, "\t<item>\n\t\t<title>%s</title>\n\t\t<link>%s</link>\n", wpText(it.Title), link)
		b.WriteString("\t\t\t\t\t<dc:creator><![CDATA[Office of the Spokesperson]]></dc:creator>\n")
		fmt.Fprintf(&b, "\t\t<pubDate>%s</pubDate>\n", it.time.UTC().Format(time.RFC1123Z))
		for _, c := range it.Categories {
			fmt.Fprintf(&b, "\t\t<category><![CDATA[%s]]></category>\n", c)
		}
		fmt.Fprintf(&b, "\t\t<guid isPermaLink=\"false\">https://www.state.gov/?p=%s</guid>\n\n", it.ID)
		fmt.Fprintf(&b, "\t\t\t\t\t<description><![CDATA[%s]]></description>\n", wpExcerpt(paras))
		b.WriteString("\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[")
		for _, p := range paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", wpText(p))
		}
		b.WriteString("]]></content:encoded>\n\t\t\t\t\t\n\t\t\n\t\t\n\t\t\t</item>\n")
		out["state/releases/"+it.Slug+".html"] = usPage(it.Title, "United States Department of State", it.time, "", paras)
	}
	b.WriteString("\t</channel>\n</rss>\n")
	out["state/feed.xml"] = b.String()
}

// wpExcerpt is WordPress's automatic excerpt: the first 55 words and " [&#8230;]".
func wpExcerpt(paras []string) string {
	words := strings.Fields(strings.Join(paras, " "))
	if len(words) <= 55 {
		return wpText(strings.Join(words, " "))
	}
	return wpText(strings.Join(words[:55], " ")) + " [&#8230;]"
}

// ---------------------------------------------------------------- CBP

const cbpTeaser = 250

func renderCBP(out map[string]string, items []story) {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="{{base}}/cbp/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Media Releases | U.S. Customs and Border Protection</title>
    <link>{{base}}/cbp/newsroom/media-releases/all</link>
    <description>CBP media releases</description>
    <language>en</language>
    <atom:link href="{{base}}/cbp/rss/newsroom/media-releases" rel="self" type="application/rss+xml"/>
`)
	for _, it := range items {
		paras := it.paragraphs(it.Body)
		kind := "local-media-release"
		if slices.Contains(it.Categories, "Español") {
			kind = "spanish-media-release"
		} else if it.Dateline == "WASHINGTON" {
			kind = "national-media-release"
		}
		link := "{{base}}/cbp/newsroom/" + kind + "/" + it.Slug
		fmt.Fprintf(&b, "    <item>\n      <title>%s</title>\n      <link>%s</link>\n", esc(it.Title), link)
		fmt.Fprintf(&b, "      <description>%s</description>\n", esc(drupalTeaser(it.Dateline, paras)))
		fmt.Fprintf(&b, "      <pubDate>%s</pubDate>\n      <dc:creator>CBP Public Affairs</dc:creator>\n", it.time.Format(time.RFC1123Z))
		fmt.Fprintf(&b, "      <guid isPermaLink=\"false\">%s at https://www.cbp.gov</guid>\n    </item>\n", it.ID)
		out["cbp/newsroom/"+it.Slug+".html"] = usPage(it.Title, "U.S. Customs and Border Protection", it.time, it.Dateline, paras)
	}
	b.WriteString("  </channel>\n</rss>\n")
	out["cbp/media-releases.xml"] = b.String()
}

// drupalTeaser is the body as Drupal's trimmed summary shows it: HTML, the
// dateline joined with &nbsp;, cut at 250 characters of text (mid-word).
func drupalTeaser(dateline string, paras []string) string {
	text := []rune(dateline + "\u00a0— " + strings.Join(paras, " "))
	if len(text) > cbpTeaser {
		text = text[:cbpTeaser]
	}
	return "<p>" + strings.ReplaceAll(esc(string(text)), "\u00a0", "&nbsp;") + "</p>"
}

// usPage is the article page a State or CBP link leads to.
func usPage(title, site string, ts time.Time, dateline string, paras []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%s - %s</title>
</head>
<body>
<main>
<article>
<h1>%s</h1>
<p class="date"><time datetime="%s">%s</time></p>
<div class="entry-content">
`, esc(title), site, esc(title), ts.Format(time.RFC3339), ts.Format("January 2, 2006"))
	for i, p := range paras {
		if i == 0 && dateline != "" {
			p = dateline + "\u00a0— " + p
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.ReplaceAll(esc(p), "\u00a0", "&nbsp;"))
	}
	b.WriteString("</div>\n</article>\n</main>\n</body>\n</html>\n")
	return b.String()
}

// TestRender checks that the embedded feeds are exactly what
// testdata/stories.yaml renders to; -update rewrites them.
func TestRender(t *testing.T) {
	want := renderAll(t)
	if *update {
		if err := os.RemoveAll("feeds"); err != nil {
			t.Fatal(err)
		}
		for name, content := range want {
			p := filepath.Join("feeds", filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	seen := map[string]bool{}
	err := fs.WalkDir(files, "feeds", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "feeds/")
		seen[name] = true
		got, _ := files.ReadFile(p)
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s is embedded but not rendered from stories.yaml (run go test -update)", name)
		case string(got) != w:
			t.Errorf("%s differs from its rendering (run go test -update)", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s is rendered but not embedded (run go test -update)", name)
		}
	}
}

// TestStories checks the story file itself: the three feeds, unique keys
// and ids, dates inside the demo's three weeks, and CBP teasers that keep
// the whole dateline.
func TestStories(t *testing.T) {
	stories := loadStories(t)
	counts := map[string]int{}
	keys := map[string]bool{}
	ids := map[string]bool{}
	first := time.Date(2026, time.February, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 0, 22)
	for _, s := range stories {
		counts[s.Feed]++
		if keys[s.Key] || ids[s.Feed+"/"+s.ID] {
			t.Errorf("duplicate key or id: %s %s", s.Key, s.ID)
		}
		keys[s.Key], ids[s.Feed+"/"+s.ID] = true, true
		if s.time.Before(first) || !s.time.Before(last) {
			t.Errorf("%s: date %s outside the demo's three weeks", s.Key, s.Date)
		}
		if len(s.paragraphs(s.Body)) < 2 {
			t.Errorf("%s: want a multi-paragraph body", s.Key)
		}
		if s.Feed != "sre" && s.Slug == "" {
			t.Errorf("%s: missing slug", s.Key)
		}
		if s.Feed == "cbp" && s.Dateline == "" {
			t.Errorf("%s: missing dateline", s.Key)
		}
	}
	if counts["sre"] != 16 || counts["state"] != 10 || counts["cbp"] != 9 || len(counts) != 3 {
		t.Errorf("stories per feed = %v, want sre 16, state 10, cbp 9", counts)
	}
}

// TestEmbeddedXML parses every embedded XML file with encoding/xml.
func TestEmbeddedXML(t *testing.T) {
	n := 0
	err := fs.WalkDir(files, "feeds", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
			return err
		}
		n++
		b, _ := files.ReadFile(p)
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", p, err)
				}
				break
			}
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("parsed %d XML files (%v), want 2", n, err)
	}
}
