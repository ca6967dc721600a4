package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/gapwatch/gapwatch/match"
)

// GobMXSelectors reads the SRE's press list on gob.mx, which publishes no
// RSS: https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1.
// The markup is the one issue 2 describes: 9 article elements a page, the
// title in an h2, the link in a.small-link (relative), the date in
// time[datetime] without a zone (read in America/Mexico_City), and
// pagination links of the form ?page=N. The next-page and item-body
// selectors follow the site's usual markup (a rel="next" or "next" item of
// the pagination list; the release text in div.article-body).
var GobMXSelectors = HTMLSelectors{
	Item:         "article",
	Title:        "h2",
	Link:         "a.small-link",
	Date:         "time[datetime]",
	DateAttr:     "datetime",
	TimeZone:     "America/Mexico_City",
	Next:         `a[rel="next"], ul.pagination li.next a, li.pagination-next a`,
	MaxPages:     3,
	Body:         "div.article-body",
	BodyInterval: 2 * time.Second,
}

// ParseHTMLList reads one listing page of an html source with its selectors,
// returning its items and the absolute URL of the next page ("" if none).
//
// A page where the item selector finds nothing is an error, never an empty
// success: ClassChallenge when it looks like a JavaScript challenge page,
// else ClassEmpty. Entries without a title or a link are skipped; a page
// where every entry is broken is ClassParse. Dates without a zone are read
// in the selectors' TimeZone; an entry without a readable date gets now,
// flagged as guessed.
func ParseHTMLList(body []byte, pageURL string, src Source, now time.Time) ([]match.Item, string, error) {
	sel := src.HTML
	if sel == nil || sel.Item == "" {
		return nil, "", &Error{Class: ClassParse, Err: fmt.Errorf("parse html %s: source has no item selector", src.Name)}
	}
	loc, err := loadZone(sel.TimeZone)
	if err != nil {
		return nil, "", &Error{Class: ClassParse, Err: fmt.Errorf("parse html %s: %w", src.Name, err)}
	}
	doc, err := readDocument(body)
	if err != nil {
		return nil, "", &Error{Class: ClassParse, Err: fmt.Errorf("parse html %s: %w", src.Name, err)}
	}
	base := documentBase(doc, pageURL)

	entries := doc.Find(sel.Item)
	if entries.Length() == 0 {
		if inspectPage(body).challenge() {
			return nil, "", &Error{Class: ClassChallenge, Err: fmt.Errorf("parse html %s: javascript challenge page %q", src.Name, pageTitle(doc))}
		}
		return nil, "", &Error{Class: ClassEmpty, Err: fmt.Errorf("parse html %s: selector %q found no entries on page %q", src.Name, sel.Item, pageTitle(doc))}
	}

	lang := src.Language
	if l := strings.TrimSpace(doc.Find("html").AttrOr("lang", "")); l != "" {
		lang = l
	}
	items := make([]match.Item, 0, entries.Length())
	broken := 0
	entries.Each(func(_ int, e *goquery.Selection) {
		it, ok := htmlEntry(e, sel, base, loc, src, lang, now)
		if !ok {
			broken++
			return
		}
		items = append(items, it)
	})
	if len(items) == 0 {
		return nil, "", &Error{Class: ClassParse, Err: fmt.Errorf("parse html %s: none of %d entries has both a title and a link", src.Name, broken)}
	}

	next := ""
	if sel.Next != "" {
		if href, ok := doc.Find(sel.Next).First().Attr("href"); ok {
			next = resolveLink(base, href)
			if next == pageURL || !(isWebURL(next) || strings.HasPrefix(next, "file:")) {
				next = ""
			}
		}
	}
	return dedupeGUIDs(items), next, nil
}

// htmlEntry reads one entry of a listing; ok is false when it lacks a
// title or a link.
func htmlEntry(e *goquery.Selection, sel *HTMLSelectors, base *url.URL, loc *time.Location, src Source, lang string, now time.Time) (match.Item, bool) {
	titleSel := e
	if sel.Title != "" {
		titleSel = e.Find(sel.Title).First()
	}
	title := oneLine(foldText(titleSel.Text()))

	var href string
	var ok bool
	switch {
	case sel.Link != "":
		href, ok = e.Find(sel.Link).First().Attr("href")
	default:
		href, ok = titleSel.Find("a[href]").First().Attr("href")
		if !ok {
			href, ok = e.Find("a[href]").First().Attr("href")
		}
	}
	link := ""
	if ok {
		link = resolveLink(base, href)
	}
	if title == "" || !(isWebURL(link) || strings.HasPrefix(link, "file:")) {
		return match.Item{}, false
	}

	it := match.Item{
		Feed:     src.Name,
		Side:     src.Side,
		GUID:     link,
		Title:    title,
		Link:     link,
		Language: lang,
	}
	if sel.Date != "" {
		d := e.Find(sel.Date).First()
		raw := d.Text()
		if sel.DateAttr != "" {
			raw = d.AttrOr(sel.DateAttr, "")
		}
		if t, ok := parseDate(raw, sel.DateFormat, loc); ok {
			it.Published = t.UTC()
		}
	}
	if it.Published.IsZero() {
		it.Published = now.UTC()
		it.DateGuessed = true
	}
	if sel.Summary != "" {
		if s := e.Find(sel.Summary).First(); s.Length() > 0 {
			h, err := s.Html()
			if err == nil {
				it.SummaryHTML = strings.TrimSpace(h)
				it.Summary = HTMLToText(it.SummaryHTML)
			}
		}
	}
	return it, true
}

// ExtractBody returns the HTML of the element selected by selector on an
// item's own page, with its relative links and image sources made
// absolute against pageURL. A selector that matches nothing is an error
// (ClassChallenge on a challenge page, else ClassEmpty).
func ExtractBody(body []byte, pageURL, selector string) (string, error) {
	if strings.TrimSpace(selector) == "" {
		return "", &Error{Class: ClassParse, Err: errors.New("extract body: empty selector")}
	}
	doc, err := readDocument(body)
	if err != nil {
		return "", &Error{Class: ClassParse, Err: fmt.Errorf("extract body: %w", err)}
	}
	s := doc.Find(selector).First()
	if s.Length() == 0 {
		if inspectPage(body).challenge() {
			return "", &Error{Class: ClassChallenge, Err: fmt.Errorf("extract body: javascript challenge page %q", pageTitle(doc))}
		}
		return "", &Error{Class: ClassEmpty, Err: fmt.Errorf("extract body: selector %q found nothing on %s", selector, pageURL)}
	}
	base := documentBase(doc, pageURL)
	for _, attr := range []string{"href", "src"} {
		s.Find("[" + attr + "]").Each(func(_ int, el *goquery.Selection) {
			v := el.AttrOr(attr, "")
			if !strings.HasPrefix(v, "#") && !strings.HasPrefix(strings.ToLower(v), "javascript:") {
				el.SetAttr(attr, resolveLink(base, v))
			}
		})
	}
	h, err := s.Html()
	if err != nil {
		return "", &Error{Class: ClassParse, Err: fmt.Errorf("extract body: %w", err)}
	}
	return strings.TrimSpace(h), nil
}

// readDocument parses an HTML page, decoding it to UTF-8 from the charset
// its byte order mark or meta tag declares; an undeclared page is read as
// UTF-8 when it is valid UTF-8.
func readDocument(body []byte) (*goquery.Document, error) {
	var r io.Reader = bytes.NewReader(body)
	enc, name, certain := charset.DetermineEncoding(body, "text/html")
	if name != "utf-8" && (certain || !utf8.Valid(body)) {
		r = transform.NewReader(r, enc.NewDecoder())
	}
	return goquery.NewDocumentFromReader(r)
}

// documentBase is the base of a page's relative links: its <base href>
// resolved against the page URL, else the page URL.
func documentBase(doc *goquery.Document, pageURL string) *url.URL {
	base := parseBase(pageURL)
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b := parseBase(resolveLink(base, href)); b != nil {
			return b
		}
	}
	return base
}

// pageTitle returns a page's folded <title>.
func pageTitle(doc *goquery.Document) string {
	return oneLine(foldText(doc.Find("title").First().Text()))
}

// zones caches loaded time zones.
var zones sync.Map

// loadZone returns the named IANA zone, UTC for "".
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, err)
	}
	zones.Store(name, l)
	return l, nil
}

// zonedLayouts are tried first; their zone wins over the source's.
var zonedLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05-07:00",
}

// localLayouts carry no zone and are read in the source's zone.
var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

// parseDate reads a listing's date with layout (when set) or the common
// layouts, zone-less ones in loc.
func parseDate(raw, layout string, loc *time.Location) (time.Time, bool) {
	raw = oneLine(foldText(raw))
	if raw == "" {
		return time.Time{}, false
	}
	if layout != "" {
		t, err := time.ParseInLocation(layout, raw, loc)
		return t, err == nil
	}
	return parseLooseDate(raw, loc)
}

// parseLooseDate tries RFC 3339, RFC 1123 and common zone-less layouts
// (read in loc), then Spanish long dates such as "22 de julio de 2019".
func parseLooseDate(raw string, loc *time.Location) (time.Time, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return time.Time{}, false
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, raw); err == nil {
			return t, true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, raw, loc); err == nil {
			return t, true
		}
	}
	return parseSpanishDate(raw, loc)
}

// spanishMonths maps Spanish month names (and common abbreviations) to months.
var spanishMonths = map[string]time.Month{
	"enero": time.January, "ene": time.January,
	"febrero": time.February, "feb": time.February,
	"marzo": time.March, "mar": time.March,
	"abril": time.April, "abr": time.April,
	"mayo": time.May, "may": time.May,
	"junio": time.June, "jun": time.June,
	"julio": time.July, "jul": time.July,
	"agosto": time.August, "ago": time.August,
	"septiembre": time.September, "setiembre": time.September, "sep": time.September, "sept": time.September,
	"octubre": time.October, "oct": time.October,
	"noviembre": time.November, "nov": time.November,
	"diciembre": time.December, "dic": time.December,
}

// parseSpanishDate reads "22 de julio de 2019", optionally after a weekday
// ("lunes, 22 de julio de 2019") and before a time ("... , 10:30" or
// "a las 10:30"), in loc.
func parseSpanishDate(raw string, loc *time.Location) (time.Time, bool) {
	f := strings.FieldsFunc(strings.ToLower(raw), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '/'
	})
	// Find "D de MONTH de YYYY" (the "de" words optional).
	var day, year, hour, minute int
	month := time.Month(0)
	i := 0
	for i < len(f) && atoiOK(f[i]) < 0 {
		i++
	}
	if i >= len(f) {
		return time.Time{}, false
	}
	day = atoiOK(f[i])
	i++
	if i < len(f) && f[i] == "de" {
		i++
	}
	if i >= len(f) {
		return time.Time{}, false
	}
	m, ok := spanishMonths[f[i]]
	if !ok {
		return time.Time{}, false
	}
	month = m
	i++
	if i < len(f) && (f[i] == "de" || f[i] == "del") {
		i++
	}
	if i >= len(f) {
		return time.Time{}, false
	}
	year = atoiOK(f[i])
	i++
	for ; i < len(f); i++ {
		if hh, mm, ok := strings.Cut(f[i], ":"); ok {
			hour, minute = atoiOK(hh), atoiOK(mm[:min(2, len(mm))])
			break
		}
	}
	if day < 1 || day > 31 || year < 1900 || year > 2999 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, hour, minute, 0, 0, loc)
	if t.Day() != day {
		return time.Time{}, false // 31 de febrero
	}
	return t, true
}

// atoiOK parses a small non-negative decimal, -1 if s is not one.
func atoiOK(s string) int {
	if s == "" || len(s) > 4 {
		return -1
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
