package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Problem is one thing wrong with a configuration, at a field path such as
// "feeds[2].url".
type Problem struct {
	// Path is the field's path, with YAML key names and list indexes.
	Path string
	// Msg says what is wrong, without quoting secret values.
	Msg string
}

// String returns "path: msg".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// ValidationError lists every problem of a configuration.
type ValidationError struct {
	// Problems are in the order of the file: unexpanded ${VAR} references
	// first, then the fields as Validate visits them.
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// cronParser accepts what robfig/cron's default scheduler accepts: five
// fields, descriptors (@hourly, @every 10m) and a CRON_TZ= prefix.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ValidateSchedule reports whether spec is a schedule the poller accepts.
func ValidateSchedule(spec string) error {
	_, err := cronParser.Parse(spec)
	return err
}

// Validate checks the whole configuration and returns a *ValidationError
// listing every problem, or nil.
func (c *Config) Validate() error {
	v := &validator{}
	v.sides(c.Sides)
	v.feeds(c, c.Feeds)
	v.engine(c.Engine)
	v.storage(c.Storage)
	v.listen(c.Listen)
	switch c.LogFormat {
	case LogText, LogJSON:
	default:
		v.add("log_format", "unknown log format %q (known: text, json)", c.LogFormat)
	}
	v.zone("timezone", c.TimeZone)
	v.poller(c.Poller)
	v.channels(c)
	v.alerts(c.Alerts, c.PublicURL)
	v.web(c.Web)
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

type validator struct {
	problems []Problem
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// identifier checks the field (name or id) of the element at path: present,
// well formed and not seen before among its kind; it records the value in
// seen.
func (v *validator) identifier(path, field, value string, seen map[string]bool) {
	switch {
	case value == "":
		v.add(path+"."+field, "missing")
	case !validName(value):
		v.add(path+"."+field, "%q: use letters, digits, '.', '_' or '-'", value)
	case seen[value]:
		v.add(path+"."+field, "duplicate %s %q", field, value)
	}
	seen[value] = true
}

func (v *validator) sides(sides []Side) {
	if len(sides) == 0 {
		v.add("sides", "no sides configured (e.g. mx and us)")
		return
	}
	seen := map[string]bool{}
	for i, s := range sides {
		p := fmt.Sprintf("sides[%d]", i)
		v.identifier(p, "id", s.ID, seen)
		v.language(p+".language", s.Language, true)
		v.zone(p+".timezone", s.TimeZone)
	}
}

func (v *validator) feeds(c *Config, feeds []Feed) {
	if len(feeds) == 0 {
		v.add("feeds", "no feeds configured")
		return
	}
	known := make([]string, 0, len(c.Sides))
	for _, s := range c.Sides {
		known = append(known, s.ID)
	}
	seen := map[string]bool{}
	for i, f := range feeds {
		p := fmt.Sprintf("feeds[%d]", i)
		v.identifier(p, "name", f.Name, seen)
		switch {
		case len(known) == 0:
			// Reported once, at sides.
		case f.Side == "":
			v.add(p+".side", "missing (known: %s)", strings.Join(known, ", "))
		case !slices.Contains(known, f.Side):
			v.add(p+".side", "unknown side %q (known: %s)", f.Side, strings.Join(known, ", "))
		}
		v.feedURL(p+".url", f.URL)
		if f.Office != "" && !validName(f.Office) {
			v.add(p+".office", "%q: a catalogue id (gapwatch sources)", f.Office)
		}
		switch f.Type {
		case "", TypeRSS:
			if f.HTML != nil {
				v.add(p+".html", "html selectors on an rss feed (set type: html)")
			}
		case TypeHTML:
			v.html(p+".html", f.HTML)
		default:
			v.add(p+".type", "unknown type %q (known: rss, html)", f.Type)
		}
		if f.Schedule != "" {
			if err := ValidateSchedule(f.Schedule); err != nil {
				v.add(p+".schedule", "invalid cron spec %q: %v", f.Schedule, err)
			}
		}
		v.language(p+".language", f.Language, false)
		if strings.ContainsAny(f.UserAgent, "\r\n") {
			v.add(p+".user_agent", "contains a line break")
		}
		names := make([]string, 0, len(f.Headers))
		for name := range f.Headers {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			hp := p + ".headers." + name
			if !validHeaderName(name) {
				v.add(hp, "invalid header name")
				continue
			}
			val := f.Headers[name].Reveal()
			switch {
			case val == "":
				v.add(hp, "empty value")
			case strings.ContainsAny(val, "\r\n\x00"):
				v.add(hp, "value contains a line break or NUL")
			}
		}
		if f.Timeout < 0 {
			v.add(p+".timeout", "negative duration %s", f.Timeout)
		}
		if f.MaxBytes < 0 {
			v.add(p+".max_bytes", "negative size %d", f.MaxBytes)
		}
		v.fetch(p+".fetch", f)
	}
}

// fetch checks a feed's fetch mode: the browser loads only http(s) URLs.
func (v *validator) fetch(path string, f Feed) {
	switch f.Fetch {
	case "", FetchHTTP:
	case FetchBrowser, FetchAuto:
		if u, err := url.Parse(f.URL); err == nil && u.Scheme != "http" && u.Scheme != "https" && f.URL != "" {
			v.add(path, "fetch: %s needs an http(s) url", f.Fetch)
		}
	default:
		v.add(path, "unknown fetch mode %q (known: http, browser, auto)", f.Fetch)
	}
}

func (v *validator) feedURL(path, raw string) {
	if raw == "" {
		v.add(path, "missing")
		return
	}
	// The URL itself is never quoted: it may carry a token.
	u, err := url.Parse(raw)
	if err != nil {
		v.add(path, "not an http(s) or file URL")
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			v.add(path, "http(s) URL without a host")
		}
		if _, ok := u.User.Password(); ok {
			v.add(path, "password in the URL; send credentials in headers, with values from ${VAR}")
		}
	case "file":
		if u.Path == "" && u.Opaque == "" {
			v.add(path, "file URL without a path")
		}
	default:
		v.add(path, "not an http(s) or file URL")
	}
}

func (v *validator) html(path string, h *HTML) {
	if h == nil {
		v.add(path, "required for an html feed (item, title and link selectors)")
		return
	}
	for _, req := range []struct{ key, val string }{{"item", h.Item}, {"title", h.Title}, {"link", h.Link}} {
		if strings.TrimSpace(req.val) == "" {
			v.add(path+"."+req.key, "required for an html feed")
		}
	}
	if h.DateAttr != "" && h.Date == "" {
		v.add(path+".date_attr", "set without html.date")
	}
	if h.DateFormat != "" {
		ref := time.Date(2025, time.March, 4, 15, 6, 7, 0, time.UTC)
		if ref.Format(h.DateFormat) == h.DateFormat {
			v.add(path+".date_format", "%q has no Go time layout elements (e.g. 2006-01-02 15:04:05)", h.DateFormat)
		}
	}
	v.zone(path+".timezone", h.TimeZone)
	if h.MaxPages < 0 {
		v.add(path+".max_pages", "negative (%d)", h.MaxPages)
	}
	if h.MaxPages > 1 && h.Next == "" {
		v.add(path+".next", "required when max_pages is above 1")
	}
	if h.BodyInterval < 0 {
		v.add(path+".body_interval", "negative duration %s", h.BodyInterval)
	}
}

func (v *validator) engine(e Engine) {
	if e.Window <= 0 {
		v.add("engine.window", "must be positive (got %s)", e.Window)
	}
	if e.Lookback < 0 {
		v.add("engine.lookback", "must not be negative (got %s)", e.Lookback)
	}
	if e.MinCoverage < 0 || e.MinCoverage > 1 || e.MinCoverage != e.MinCoverage {
		v.add("engine.min_coverage", "must be between 0 and 1 (got %v)", e.MinCoverage)
	}
	v.language("engine.language", e.Language, true)
	for i, dir := range e.Lexicon {
		path := fmt.Sprintf("engine.lexicon[%d]", i)
		if strings.TrimSpace(dir) == "" {
			v.add(path, "empty")
			continue
		}
		if fi, err := os.Stat(dir); err != nil {
			v.add(path, "%q: %v", dir, errors.Unwrap(err))
		} else if !fi.IsDir() {
			v.add(path, "%q is not a folder (it holds concepts/, gazetteer/ and cues.yaml like match/data)", dir)
		}
	}
}

func (v *validator) storage(s Storage) {
	raw := s.DSN()
	switch {
	case strings.TrimSpace(raw) == "":
		v.add("storage", "missing (a SQLite file path or a postgres:// URL)")
	case s.IsPostgres():
		u, err := url.Parse(raw)
		if err != nil {
			// url's own error quotes the whole URL, password included.
			v.add("storage", "not a valid PostgreSQL URL")
			return
		}
		if u.Host == "" {
			v.add("storage", "PostgreSQL URL without a host")
		}
	case strings.Contains(raw, "://"):
		v.add("storage", "unsupported URL scheme (use a SQLite file path or a postgres:// URL)")
	case strings.Contains(raw, "=") && strings.Contains(raw, " "):
		v.add("storage", "looks like a key=value PostgreSQL DSN; write it as a postgres:// URL")
	}
}

func (v *validator) listen(addr string) {
	if addr == "" {
		v.add("listen", "missing (e.g. 127.0.0.1:8080)")
		return
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		v.add("listen", "bad address %q: want host:port", addr)
		return
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		v.add("listen", "bad port %q in %q", port, addr)
	}
}

func (v *validator) poller(p Poller) {
	if p.Concurrency < 1 {
		v.add("poller.concurrency", "must be at least 1 (got %d)", p.Concurrency)
	}
	if p.Spread < 0 {
		v.add("poller.spread", "must not be negative (got %s)", p.Spread)
	}
	if p.Timeout <= 0 {
		v.add("poller.timeout", "must be positive (got %s)", p.Timeout)
	}
	if p.MaxBytes <= 0 {
		v.add("poller.max_bytes", "must be positive (got %d)", p.MaxBytes)
	}
	switch {
	case strings.TrimSpace(p.UserAgent) == "":
		v.add("poller.user_agent", "missing")
	case strings.ContainsAny(p.UserAgent, "\r\n"):
		v.add("poller.user_agent", "contains a line break")
	}
}

func (v *validator) language(path, lang string, required bool) {
	if lang == "" {
		if required {
			v.add(path, "missing (known: %s)", strings.Join(Languages, ", "))
		}
		return
	}
	if !KnownLanguage(lang) {
		v.add(path, "unknown language %q (known: %s)", lang, strings.Join(Languages, ", "))
	}
}

// zone checks an optional IANA time zone name.
func (v *validator) zone(path, name string) {
	if name == "" {
		return
	}
	if _, err := time.LoadLocation(name); err != nil {
		v.add(path, "unknown time zone %q", name)
	}
}

// KnownLanguage reports whether lang's primary subtag is one of Languages.
func KnownLanguage(lang string) bool {
	primary, region, hasRegion := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if hasRegion && (region == "" || !isAlnum(region)) {
		return false
	}
	return slices.Contains(Languages, strings.ToLower(primary))
}

func isAlnum(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// validName accepts the names of sides and feeds: letters, digits, '.', '_'
// and '-', so they work unquoted on a command line.
func validName(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
		default:
			return false
		}
	}
	return s != ""
}

// validHeaderName accepts an HTTP field name (RFC 9110 token).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}
