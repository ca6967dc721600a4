package feeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sreSrc is the SRE press list as configured with the gob.mx preset.
var sreSrc = Source{
	Name: "sre-prensa", Side: "mx", Type: TypeHTML, Language: "es",
	URL:  "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1",
	HTML: &GobMXSelectors,
}

func TestParseHTMLListGolden(t *testing.T) {
	tests := []struct {
		fixture string
		url     string
	}{
		{"sre-page1.html", "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1"},
		{"sre-page2.html", "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=2"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			items, next, err := ParseHTMLList(readParseFixture(t, tt.fixture), tt.url, sreSrc, parseNow)
			if err != nil {
				t.Fatalf("ParseHTMLList: %v", err)
			}
			for _, it := range items {
				assertCleanItem(t, it, sreSrc)
			}
			checkParseGolden(t, strings.TrimSuffix(tt.fixture, ".html"), struct {
				Next  string `json:"next"`
				Items any    `json:"items"`
			}{next, items})
		})
	}
}

func TestParseHTMLListSRE(t *testing.T) {
	const page1 = "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1"
	items, next, err := ParseHTMLList(readParseFixture(t, "sre-page1.html"), page1, sreSrc, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 9 {
		t.Errorf("page 1: %d items, want the 9 articles", len(items))
	}
	if want := "https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=2"; next != want {
		t.Errorf("next = %q, want %q", next, want)
	}
	first := items[0]
	wantLink := "https://www.gob.mx/sre/prensa/mexico-y-estados-unidos-acuerdan-fortalecer-la-cooperacion-contra-el-trafico-de-armas?idiom=es"
	if first.Link != wantLink || first.GUID != wantLink {
		t.Errorf("first item link/guid = %q/%q, want %q", first.Link, first.GUID, wantLink)
	}
	if first.Title != "México y Estados Unidos acuerdan fortalecer la cooperación contra el tráfico de armas" {
		t.Errorf("first title = %q", first.Title)
	}
	// 2023-07-14T10:00 in Mexico City, which has no DST since late 2022: UTC-6.
	if got := first.Published.Format(time.RFC3339); got != "2023-07-14T16:00:00Z" {
		t.Errorf("first published = %s, want 2023-07-14T16:00:00Z", got)
	}
	if first.Language != "es" || first.Side != "mx" {
		t.Errorf("language/side = %s/%s", first.Language, first.Side)
	}
	if items[3].Title != "México & EUA: reunión técnica sobre flujos migratorios en la frontera norte" {
		t.Errorf("entity in title not decoded: %q", items[3].Title)
	}
	if items[5].Title != "Protección consular a connacionales afectados por el cierre temporal del puerto de entrada en Eagle Pass" {
		t.Errorf("multi-line title not folded: %q", items[5].Title)
	}

	items2, next2, err := ParseHTMLList(readParseFixture(t, "sre-page2.html"), next, sreSrc, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if next2 != "" {
		t.Errorf("last page: next = %q, want none", next2)
	}
	// The gallery without a link is skipped; the entry without a date is kept.
	if len(items2) != 3 {
		t.Fatalf("page 2: %d items, want 3", len(items2))
	}
	byLink := byGUID(t, items2)
	undated := byLink["https://www.gob.mx/sre/prensa/aviso-a-la-comunidad-mexicana-en-texas?idiom=es"]
	if !undated.DateGuessed || !undated.Published.Equal(parseNow) {
		t.Errorf("undated entry: published %v guessed %v, want the poll time, guessed", undated.Published, undated.DateGuessed)
	}
	spaced := byLink["https://www.gob.mx/sre/prensa/concluye-visita-de-trabajo-del-subsecretario-para-america-del-norte?idiom=es"]
	if got := spaced.Published.Format(time.RFC3339); got != "2023-07-03T23:00:00Z" {
		t.Errorf("zone-less \"2023-07-03 17:00\": published %s, want 2023-07-03T23:00:00Z", got)
	}
	if items2[0].Language != "es-MX" {
		t.Errorf("page language = %q, want the page's declared es-MX", items2[0].Language)
	}
}

// TestParseHTMLListMexicoCityTime checks zone-less dates read in
// America/Mexico_City, across the DST rules before and after Mexico
// abolished DST in October 2022.
func TestParseHTMLListMexicoCityTime(t *testing.T) {
	tests := []struct {
		datetime string
		want     string
	}{
		{"2019-07-22T10:00", "2019-07-22T15:00:00Z"},    // CDT, UTC-5
		{"2019-01-22T10:00:00", "2019-01-22T16:00:00Z"}, // CST, UTC-6
		{"2023-07-22T10:00:00", "2023-07-22T16:00:00Z"}, // no DST since 2022
		{"2019-07-22 10:00", "2019-07-22T15:00:00Z"},
		{"2019-07-22", "2019-07-22T05:00:00Z"},
		{"2019-07-22T10:00:00Z", "2019-07-22T10:00:00Z"}, // a zone in the text wins
		{"2019-07-22T10:00:00-04:00", "2019-07-22T14:00:00Z"},
		{"22 de julio de 2019", "2019-07-22T05:00:00Z"},
		{"lunes, 22 de julio de 2019 a las 10:30 hrs", "2019-07-22T15:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.datetime, func(t *testing.T) {
			page := `<html><body><article><h2>Comunicado</h2><time datetime="` + tt.datetime + `">x</time><a class="small-link" href="/sre/prensa/comunicado">Leer</a></article></body></html>`
			items, _, err := ParseHTMLList([]byte(page), sreSrc.URL, sreSrc, parseNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := items[0].Published.Format(time.RFC3339); got != tt.want || items[0].DateGuessed {
				t.Errorf("published = %s (guessed %v), want %s", got, items[0].DateGuessed, tt.want)
			}
		})
	}
}

func TestParseHTMLListSelectors(t *testing.T) {
	page := `<!doctype html><html><head><base href="https://www.example.gob.mx/prensa/"></head><body>
<div class="item"><h3><a href="comunicado-1">Primer comunicado</a></h3><span class="date">22/07/2019</span><div class="teaser"><p>Primer&nbsp;párrafo.</p><p>Segundo.</p></div></div>
<div class="item"><h3><a href="comunicado-2">Segundo comunicado</a></h3><span class="date">no es fecha</span></div>
<a class="next" href="?page=2">Siguiente</a></body></html>`
	src := Source{Name: "estado", Side: "mx", Language: "es", HTML: &HTMLSelectors{
		Item: "div.item", Title: "h3", Date: "span.date", DateFormat: "02/01/2006", TimeZone: "America/Mexico_City",
		Summary: "div.teaser", Next: "a.next",
	}}
	items, next, err := ParseHTMLList([]byte(page), "https://www.example.gob.mx/archivo", src, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("%d items, want 2", len(items))
	}
	if items[0].Link != "https://www.example.gob.mx/prensa/comunicado-1" {
		t.Errorf("link without a link selector = %q, want the title's link resolved against <base>", items[0].Link)
	}
	if got := items[0].Published.Format(time.RFC3339); got != "2019-07-22T05:00:00Z" {
		t.Errorf("DateFormat date = %s, want 2019-07-22T05:00:00Z", got)
	}
	if items[0].Summary != "Primer párrafo.\n\nSegundo." || !strings.Contains(items[0].SummaryHTML, "<p>Primer") {
		t.Errorf("summary = %q, html %q", items[0].Summary, items[0].SummaryHTML)
	}
	if !items[1].DateGuessed {
		t.Errorf("unparseable date not flagged as guessed: %v", items[1].Published)
	}
	if next != "https://www.example.gob.mx/prensa/?page=2" {
		t.Errorf("next = %q", next)
	}
}

// TestParseHTMLListWindows1252 reads a listing whose meta tag declares
// windows-1252, with Spanish long dates in the text and no link selector.
func TestParseHTMLListWindows1252(t *testing.T) {
	src := Source{Name: "consulado", Side: "mx", Language: "es", HTML: &HTMLSelectors{
		Item: "tr.boletin", Title: "a", Date: "td.fecha", TimeZone: "America/Phoenix",
	}}
	items, next, err := ParseHTMLList(readParseFixture(t, "listing-windows1252.html"), "https://consulmex.example.org/prensa/index.html", src, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || next != "" {
		t.Fatalf("%d items, next %q; want 2 and none", len(items), next)
	}
	want := []struct{ title, link, published string }{
		{"Operación conjunta contra el tráfico de armas en cinco cruces fronterizos", "https://consulmex.example.org/prensa/boletines/2019/boletin-112.html", "2019-07-22T07:00:00Z"},
		{"Jornada de atención consular “Sobre Ruedas” en Yuma", "https://consulmex.example.org/prensa/boletines/2019/boletin-111.html", "2019-07-19T07:00:00Z"},
	}
	for i, w := range want {
		it := items[i]
		if it.Title != w.title || it.Link != w.link || it.Published.Format(time.RFC3339) != w.published {
			t.Errorf("item %d = %q %q %s, want %q %q %s", i, it.Title, it.Link, it.Published.Format(time.RFC3339), w.title, w.link, w.published)
		}
	}
}

func TestParseHTMLListErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		src  Source
		want ErrorClass
	}{
		{"challenge page", readParseFixture(t, "gobmx-challenge.html"), sreSrc, ClassChallenge},
		{"redesigned page without articles", readParseFixture(t, "sre-no-articles.html"), sreSrc, ClassEmpty},
		{"error page", readParseFixture(t, "state-technical-difficulties.html"), sreSrc, ClassEmpty},
		{"every entry broken", readParseFixture(t, "sre-broken-entries.html"), sreSrc, ClassParse},
		{"empty body", nil, sreSrc, ClassEmpty},
		{"no selectors", readParseFixture(t, "sre-page1.html"), Source{Name: "x"}, ClassParse},
		{"unknown time zone", readParseFixture(t, "sre-page1.html"), Source{Name: "x", HTML: &HTMLSelectors{Item: "article", TimeZone: "Mars/Olympus"}}, ClassParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _, err := ParseHTMLList(tt.body, sreSrc.URL, tt.src, parseNow)
			if err == nil {
				t.Fatalf("no error, %d items", len(items))
			}
			if got := ClassOf(err); got != tt.want {
				t.Errorf("class = %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

func TestExtractBody(t *testing.T) {
	const itemURL = "https://www.gob.mx/sre/prensa/mexico-y-estados-unidos-acuerdan-fortalecer-la-cooperacion-contra-el-trafico-de-armas?idiom=es"
	body, err := ExtractBody(readParseFixture(t, "sre-item.html"), itemURL, GobMXSelectors.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<strong>Comunicado No. 287</strong>`,
		`href="https://www.gob.mx/sre/documentos/comunicado-conjunto-gis"`,
		`src="https://www.gob.mx/cms/uploads/image/file/801/reunion-seguridad.jpg"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "twitter.com/intent") || strings.Contains(body, "article-body") {
		t.Errorf("body holds more than the selected element's content:\n%s", body)
	}
	text := HTMLToText(body)
	if !strings.Contains(text, "Ambos gobiernos se comprometieron a:\n\nIncrementar las inspecciones de carga hacia el sur.\nCompartir datos") {
		t.Errorf("body text = %q", text)
	}

	tests := []struct {
		name     string
		body     []byte
		selector string
		want     ErrorClass
	}{
		{"selector matches nothing", readParseFixture(t, "sre-item.html"), "div.no-such-thing", ClassEmpty},
		{"challenge page", readParseFixture(t, "gobmx-challenge.html"), GobMXSelectors.Body, ClassChallenge},
		{"empty selector", readParseFixture(t, "sre-item.html"), " ", ClassParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractBody(tt.body, itemURL, tt.selector)
			if got := ClassOf(err); got != tt.want {
				t.Errorf("class = %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

func FuzzParseHTMLList(f *testing.F) {
	for _, name := range []string{"sre-page2.html", "gobmx-challenge.html", "sre-broken-entries.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", "parse", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<article><h2>T</h2><time datetime="31 de febrero de 2019">x</time><a class="small-link" href="javascript:void(0)">x</a></article>`))
	f.Add([]byte(`<article><h2>T</h2><time datetime="2019-07-22T10:00">x</time><a class="small-link" href="%zz">x</a></article><a rel="next" href="//x">n</a>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, next, err := ParseHTMLList(body, sreSrc.URL, sreSrc, parseNow)
		if err != nil {
			if ClassOf(err) == ClassNetwork {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if len(items) == 0 {
			t.Fatal("success without items")
		}
		for _, it := range items {
			if it.Title == "" || it.Link == "" || it.GUID == "" {
				t.Fatalf("incomplete item %+v", it)
			}
		}
		if next == sreSrc.URL {
			t.Fatal("next page is the page itself")
		}
	})
}
