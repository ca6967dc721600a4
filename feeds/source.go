// Package feeds fetches each side's press offices (RSS, Atom, JSON Feed, or
// HTML listing pages read with CSS selectors), normalises every entry to a
// match.Item, stores it once, and schedules polls with backoff that survives
// restarts.
package feeds

import "time"

// Source types.
const (
	TypeRSS  = "rss"
	TypeHTML = "html"
)

// Source is one feed as the fetcher and parsers need it; cmd maps the
// config file onto it.
type Source struct {
	// Name is the feed's unique name.
	Name string
	// Side is the government the feed belongs to.
	Side string
	// URL is an http(s) or file URL, or a plain path.
	URL string
	// Type is TypeRSS (default) or TypeHTML.
	Type string
	// Language is the fallback language when the feed declares none (the side's).
	Language string
	// UserAgent overrides the fetcher's default User-Agent.
	UserAgent string
	// Headers are extra request headers (values may hold secrets: never log them).
	Headers map[string]string
	// Timeout bounds one request; zero uses the fetcher's default.
	Timeout time.Duration
	// MaxBytes caps a response body; zero uses the fetcher's default.
	MaxBytes int64
	// HTML holds the selectors of an html source.
	HTML *HTMLSelectors
	// Fetch is how the source is fetched: FetchHTTP, FetchBrowser or
	// FetchAuto; empty takes FetchMode's default (auto for html sources).
	Fetch string
}

// HTMLSelectors tells how to read a listing page of a publisher with no feed.
type HTMLSelectors struct {
	// Item selects each entry of the list.
	Item string
	// Title, Link, Date and Summary select within an entry.
	Title   string
	Link    string
	Date    string
	Summary string
	// DateAttr is the attribute holding the date (e.g. "datetime"); empty reads the text.
	DateAttr string
	// DateFormat is a Go time layout; empty tries RFC 3339 and common layouts.
	DateFormat string
	// TimeZone is the IANA zone of zone-less dates (e.g. America/Mexico_City).
	TimeZone string
	// Next selects the "next page" link.
	Next string
	// MaxPages caps the pages followed on a feed's first poll (default 1).
	MaxPages int
	// Body selects the text on each new item's own page; empty skips that fetch.
	Body string
	// BodyInterval is the pause between item page fetches (politeness).
	BodyInterval time.Duration
}

// Kind returns the source type with the default applied.
func (s Source) Kind() string {
	if s.Type == "" {
		return TypeRSS
	}
	return s.Type
}
