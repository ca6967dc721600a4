package sources

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/match"
)

// presetDir holds the list pages and feeds the presets are tested on.
const presetDir = "../feeds/testdata/presets"

func builtinCatalogue(t testing.TB) *Catalogue {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatalf("built-in catalogue: %v", err)
	}
	return c
}

func TestCatalogueEntries(t *testing.T) {
	c := builtinCatalogue(t)
	lex, err := match.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(lex); err != nil {
		t.Errorf("institutions unknown to the gazetteer:\n%v", err)
	}
	seen := map[string]bool{}
	for _, e := range c.Entries() {
		if seen[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
		if e.Side != "mx" && e.Side != "us" {
			t.Errorf("%s: side %q", e.ID, e.Side)
		}
		u, err := url.Parse(e.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s: url %q", e.ID, e.URL)
		}
		if e.Side == "mx" && (e.Type != config.TypeHTML || e.Preset != PresetGobMX || u.Host != "www.gob.mx" ||
			!strings.HasSuffix(u.Path, "/archivo/prensa") || u.Query().Get("idiom") != "es" || u.Query().Get("order") != "DESC") {
			t.Errorf("%s: a Mexican office is a gob.mx press list read with the gobmx preset, got %s %s %s", e.ID, e.Type, e.Preset, e.URL)
		}
	}
	// The offices issue 12 names, by gazetteer institution.
	want := map[string][]string{
		"mx": {"sre", "mx_presidency", "sspc", "segob", "inm", "mx_national_guard", "sedena", "semar", "fgr", "shcp",
			"mx_economy_ministry", "anam", "sener", "semarnat", "conagua", "sader", "senasica", "mx_health_ministry", "cila"},
		"us": {"state_department", "wha", "white_house", "dhs", "cbp", "ice", "doj", "dea", "atf", "treasury", "ustr",
			"us_commerce_department", "usda", "aphis", "us_embassy_mexico", "us_consulates_mexico", "ibwc"},
	}
	have := map[string]bool{}
	for _, e := range c.Entries() {
		for _, inst := range e.Institutions() {
			have[e.Side+"/"+inst] = true
		}
	}
	for side, insts := range want {
		for _, inst := range insts {
			if !have[side+"/"+inst] {
				t.Errorf("no %s office for %s", side, inst)
			}
		}
	}
	var langs []string
	for _, e := range c.Entries() {
		if e.Institution == "us_embassy_mexico" {
			langs = append(langs, e.Language)
		}
	}
	if strings.Join(langs, ",") != "es,en" {
		t.Errorf("US Embassy offices in %v, want es and en", langs)
	}
}

func TestCatalogueRejectsBadEntries(t *testing.T) {
	lex, err := match.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	entry := "offices:\n  - {id: x1, side: us, institution: cbp, name: X, language: en, type: rss, url: 'https://example.org/feed'}\n"
	tests := []struct {
		name, doc, want string
	}{
		{"duplicate id in a file", entry + "  - {id: x1, side: us, institution: cbp, name: Y, language: en, type: rss, url: 'https://example.org/y'}\n", `duplicate office id "x1"`},
		{"bad side", strings.Replace(entry, "side: us", "side: ca", 1), `side "ca"`},
		{"plain http url", strings.Replace(entry, "https://", "http://", 1), "want an https URL"},
		{"html without preset", strings.Replace(entry, "type: rss", "type: html", 1), `preset "" unknown`},
		{"unknown key", strings.Replace(entry, "name: X", "nombre: X", 1), "not found"},
		{"bad schedule", strings.Replace(entry, "name: X", "name: X, schedule: 'every day'", 1), "schedule"},
		{"unknown institution", strings.Replace(entry, "institution: cbp", "institution: cbx", 1), `institution "cbx" is not in the gazetteer`},
		{"institution of the other side", strings.Replace(entry, "institution: cbp", "institution: inm", 1), `belongs to side "mx"`},
		{"not an institution", strings.Replace(entry, "institution: cbp", "institution: san_ysidro", 1), "not an institution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "extra.yaml")
			if err := os.WriteFile(path, []byte(tt.doc), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path)
			if err == nil {
				err = c.Check(lex)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadExtendsAndReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "extra.yaml")
	doc := `offices:
  - {id: texas-dps, side: us, institution: texas_dps, name: Texas DPS, language: en, type: rss, url: 'https://www.dps.texas.gov/news/rss'}
  - {id: inm, side: mx, institution: inm, name: INM (mirror), language: es, type: html, preset: gobmx, url: 'https://mirror.example.org/inm/archivo/prensa'}
`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := builtinCatalogue(t)
	if got, want := len(c.Entries()), len(b.Entries())+1; got != want {
		t.Errorf("%d entries, want %d (one added, one replaced)", got, want)
	}
	if e, ok := c.Get("texas-dps"); !ok || e.Institution != "texas_dps" {
		t.Errorf("added entry = %+v, %v", e, ok)
	}
	if e, _ := c.Get("inm"); e.Name != "INM (mirror)" {
		t.Errorf("inm not replaced: %+v", e)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestDefaultFeedsAreCatalogueEntries: the config's built-in feeds are the
// catalogue's offices under the same ids, and they are the ones issue 12
// asks a newsroom to watch first.
func TestDefaultFeedsAreCatalogueEntries(t *testing.T) {
	c := builtinCatalogue(t)
	var ids []string
	for _, f := range config.Default().Feeds {
		e, ok := c.Get(f.Name)
		if !ok {
			t.Errorf("default feed %s is not a catalogue id", f.Name)
			continue
		}
		ids = append(ids, f.Name)
		if got := e.Feed(); !reflect.DeepEqual(got, f) {
			t.Errorf("default feed %s differs from the catalogue's:\n got %+v %+v\nwant %+v %+v", f.Name, f, f.HTML, got, got.HTML)
		}
	}
	if got := strings.Join(ids, " "); got != "sre presidencia sspc inm fgr state-press state-wha white-house dhs cbp doj" {
		t.Errorf("default feeds = %s", got)
	}
}

func TestPresetsParseFixtures(t *testing.T) {
	now := time.Date(2031, 3, 11, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		file    string
		preset  string // "" for a feed
		titles  []string
		first   string // first item's link
		date    time.Time
		next    string
		errCode feeds.ErrorClass
	}{
		{file: "gobmx-list.html", preset: PresetGobMX,
			titles: []string{"INM y CBP refuerzan operativo binacional en la garita de Nogales", "Rescata INM a 40 personas migrantes en Chihuahua", "Comunicado conjunto sobre el flujo migratorio en la frontera norte"},
			first:  "https://www.gob.mx/inm/prensa/inm-y-cbp-refuerzan-operativo-binacional-en-la-garita-de-nogales?idiom=es",
			// 18:30 in Mexico City (UTC-6 in March since 2022).
			date: time.Date(2031, 3, 10, 0, 30, 0, 0, time.UTC),
			next: "https://www.gob.mx/inm/archivo/prensa?idiom=es&order=DESC&page=2"},
		{file: "gobmx-last.html", preset: PresetGobMX,
			titles: []string{"Guardia Nacional asegura armas de fuego en Sonora", "Despliegue de la Guardia Nacional en la frontera sur"},
			first:  "https://www.gob.mx/guardianacional/prensa/guardia-nacional-asegura-armas-de-fuego-en-sonora",
			date:   time.Date(2031, 3, 1, 5, 15, 0, 0, time.UTC)},
		{file: "gobmx-challenge.html", preset: PresetGobMX, errCode: feeds.ClassChallenge},
		{file: "wordpress-list.html", preset: PresetWordPress,
			titles: []string{"IBWC and CILA Agree on Rio Grande Water Deliveries", "Tijuana River Sewage Project Update"},
			first:  "https://www.ibwc.gov/2031/03/ibwc-and-cila-agree-on-rio-grande-water-deliveries/",
			date:   time.Date(2031, 3, 6, 20, 0, 0, 0, time.UTC),
			next:   "https://www.ibwc.gov/news-releases/page/2/"},
		{file: "drupal-list.html", preset: PresetDrupal,
			titles: []string{"DEA and Mexican Authorities Dismantle Fentanyl Lab", "Two Sentenced for Trafficking"},
			first:  "https://www.dea.gov/press-releases/2031/03/05/dea-and-mexican-authorities-dismantle-fentanyl-lab",
			date:   time.Date(2031, 3, 5, 17, 0, 0, 0, time.UTC),
			next:   "https://www.dea.gov/what-we-do/news/press-releases?page=1"},
		{file: "wordpress-feed.xml",
			titles: []string{"Readout of the President’s Call with the President of Mexico", "Comunicado: la Embajada anuncia nuevas citas de visa"},
			first:  "https://www.example.gov/briefings/2031/03/09/readout-call-president-of-mexico/",
			date:   time.Date(2031, 3, 9, 23, 10, 0, 0, time.UTC)},
		{file: "drupal-feed.xml",
			titles: []string{"CBP, Mexican Partners Conduct Binational Operation at Nogales", "Officers Seize Methamphetamine at Otay Mesa"},
			first:  "https://www.example.gov/newsroom/national-media-release/cbp-mexican-partners-conduct-binational-operation-nogales",
			date:   time.Date(2031, 3, 10, 15, 0, 0, 0, time.UTC)},
	}
	// Page URLs the list fixtures stand for (relative links resolve against them).
	pageURL := map[string]string{
		"gobmx-list.html":      "https://www.gob.mx/inm/archivo/prensa?idiom=es&order=DESC&page=1",
		"gobmx-last.html":      "https://www.gob.mx/guardianacional/archivo/prensa?idiom=es&order=DESC&page=2",
		"gobmx-challenge.html": "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC",
		"wordpress-list.html":  "https://www.ibwc.gov/news-releases/",
		"drupal-list.html":     "https://www.dea.gov/what-we-do/news/press-releases",
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(presetDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			src := feeds.Source{Name: "fixture", Side: "us", Language: "en", Type: feeds.TypeRSS}
			var items []match.Item
			var next string
			if tt.preset != "" {
				sel, ok := Preset(tt.preset)
				if !ok {
					t.Fatalf("no preset %s", tt.preset)
				}
				src.Type, src.HTML = feeds.TypeHTML, &sel
				items, next, err = feeds.ParseHTMLList(body, pageURL[tt.file], src, now)
			} else {
				items, err = feeds.ParseFeed(body, "https://www.example.gov/feed", src, now)
			}
			if tt.errCode != "" {
				if feeds.ClassOf(err) != tt.errCode {
					t.Fatalf("err = %v (class %q), want class %q", err, feeds.ClassOf(err), tt.errCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, it := range items {
				titles = append(titles, it.Title)
				if it.DateGuessed {
					t.Errorf("%q: date guessed", it.Title)
				}
			}
			if !reflect.DeepEqual(titles, tt.titles) {
				t.Errorf("titles = %q\nwant     %q", titles, tt.titles)
			}
			if len(items) > 0 && (items[0].Link != tt.first || !items[0].Published.Equal(tt.date)) {
				t.Errorf("first item %s at %s, want %s at %s", items[0].Link, items[0].Published, tt.first, tt.date)
			}
			if next != tt.next {
				t.Errorf("next = %q, want %q", next, tt.next)
			}
		})
	}
}

// TestEveryOfficeHasAFixture: each office parses the fixture of its kind
// through its own source (Entry.Source), so a new office or preset cannot
// ship without a fixture of its CMS.
func TestEveryOfficeHasAFixture(t *testing.T) {
	now := time.Date(2031, 3, 11, 12, 0, 0, 0, time.UTC)
	htmlFixture := map[string]string{PresetGobMX: "gobmx-list.html", PresetWordPress: "wordpress-list.html", PresetDrupal: "drupal-list.html"}
	// RSS offices by the CMS that serves their feed.
	rssFixture := map[string]string{
		"state-press": "wordpress-feed.xml", "state-wha": "wordpress-feed.xml", "white-house": "wordpress-feed.xml",
		"us-embassy-mx-es": "wordpress-feed.xml", "us-embassy-mx-en": "wordpress-feed.xml",
		"dhs": "drupal-feed.xml", "cbp": "drupal-feed.xml", "cbp-local": "drupal-feed.xml", "doj": "drupal-feed.xml",
	}
	for _, e := range builtinCatalogue(t).Entries() {
		t.Run(e.ID, func(t *testing.T) {
			file := rssFixture[e.ID]
			if e.Type == config.TypeHTML {
				file = htmlFixture[e.Preset]
			}
			if file == "" {
				t.Fatalf("no fixture for %s (%s %s)", e.ID, e.Type, e.Preset)
			}
			path, err := filepath.Abs(filepath.Join(presetDir, file))
			if err != nil {
				t.Fatal(err)
			}
			src := e.Source(path)
			if src.Name != e.ID || src.Side != e.Side || (src.HTML != nil && src.HTML.Body != "") {
				t.Errorf("source = %+v", src)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var items []match.Item
			if src.Kind() == feeds.TypeHTML {
				items, _, err = feeds.ParseHTMLList(body, e.URL, src, now)
			} else {
				items, err = feeds.ParseFeed(body, e.URL, src, now)
			}
			if err != nil || len(items) < 2 {
				t.Fatalf("%d items, err %v", len(items), err)
			}
			for _, it := range items {
				if it.Side != e.Side || it.Feed != e.ID {
					t.Errorf("item %q: side %s feed %s", it.Title, it.Side, it.Feed)
				}
			}
		})
	}
}

func TestOffices(t *testing.T) {
	c := builtinCatalogue(t)
	sre := config.Feed{Name: "sre", Side: "mx", URL: "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1"}
	// The INM under another name, identified by its URL.
	inm := config.Feed{Name: "migracion", Side: "mx", URL: "https://www.gob.mx/inm/archivo/prensa?idiom=es&order=DESC&page=2"}
	// The Guardia Nacional through a mirror, identified by its office key.
	gn := config.Feed{Name: "gn", Side: "mx", URL: "https://mirror.example.org/gn", Office: "guardia-nacional"}
	cbp := config.Feed{Name: "cbp", Side: "us", URL: "https://www.cbp.gov/rss/newsroom/media-releases"}
	// Outside the catalogue: could be any US office.
	local := config.Feed{Name: "local-news", Side: "us", URL: "https://example.org/rss"}
	tests := []struct {
		name      string
		feeds     []config.Feed
		watched   []string // office ids watched
		unwatched []string // office ids known and not watched
		absent    []string // office ids the engine is not told of
	}{
		{"identified by name and URL, URL, office key", []config.Feed{sre, inm, gn, cbp},
			[]string{"sre", "inm", "guardia-nacional", "cbp"}, []string{"fgr", "presidencia", "ice", "dea"}, nil},
		{"an unidentified feed turns its side's catalogue off", []config.Feed{sre, cbp, local},
			[]string{"sre", "cbp", "local-news"}, []string{"fgr", "inm"}, []string{"ice", "dea", "state-press"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			offs, err := c.Offices(tt.feeds)
			if err != nil {
				t.Fatal(err)
			}
			watched := map[string]bool{}
			known := map[string]bool{}
			for _, o := range offs {
				known[o.ID] = true
				watched[o.ID] = watched[o.ID] || o.Watched
			}
			for _, id := range tt.watched {
				if !watched[id] {
					t.Errorf("%s not watched", id)
				}
			}
			for _, id := range tt.unwatched {
				if !known[id] || watched[id] {
					t.Errorf("%s: known %v watched %v, want known and unwatched", id, known[id], watched[id])
				}
			}
			for _, id := range tt.absent {
				if known[id] {
					t.Errorf("%s: known, want absent", id)
				}
			}
		})
	}
	if _, err := c.Offices([]config.Feed{{Name: "x", Side: "mx", URL: "https://example.org", Office: "nope"}}); err == nil ||
		!strings.Contains(err.Error(), `office "nope" is not in the catalogue`) {
		t.Errorf("unknown office: err = %v", err)
	}
}
