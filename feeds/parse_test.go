package feeds

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
)

// The -update flag rewrites golden files. Another test file of the package
// may register the same flag, so it is registered only if absent and read
// by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// updateGolden reports whether -update was given.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// parseNow is the poll time of the parse tests.
var parseNow = time.Date(2023, 7, 15, 12, 0, 0, 0, time.UTC)

// Sources of the parse tests, shaped like the real ones in issue 2.
var (
	stateSrc = Source{Name: "state-press", Side: "us", Language: "en", URL: "https://www.state.gov/rss-feed/press-releases/feed/"}
	cbpSrc   = Source{Name: "cbp-media", Side: "us", Language: "en", URL: "https://www.cbp.gov/rss/newsroom/media-releases"}
	consSrc  = Source{Name: "consulmex", Side: "mx", Language: "es", URL: "https://consulmex.example.org/rss.xml"}
	edgeSrc  = Source{Name: "edge", Side: "us", Language: "en", URL: "https://news.example.gov/newsroom/feed.xml"}
)

// readParseFixture reads a file of testdata/parse.
func readParseFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "parse", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkParseGolden compares v, as indented JSON, with testdata/parse/golden/name.json.
func checkParseGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "parse", "golden", name+".json")
	if updateGolden() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("normalised output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

func TestParseFeedGolden(t *testing.T) {
	tests := []struct {
		fixture string
		src     Source
		url     string
	}{
		{"state-wordpress.rss", stateSrc, stateSrc.URL},
		{"cbp-drupal.rss", cbpSrc, cbpSrc.URL},
		{"atom.xml", stateSrc, "https://www.state.gov/feeds/wha.atom"},
		{"jsonfeed.json", Source{Name: "dhs", Side: "us", Language: "en"}, "https://www.dhs.gov/news/feed.json"},
		{"rss1.rdf", Source{Name: "doj", Side: "us", Language: "en"}, "https://www.justice.gov/feeds/opa/justice-news.rdf"},
		{"latin1.rss", consSrc, consSrc.URL},
		{"windows1252.rss", Source{Name: "border", Side: "us", Language: "en"}, "https://border.example.gov/rss"},
		{"edge-cases.rss", edgeSrc, edgeSrc.URL},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			items, err := ParseFeed(readParseFixture(t, tt.fixture), tt.url, tt.src, parseNow)
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if len(items) == 0 {
				t.Fatal("no items")
			}
			for _, it := range items {
				assertCleanItem(t, it, tt.src)
			}
			checkParseGolden(t, strings.TrimSuffix(tt.fixture, filepath.Ext(tt.fixture)), items)
		})
	}
}

// assertCleanItem checks what must hold of every normalised item: it
// belongs to its source, has an identity and an absolute link, a UTC date,
// and plain text free of markup and entities.
func assertCleanItem(t *testing.T, it match.Item, src Source) {
	t.Helper()
	if it.Feed != src.Name || it.Side != src.Side {
		t.Errorf("%q: feed/side = %s/%s, want %s/%s", it.Title, it.Feed, it.Side, src.Name, src.Side)
	}
	if it.GUID == "" || it.Title == "" {
		t.Errorf("item without GUID or title: %+v", it)
	}
	if it.Link != "" && !isWebURL(it.Link) {
		t.Errorf("%q: link %q is not absolute", it.Title, it.Link)
	}
	if it.Published.IsZero() || it.Published.Location() != time.UTC {
		t.Errorf("%q: published %v is not a UTC time", it.Title, it.Published)
	}
	for field, s := range map[string]string{"title": it.Title, "summary": it.Summary, "content": it.Content} {
		for _, bad := range []string{"<p", "</", "<br", "&nbsp", "&amp;", "&lt;", "&#", "\u00a0", "  ", "console.log"} {
			if strings.Contains(s, bad) {
				t.Errorf("%q: %s contains %q: %q", it.Title, field, bad, s)
			}
		}
		if s != strings.TrimSpace(s) {
			t.Errorf("%q: %s not trimmed: %q", it.Title, field, s)
		}
	}
	if strings.Contains(it.Title, "\n") {
		t.Errorf("title spans lines: %q", it.Title)
	}
}

// byGUID indexes items by GUID, failing on a repeated one.
func byGUID(t *testing.T, items []match.Item) map[string]match.Item {
	t.Helper()
	m := make(map[string]match.Item, len(items))
	for _, it := range items {
		if _, dup := m[it.GUID]; dup {
			t.Errorf("GUID %q appears twice", it.GUID)
		}
		m[it.GUID] = it
	}
	return m
}

func TestParseFeedItems(t *testing.T) {
	type check struct {
		guid        string
		title       string
		link        string
		published   string // RFC 3339, UTC
		guessed     bool
		language    string
		categories  []string
		summary     string // exact plain text, when set
		contentHas  []string
		contentNot  []string
		summaryHTML string // a fragment of the raw HTML kept
	}
	tests := []struct {
		name    string
		fixture string
		src     Source
		url     string
		count   int
		checks  []check
	}{
		{
			name: "wordpress content:encoded is the content", fixture: "state-wordpress.rss", src: stateSrc, url: stateSrc.URL, count: 3,
			checks: []check{{
				guid:       "https://www.state.gov/?p=412873",
				title:      "Joint Statement on the U.S.-Mexico Security Implementation Group",
				link:       "https://www.state.gov/joint-statement-on-the-u-s-mexico-security-implementation-group/",
				published:  "2023-07-14T18:40:00Z",
				language:   "en-US",
				categories: []string{"Bureau of Western Hemisphere Affairs", "Mexico", "Office of the Spokesperson"},
				contentHas: []string{
					"United Mexican States.\n\nBegin Text:\n\nThe United States",
					"Security. Both governments agreed",
					"arms trafficking.\n\nIncrease inspections of southbound cargo at ports of entry.\nShare tracing data",
				},
				contentNot:  []string{"tracking", "<li>"},
				summaryHTML: "[&#8230;]",
			}, {
				guid:       "https://www.state.gov/?p=412790",
				title:      "Secretary Blinken’s Meeting with Mexican Foreign Secretary Bárcena",
				contentHas: []string{"Alicia Bárcena.\nThey discussed", "the bilateral relationship."},
			}, {
				guid:       "https://www.state.gov/?p=412701",
				title:      "Deputy Secretary’s Travel to Mexico City & Monterrey",
				link:       "https://www.state.gov/deputy-secretarys-travel-to-mexico-city-and-monterrey/",
				categories: []string{"Mexico"},
				contentHas: []string{"Travel\n\nDeputy Secretary", "July 17-19."},
			}},
		},
		{
			name: "drupal guids, cut teasers, spanish item still us side", fixture: "cbp-drupal.rss", src: cbpSrc, url: cbpSrc.URL, count: 3,
			checks: []check{{
				guid:      "418236 at https://www.cbp.gov",
				link:      "https://www.cbp.gov/newsroom/local-media-release/cbp-officers-seize-21-million-fentanyl-nogales-port-entry",
				published: "2023-07-14T15:30:00Z",
				language:  "en",
				summary:   "NOGALES, Ariz. — U.S. Customs and Border Protection officers at the Port of Nogales seized more than 90 pounds of fentanyl concealed in a commercial tractor trailer.\n\nThe seizure occurred on July 12 when officers referred the vehic",
			}, {
				guid: "418190 at https://www.cbp.gov",
				link: "https://www.cbp.gov/newsroom/national-media-release/cbp-and-mexican-customs-announce-joint-cargo-inspection-pilot",
			}, {
				guid:     "418191 at https://www.cbp.gov",
				title:    "CBP y la Aduana de México anuncian un programa piloto de inspección conjunta en Laredo",
				language: "es",
				summary:  "WASHINGTON — La Oficina de Aduanas y Protección Fronteriza de EE. UU. y la Agencia Nacional de Aduanas de México (ANAM) anunciaron un programa piloto de inspección conjunta de carga en el Puente Comercio Mundial en Laredo, Texas. Los",
			}},
		},
		{
			name: "atom with relative link and html title", fixture: "atom.xml", src: stateSrc, url: "https://www.state.gov/feeds/wha.atom", count: 2,
			checks: []check{{
				guid:       "tag:state.gov,2023-07-14:/hled-fact-sheet-2023",
				title:      "U.S.-Mexico High-Level Economic Dialogue Fact Sheet",
				link:       "https://www.state.gov/hled-fact-sheet-2023/",
				published:  "2023-07-14T14:00:00Z",
				language:   "en-US",
				categories: []string{"Mexico", "Trade"},
				summary:    "The United States and Mexico reaffirmed their commitment to the HLED.",
				contentHas: []string{"Fact Sheet\n\nBoth governments committed to:\n\nStrengthen supply chains\nExpand semiconductor investment\n\nNext meeting: 2024."},
			}, {
				guid:      "tag:state.gov,2023-07-13:/readout-assistant-secretary-call-mexico",
				published: "2023-07-13T16:45:00Z",
			}},
		},
		{
			name: "json feed", fixture: "jsonfeed.json", src: Source{Name: "dhs", Side: "us", Language: "en-US"}, url: "https://www.dhs.gov/news/feed.json", count: 2,
			checks: []check{{
				guid:       "https://www.dhs.gov/news/2023/07/14/dhs-and-mexico-expand-lawful-pathways",
				published:  "2023-07-14T13:00:00Z",
				language:   "en",
				categories: []string{"Border Security", "Immigration"},
				summary:    "DHS and Mexico announce expanded lawful pathways.",
				contentHas: []string{"announced an expansion of lawful pathways.\n\nBoth governments"},
			}, {
				guid:       "dhs-2023-07-13-statement",
				link:       "https://www.dhs.gov/news/2023/07/13/statement-secretary-border-operations",
				published:  "2023-07-13T17:00:00Z",
				contentHas: []string{"following statement.\n\nOperations at the southwest border continue.\nMore details"},
			}},
		},
		{
			name: "rss 1.0", fixture: "rss1.rdf", src: Source{Name: "doj", Side: "us", Language: "en-US"}, url: "https://www.justice.gov/feeds/opa/justice-news.rdf", count: 1,
			checks: []check{{
				guid:       "https://www.justice.gov/opa/pr/extradition-mexico-arms-trafficking",
				published:  "2023-07-14T15:00:00Z",
				language:   "en",
				categories: []string{"Firearms Offenses"},
			}},
		},
		{
			name: "iso-8859-1 declared in the prolog", fixture: "latin1.rss", src: consSrc, url: consSrc.URL, count: 1,
			checks: []check{{
				guid:       "https://consulmex.example.org/comunicados/jornada-sabatina-tucson",
				title:      "Atención consular en la frontera: jornada sabatina en Tucsón",
				published:  "2023-07-10T23:00:00Z",
				language:   "es-MX",
				categories: []string{"Protección consular"},
				summary:    "El consulado ofrecerá atención en horario extendido para trámites de pasaporte y matrícula. Niños y niñas serán atendidos con prioridad.",
			}},
		},
		{
			name: "windows-1252 declared in the prolog", fixture: "windows1252.rss", src: Source{Name: "border", Side: "us", Language: "en"}, url: "https://border.example.gov/rss", count: 1,
			checks: []check{{
				guid:     "https://border.example.gov/updates/inspection-plan",
				title:    "Officials “welcome” Mexico’s new inspection plan – details",
				language: "en",
				summary:  "Both sides said the plan “will reduce wait times” at the bridge in Ciudad Juárez…",
			}},
		},
		{
			name: "duplicates, missing guids and dates, relative links, entities", fixture: "edge-cases.rss", src: edgeSrc, url: edgeSrc.URL, count: 7,
			checks: []check{{
				guid:      "release-1001",
				title:     "Readout: U.S. & Mexico Migration Talks",
				link:      "https://news.example.gov/newsroom/releases/readout-migration-talks",
				published: "2023-07-11T14:00:00Z",
				language:  "en",
			}, {
				guid:      "https://news.example.gov/newsroom/fact-sheet-bilateral-cooperation",
				title:     "Fact Sheet: Bilateral Cooperation – Señor Ambassador’s Remarks",
				link:      "https://news.example.gov/newsroom/fact-sheet-bilateral-cooperation",
				published: "2023-07-10T14:30:00Z",
			}, {
				guid:      "release-1003",
				published: "2023-07-15T12:00:00Z",
				guessed:   true,
			}, {
				guid:      hashGUID("Media Note Without Link or GUID", "Sun, 09 Jul 2023 12:00:00 GMT"),
				title:     "Media Note Without Link or GUID",
				published: "2023-07-09T12:00:00Z",
			}, {
				guid:  "https://news.example.gov/newsroom/reused-first",
				title: "Reused id, first release",
			}, {
				guid:  "https://news.example.gov/newsroom/reused-second",
				title: "Reused id, second release",
			}, {
				guid:  "https://news.example.gov/newsroom/untitled-advisory",
				title: "An untitled media advisory: the Ambassador will hold a press conference in Ciudad Juárez on Thursday.",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseFeed(readParseFixture(t, tt.fixture), tt.url, tt.src, parseNow)
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if len(items) != tt.count {
				t.Errorf("got %d items, want %d", len(items), tt.count)
			}
			got := byGUID(t, items)
			for _, c := range tt.checks {
				it, ok := got[c.guid]
				if !ok {
					t.Errorf("no item with GUID %q", c.guid)
					continue
				}
				if c.title != "" && it.Title != c.title {
					t.Errorf("%s: title = %q, want %q", c.guid, it.Title, c.title)
				}
				if c.link != "" && it.Link != c.link {
					t.Errorf("%s: link = %q, want %q", c.guid, it.Link, c.link)
				}
				if c.published != "" && it.Published.Format(time.RFC3339) != c.published {
					t.Errorf("%s: published = %s, want %s", c.guid, it.Published.Format(time.RFC3339), c.published)
				}
				if it.DateGuessed != c.guessed {
					t.Errorf("%s: date guessed = %v, want %v", c.guid, it.DateGuessed, c.guessed)
				}
				if c.language != "" && it.Language != c.language {
					t.Errorf("%s: language = %q, want %q", c.guid, it.Language, c.language)
				}
				if c.categories != nil && strings.Join(it.Categories, "|") != strings.Join(c.categories, "|") {
					t.Errorf("%s: categories = %q, want %q", c.guid, it.Categories, c.categories)
				}
				if c.summary != "" && it.Summary != c.summary {
					t.Errorf("%s: summary =\n%q\nwant\n%q", c.guid, it.Summary, c.summary)
				}
				for _, s := range c.contentHas {
					if !strings.Contains(it.Content, s) {
						t.Errorf("%s: content lacks %q:\n%q", c.guid, s, it.Content)
					}
				}
				for _, s := range c.contentNot {
					if strings.Contains(it.Content, s) {
						t.Errorf("%s: content contains %q", c.guid, s)
					}
				}
				if c.summaryHTML != "" && !strings.Contains(it.SummaryHTML, c.summaryHTML) {
					t.Errorf("%s: summary HTML lost %q: %q", c.guid, c.summaryHTML, it.SummaryHTML)
				}
			}
		})
	}
}

// TestParseFeedStableIdentity checks that a second poll of the same feed
// yields the same GUIDs, even for entries identified by a hash, and that
// only the undated entry's date moves with the poll time.
func TestParseFeedStableIdentity(t *testing.T) {
	body := readParseFixture(t, "edge-cases.rss")
	first, err := ParseFeed(body, edgeSrc.URL, edgeSrc, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	later := parseNow.Add(3 * time.Hour)
	second, err := ParseFeed(body, edgeSrc.URL, edgeSrc, later)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(second) {
		t.Fatalf("%d items then %d", len(first), len(second))
	}
	for i := range first {
		if first[i].GUID != second[i].GUID {
			t.Errorf("item %d: GUID %q then %q", i, first[i].GUID, second[i].GUID)
		}
		if first[i].DateGuessed != second[i].Published.Equal(later) {
			t.Errorf("item %d: published %v then %v (guessed %v)", i, first[i].Published, second[i].Published, first[i].DateGuessed)
		}
	}
}

func TestParseFeedNotAFeed(t *testing.T) {
	tests := []struct {
		name    string
		body    []byte
		want    ErrorClass
		message string // a fragment of the error message
	}{
		{"state technical difficulties page", readParseFixture(t, "state-technical-difficulties.html"), ClassNotFeed, "Technical Difficulties"},
		{"gob.mx challenge page", readParseFixture(t, "gobmx-challenge.html"), ClassChallenge, "Challenge Validation"},
		{"sre listing page where a feed was expected", readParseFixture(t, "sre-page1.html"), ClassNotFeed, "Prensa"},
		{"malformed xml", readParseFixture(t, "malformed.xml"), ClassParse, "parse feed"},
		{"empty body", []byte("  \n"), ClassParse, "empty"},
		{"html without doctype", []byte("<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>"), ClassNotFeed, "503"},
		{"html fragment", []byte("<div class=\"error\">Maintenance in progress</div>"), ClassNotFeed, "html page"},
		{"other xml document", []byte(`<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>`), ClassNotFeed, "<Error>"},
		{"plain text", []byte("Service temporarily unavailable"), ClassNotFeed, "not markup"},
		{"json that is not a feed", []byte(`{"error": "rate limited"}`), ClassNotFeed, "JSON Feed version"},
		{"truncated json feed", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"`), ClassParse, "parse feed"},
		{
			"bare script challenge",
			[]byte(`<script>document.cookie="gv=" + Date.now() + ";path=/"; window.location.href = window.location.href;</script>`),
			ClassChallenge, "challenge",
		},
		{
			"error page with an analytics cookie",
			[]byte(`<!DOCTYPE html><html><head><title>Page Not Found</title><script>document.cookie="_ga=1";</script></head><body><h1>Page not found</h1></body></html>`),
			ClassNotFeed, "Page Not Found",
		},
		{
			"challenge without cookie script but asking for javascript",
			[]byte(`<!doctype html><html><head><title>Un momento…</title><meta http-equiv="refresh" content="5"></head><body><p>Verificando su navegador. Habilite JavaScript.</p></body></html>`),
			ClassChallenge, "challenge",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseFeed(tt.body, "https://www.state.gov/rss-feed/press-releases/feed/", stateSrc, parseNow)
			if err == nil {
				t.Fatalf("no error, %d items", len(items))
			}
			if got := ClassOf(err); got != tt.want {
				t.Errorf("class = %q, want %q (%v)", got, tt.want, err)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q lacks %q", err, tt.message)
			}
		})
	}
}

// TestParseFeedEmptyChannel checks that a valid feed with no items is a
// success with no items (unlike an HTML listing, a feed may be empty).
func TestParseFeedEmptyChannel(t *testing.T) {
	body := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://x.example/</link></channel></rss>`)
	items, err := ParseFeed(body, "https://x.example/rss", stateSrc, parseNow)
	if err != nil || len(items) != 0 {
		t.Fatalf("got %d items, %v; want none and no error", len(items), err)
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"atom.xml", "jsonfeed.json", "rss1.rdf", "latin1.rss", "malformed.xml", "gobmx-challenge.html", "cbp-drupal.rss"} {
		b, err := os.ReadFile(filepath.Join("testdata", "parse", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><title>&amp;nbs</title><link>?a=1</link></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := ParseFeed(body, "https://www.cbp.gov/rss", cbpSrc, parseNow)
		if err != nil {
			if ClassOf(err) == ClassNetwork {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, it := range items {
			if it.GUID == "" || seen[it.GUID] {
				t.Fatalf("empty or repeated GUID %q", it.GUID)
			}
			seen[it.GUID] = true
			if it.Published.Location() != time.UTC {
				t.Fatalf("published not UTC: %v", it.Published)
			}
		}
	})
}

// TestParseFeedPrefixedRoot checks that a root element with a namespace
// prefix is recognised as a feed, not taken for another XML document.
func TestParseFeedPrefixedRoot(t *testing.T) {
	body := []byte(`<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Releases</atom:title>` +
		`<atom:entry><atom:id>urn:x:1</atom:id><atom:title>Joint statement</atom:title><atom:link href="/joint-statement"/>` +
		`<atom:updated>2023-07-14T10:00:00Z</atom:updated></atom:entry></atom:feed>`)
	items, err := ParseFeed(body, "https://www.state.gov/feed.atom", stateSrc, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].GUID != "urn:x:1" || items[0].Link != "https://www.state.gov/joint-statement" {
		t.Fatalf("items = %+v", items)
	}
}
