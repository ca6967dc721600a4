// Package config reads gapwatch's YAML configuration: the sides (the two
// governments), the feeds polled for each, the confirmation engine's window,
// storage, the HTTP listen address and logging.
//
// The file is strict (an unknown key is an error, so a typo never silently
// falls back to a default), `${VAR}` and `${VAR:-default}` expand from the
// environment in every string value, and Validate reports every problem at
// once with its field path. Secrets (header values, the PostgreSQL password)
// are typed so that no dump, log line or error prints them.
//
// config imports only the standard library, the YAML decoder and the cron
// spec parser; cmd/gapwatch maps a Config onto each package's own options.
package config

import (
	"time"

	// The zone database is embedded so that Validate accepts exactly the
	// zones the binary can load, even on a minimal image.
	_ "time/tzdata"
)

// Default values, as documented in gapwatch.example.yaml.
const (
	// DefaultSchedule is a feed's poll schedule when it names none.
	DefaultSchedule = "@every 10m"
	// DefaultWindow is how long after a claim the other side may confirm it.
	DefaultWindow = 168 * time.Hour
	// DefaultLookback is how long before a claim the other side's items count.
	DefaultLookback = 48 * time.Hour
	// DefaultMinCoverage is the share of a window a feed must have been polled
	// successfully before the engine trusts an "unconfirmed" verdict.
	DefaultMinCoverage = 0.9
	// DefaultStorage is the SQLite file used when none is configured, in the
	// working folder.
	DefaultStorage = "gapwatch.db"
	// DefaultListen is the HTTP listen address.
	DefaultListen = "127.0.0.1:8080"
	// DefaultLanguage is the newsroom's language (explanations, digests).
	DefaultLanguage = "en"
	// DefaultTimeZone is the zone times are shown in. Times are always stored
	// in UTC; a newsroom sets its own zone with `timezone:`.
	DefaultTimeZone = "UTC"
	// DefaultLogFormat is the log format.
	DefaultLogFormat = LogText
	// DefaultConcurrency is how many feeds are polled at the same time.
	DefaultConcurrency = 4
	// DefaultSpread is the largest random delay added to a scheduled poll, so
	// that many feeds on one schedule do not fire in the same second.
	DefaultSpread = 30 * time.Second
	// DefaultTimeout bounds one HTTP request.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBytes caps one response body (10 MiB).
	DefaultMaxBytes = 10 << 20
	// DefaultUserAgent identifies gapwatch to the publishers it polls.
	DefaultUserAgent = "gapwatch/1.0 (+https://github.com/gapwatch/gapwatch; newsroom feed monitor)"
)

// Feed types.
const (
	TypeRSS  = "rss"
	TypeHTML = "html"
)

// Fetch modes of a feed (Feed.Fetch).
const (
	// FetchHTTP fetches with the plain HTTP client only.
	FetchHTTP = "http"
	// FetchBrowser loads the feed's page in headless Chromium.
	FetchBrowser = "browser"
	// FetchAuto tries plain HTTP and retries once through Chromium when
	// the answer is a challenge or an error page (the default of html feeds).
	FetchAuto = "auto"
)

// Log formats.
const (
	LogText = "text"
	LogJSON = "json"
)

// Environment variables read by Load.
const (
	// EnvConfig names the config file when no --config flag is given.
	EnvConfig = "GAPWATCH_CONFIG"
	// EnvListen overrides `listen`.
	EnvListen = "GAPWATCH_LISTEN"
	// EnvStorage overrides `storage` (a SQLite path or a postgres:// URL).
	EnvStorage = "GAPWATCH_STORAGE"
	// EnvLogFormat overrides `log_format`.
	EnvLogFormat = "GAPWATCH_LOG_FORMAT"
)

// Languages lists the languages gapwatch understands (sides, feeds and the
// newsroom), as primary BCP 47 subtags; region subtags such as es-MX are
// accepted too.
var Languages = []string{"en", "es"}

// Config is the whole configuration file.
type Config struct {
	// Sides are the governments whose statements are compared.
	Sides []Side `yaml:"sides" json:"sides"`
	// Feeds are the sources polled; each belongs to one side.
	Feeds []Feed `yaml:"feeds" json:"feeds"`
	// Engine holds the confirmation rule's settings.
	Engine Engine `yaml:"engine" json:"engine"`
	// Storage is a SQLite file path or a postgres:// (postgresql://) URL.
	Storage Storage `yaml:"storage" json:"storage"`
	// Listen is the HTTP listen address (host:port) of /healthz, /metrics and
	// the web pages.
	Listen string `yaml:"listen" json:"listen"`
	// LogFormat is "text" or "json".
	LogFormat string `yaml:"log_format" json:"log_format"`
	// TimeZone is the IANA zone times are shown in (default UTC).
	TimeZone string `yaml:"timezone" json:"timezone"`
	// Poller holds the defaults and limits of feed polling.
	Poller Poller `yaml:"poller" json:"poller"`
	// Channels are where alerts go; none means a console channel.
	Channels []Channel `yaml:"channels,omitempty" json:"channels,omitempty"`
	// Alerts holds the alert pipeline's settings.
	Alerts Alerts `yaml:"alerts" json:"alerts"`
	// PublicURL is the service's public base URL, for evidence links in
	// alerts ("" leaves them out).
	PublicURL string `yaml:"public_url,omitempty" json:"public_url,omitempty"`
	// Web is who may read the evidence pages (config/web.go).
	Web Web `yaml:"web,omitempty" json:"web,omitempty"`
	// Catalogue is a file of press offices extending the built-in catalogue
	// (sources/catalogue.yaml; same format, a known id replaces the entry).
	Catalogue string `yaml:"catalogue,omitempty" json:"catalogue,omitempty"`
}

// Side is one government.
type Side struct {
	// ID is the short name feeds refer to (e.g. "mx").
	ID string `yaml:"id" json:"id"`
	// Name is the display name (e.g. "Mexico"); defaults to the ID.
	Name string `yaml:"name" json:"name"`
	// Language is the side's usual language, the fallback of its feeds.
	Language string `yaml:"language" json:"language"`
	// TimeZone is the IANA zone of the side's zone-less dates (optional).
	TimeZone string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
}

// Feed is one source to poll.
type Feed struct {
	// Name is unique among feeds; the CLI and alerts use it.
	Name string `yaml:"name" json:"name"`
	// Side is the ID of the government the feed speaks for.
	Side string `yaml:"side" json:"side"`
	// URL is an http(s) URL or a file:// URL.
	URL string `yaml:"url" json:"url"`
	// Type is "rss" (RSS, Atom or JSON Feed; the default) or "html".
	Type string `yaml:"type" json:"type"`
	// Schedule is a cron spec or @every/@hourly descriptor (default every 10 minutes).
	Schedule string `yaml:"schedule" json:"schedule"`
	// Language is the feed's language when it declares none (default: the side's).
	Language string `yaml:"language" json:"language"`
	// UserAgent overrides poller.user_agent for this feed.
	UserAgent string `yaml:"user_agent,omitempty" json:"user_agent,omitempty"`
	// Headers are extra request headers; values are secrets (use ${VAR}).
	Headers map[string]Secret `yaml:"headers,omitempty" json:"headers,omitempty"`
	// Timeout overrides poller.timeout for this feed.
	Timeout time.Duration `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	// MaxBytes overrides poller.max_bytes for this feed.
	MaxBytes int64 `yaml:"max_bytes,omitempty" json:"max_bytes,omitempty"`
	// HTML holds the CSS selectors of an html feed.
	HTML *HTML `yaml:"html,omitempty" json:"html,omitempty"`
	// Fetch is "http", "browser" or "auto"; empty is auto for html feeds
	// and http for rss feeds.
	Fetch string `yaml:"fetch,omitempty" json:"fetch,omitempty"`
	// Office is the id of the catalogue's press office the feed polls, when
	// its name is not that id (`gapwatch sources`); the engine then knows
	// which institution the feed speaks for.
	Office string `yaml:"office,omitempty" json:"office,omitempty"`
}

// HTML tells how to read the listing page of a publisher with no feed.
type HTML struct {
	// Item selects each entry of the list (required).
	Item string `yaml:"item" json:"item"`
	// Title selects the title within an entry (required).
	Title string `yaml:"title" json:"title"`
	// Link selects the link (an element with href) within an entry (required).
	Link string `yaml:"link" json:"link"`
	// Date selects the date within an entry.
	Date string `yaml:"date,omitempty" json:"date,omitempty"`
	// DateAttr is the attribute holding the date (e.g. "datetime"); empty reads the text.
	DateAttr string `yaml:"date_attr,omitempty" json:"date_attr,omitempty"`
	// DateFormat is a Go time layout; empty tries RFC 3339 and common layouts.
	DateFormat string `yaml:"date_format,omitempty" json:"date_format,omitempty"`
	// TimeZone is the IANA zone of zone-less dates (default: the side's zone).
	TimeZone string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
	// Summary selects a teaser within an entry.
	Summary string `yaml:"summary,omitempty" json:"summary,omitempty"`
	// Next selects the "next page" link.
	Next string `yaml:"next,omitempty" json:"next,omitempty"`
	// MaxPages caps the pages followed on a feed's first poll (0: the fetcher's default, 1).
	MaxPages int `yaml:"max_pages,omitempty" json:"max_pages,omitempty"`
	// Body selects the text on each new item's own page; empty skips that fetch.
	Body string `yaml:"body,omitempty" json:"body,omitempty"`
	// BodyInterval is the pause between item page fetches.
	BodyInterval time.Duration `yaml:"body_interval,omitempty" json:"body_interval,omitempty"`
}

// Engine holds the confirmation rule's settings.
type Engine struct {
	// Window is how long after a claim the other side may confirm it.
	Window time.Duration `yaml:"window" json:"window"`
	// Lookback is how long before a claim the other side's items count.
	Lookback time.Duration `yaml:"lookback" json:"lookback"`
	// MinCoverage is the share (0..1) of the window each of the other side's
	// feeds must have been polled successfully; below it an "unconfirmed"
	// verdict becomes "unverified".
	MinCoverage float64 `yaml:"min_coverage" json:"min_coverage"`
	// Language is the newsroom's language for explanations ("en" or "es").
	Language string `yaml:"language" json:"language"`
	// Lexicon lists folders that extend the engine's embedded vocabulary,
	// each laid out like match/data (concepts/*.yaml, gazetteer/*.yaml,
	// cues.yaml; all optional): new entries, and terms added to existing ids.
	Lexicon []string `yaml:"lexicon,omitempty" json:"lexicon,omitempty"`
}

// Poller holds the defaults and limits of feed polling.
type Poller struct {
	// Concurrency is how many feeds are polled at once.
	Concurrency int `yaml:"concurrency" json:"concurrency"`
	// Spread is the largest random delay added to a scheduled poll.
	Spread time.Duration `yaml:"spread" json:"spread"`
	// Timeout bounds one HTTP request unless a feed sets its own.
	Timeout time.Duration `yaml:"timeout" json:"timeout"`
	// MaxBytes caps a response body unless a feed sets its own.
	MaxBytes int64 `yaml:"max_bytes" json:"max_bytes"`
	// UserAgent is sent with every request unless a feed sets its own.
	UserAgent string `yaml:"user_agent" json:"user_agent"`
}

// Default returns the built-in configuration used when there is no file at
// all: the press offices a US–Mexico newsroom needs first (defaultFeeds),
// SQLite in the working folder, and the HTTP server on 127.0.0.1:8080. A
// file is decoded on top of it, so every key a file omits keeps the value shown here (a file that has
// no `feeds:` key keeps these feeds).
func Default() *Config {
	return &Config{
		Sides: []Side{
			{ID: "mx", Name: "Mexico", Language: "es", TimeZone: "America/Mexico_City"},
			{ID: "us", Name: "United States", Language: "en"},
		},
		Feeds: defaultFeeds(),
		Engine: Engine{
			Window:      DefaultWindow,
			Lookback:    DefaultLookback,
			MinCoverage: DefaultMinCoverage,
			Language:    DefaultLanguage,
		},
		Storage:   DefaultStorage,
		Listen:    DefaultListen,
		LogFormat: DefaultLogFormat,
		TimeZone:  DefaultTimeZone,
		Alerts: Alerts{
			FeedDownAfter: DefaultFeedDownAfter,
			SilentFactor:  DefaultSilentFactor,
			MaxAttempts:   DefaultMaxAttempts,
		},
		Poller: Poller{
			Concurrency: DefaultConcurrency,
			Spread:      DefaultSpread,
			Timeout:     DefaultTimeout,
			MaxBytes:    DefaultMaxBytes,
			UserAgent:   DefaultUserAgent,
		},
	}
}

// Side returns the side with the given ID.
func (c *Config) Side(id string) (Side, bool) {
	for _, s := range c.Sides {
		if s.ID == id {
			return s, true
		}
	}
	return Side{}, false
}

// Location returns the display time zone (UTC when unset or unknown; Validate
// reports an unknown zone).
func (c *Config) Location() *time.Location {
	if c.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
