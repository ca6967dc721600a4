// Package sources is gapwatch's catalogue of press offices: both
// governments' offices (SRE, Presidencia, INM… on gob.mx; State, the White
// House, DHS, CBP… in the US), each with the gazetteer institution it speaks
// for, its feed or listing page and a default schedule. The catalogue is
// embedded (catalogue.yaml) and a config file may extend it (`catalogue:`).
//
// cmd/gapwatch uses it to list and add offices (`gapwatch sources`), to let
// replay name feeds by catalogue id, and to tell the engine which offices
// of each side are watched (match.Offices), so that a claim naming an
// office nobody watches is unverified rather than unconfirmed.
package sources

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/match"
)

//go:embed catalogue.yaml
var builtin []byte

// Entry is one press office of the catalogue.
type Entry struct {
	// ID is unique in the catalogue; it becomes the feed's name in a config.
	ID string `yaml:"id" json:"id"`
	// Side is the government: mx or us.
	Side string `yaml:"side" json:"side"`
	// Institution is the gazetteer id of the institution the office speaks for.
	Institution string `yaml:"institution" json:"institution"`
	// Also are further gazetteer institutions the office speaks for (e.g.
	// the consulates, for the embassy).
	Also []string `yaml:"also,omitempty" json:"also,omitempty"`
	// Name is how explanations name the office.
	Name string `yaml:"name" json:"name"`
	// Language is the office's language (en or es).
	Language string `yaml:"language" json:"language"`
	// Type is config.TypeRSS or config.TypeHTML.
	Type string `yaml:"type" json:"type"`
	// Preset names the selectors of an html office (see Preset).
	Preset string `yaml:"preset,omitempty" json:"preset,omitempty"`
	// URL is the feed or the listing page.
	URL string `yaml:"url" json:"url"`
	// Schedule is the default poll schedule.
	Schedule string `yaml:"schedule,omitempty" json:"schedule,omitempty"`
}

// Institutions returns the gazetteer ids the office speaks for.
func (e Entry) Institutions() []string {
	return append([]string{e.Institution}, e.Also...)
}

// Catalogue is the list of known press offices, in file order.
type Catalogue struct {
	entries []Entry
	byID    map[string]int
}

type catalogueFile struct {
	Offices []Entry `yaml:"offices"`
}

// Builtin returns the embedded catalogue.
func Builtin() (*Catalogue, error) {
	c := &Catalogue{byID: map[string]int{}}
	if err := c.merge(builtin, "built-in catalogue", false); err != nil {
		return nil, err
	}
	return c, nil
}

// Load returns the embedded catalogue extended by the file at path (none
// when path is ""): a file entry with a new id is added, one with a known
// id replaces the built-in entry.
func Load(path string) (*Catalogue, error) {
	c, err := Builtin()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	if err := c.merge(data, path, true); err != nil {
		return nil, err
	}
	return c, nil
}

// merge decodes a catalogue document (strictly) and adds its entries; with
// replace, a known id replaces the entry, else it is an error.
func (c *Catalogue) merge(data []byte, name string, replace bool) error {
	var f catalogueFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	seen := map[string]bool{}
	for _, e := range f.Offices {
		if seen[e.ID] {
			return fmt.Errorf("%s: duplicate office id %q", name, e.ID)
		}
		seen[e.ID] = true
		if err := e.validate(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if i, ok := c.byID[e.ID]; ok {
			if !replace {
				return fmt.Errorf("%s: duplicate office id %q", name, e.ID)
			}
			c.entries[i] = e
			continue
		}
		c.byID[e.ID] = len(c.entries)
		c.entries = append(c.entries, e)
	}
	return nil
}

// validate checks one entry on its own (Check adds the gazetteer).
func (e Entry) validate() error {
	var problems []string
	add := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	if e.ID == "" || strings.Trim(e.ID, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != "" {
		add("id %q: use lower-case letters, digits, '.', '_' or '-'", e.ID)
	}
	if e.Side != "mx" && e.Side != "us" {
		add("side %q: mx or us", e.Side)
	}
	if e.Institution == "" {
		add("no institution")
	}
	if e.Language != "en" && e.Language != "es" {
		add("language %q: en or es", e.Language)
	}
	switch e.Type {
	case config.TypeRSS:
		if e.Preset != "" {
			add("preset %q on an rss office", e.Preset)
		}
	case config.TypeHTML:
		if _, ok := Preset(e.Preset); !ok {
			add("preset %q unknown (known: %s)", e.Preset, strings.Join(PresetNames(), ", "))
		}
	default:
		add("type %q: rss or html", e.Type)
	}
	if u, err := url.Parse(e.URL); err != nil || u.Scheme != "https" || u.Host == "" {
		add("url %q: want an https URL", e.URL)
	}
	if e.Schedule != "" {
		if err := config.ValidateSchedule(e.Schedule); err != nil {
			add("schedule %q: %v", e.Schedule, err)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("office %q: %s", e.ID, strings.Join(problems, "; "))
	}
	return nil
}

// Check reports every entry whose institutions the lexicon does not know
// as institutions of the entry's side.
func (c *Catalogue) Check(lex *match.Lexicon) error {
	var problems []string
	for _, e := range c.entries {
		for _, id := range e.Institutions() {
			ent := lex.Entry(id)
			switch {
			case ent == nil:
				problems = append(problems, fmt.Sprintf("office %q: institution %q is not in the gazetteer", e.ID, id))
			case ent.Kind != match.KindInstitution:
				problems = append(problems, fmt.Sprintf("office %q: %q is a %s, not an institution", e.ID, id, ent.Kind))
			case ent.Side != e.Side:
				problems = append(problems, fmt.Sprintf("office %q: institution %q belongs to side %q, not %q", e.ID, id, ent.Side, e.Side))
			}
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// Entries returns the catalogue's offices in file order.
func (c *Catalogue) Entries() []Entry { return append([]Entry(nil), c.entries...) }

// Get returns the office with the given id.
func (c *Catalogue) Get(id string) (Entry, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Entry{}, false
	}
	return c.entries[i], true
}

// Feed returns the config feed that polls the office: named after its id,
// with its side, URL, type, language, schedule and the preset's selectors.
func (e Entry) Feed() config.Feed {
	f := config.Feed{Name: e.ID, Side: e.Side, URL: e.URL, Type: e.Type, Schedule: e.Schedule, Language: e.Language}
	if f.Schedule == "" {
		f.Schedule = config.DefaultSchedule
	}
	if p, ok := Preset(e.Preset); ok && e.Type == config.TypeHTML {
		f.HTML = &config.HTML{
			Item: p.Item, Title: p.Title, Link: p.Link, Date: p.Date, DateAttr: p.DateAttr,
			DateFormat: p.DateFormat, TimeZone: p.TimeZone, Summary: p.Summary, Next: p.Next,
			MaxPages: p.MaxPages, Body: p.Body, BodyInterval: p.BodyInterval,
		}
	}
	return f
}

// Source returns the fetcher's source for the office read from path (a
// file or URL standing in for the office's own): replay's `--feed
// SIDE=ID:PATH`. Replay is offline, so an html office never fetches each
// release's own page.
func (e Entry) Source(path string) feeds.Source {
	src := feeds.Source{Name: e.ID, Side: e.Side, URL: path, Type: e.Type, Language: e.Language}
	if p, ok := Preset(e.Preset); ok && e.Type == config.TypeHTML {
		p.Body = ""
		src.HTML = &p
	}
	return src
}

// FindFeed returns the catalogue office a configured feed polls: the one
// its `office:` names, else the one with its name as id and its URL, else
// the one with its URL. A feed's `office:` naming no office is an error.
func (c *Catalogue) FindFeed(f config.Feed) (Entry, bool, error) {
	if f.Office != "" {
		e, ok := c.Get(f.Office)
		if !ok {
			return Entry{}, false, fmt.Errorf("feed %s: office %q is not in the catalogue (see gapwatch sources)", f.Name, f.Office)
		}
		return e, true, nil
	}
	if e, ok := c.Get(f.Name); ok && sameURL(e.URL, f.URL) {
		return e, true, nil
	}
	for _, e := range c.entries {
		if sameURL(e.URL, f.URL) {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

// sameURL compares two URLs ignoring a gob.mx list's page parameter and a
// trailing slash.
func sameURL(a, b string) bool {
	norm := func(s string) string {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			return s
		}
		q := u.Query()
		q.Del("page")
		u.RawQuery = q.Encode()
		u.Host = strings.ToLower(u.Host)
		u.Path = strings.TrimSuffix(u.Path, "/")
		return u.String()
	}
	return norm(a) == norm(b)
}

// Offices returns what the engine needs to know of both sides' offices:
// every catalogue office, watched when a configured feed polls it, plus
// each configured feed the catalogue does not identify (watched,
// institution unknown), so explanations list every feed that was searched.
//
// A feed is identified by its `office:` key or by the catalogue URL it
// polls. A side with a feed the catalogue does not identify gets none of
// its catalogue offices: that feed could be any office (a mirror, a local
// file, the demo's loopback server), so calling an office of that side
// unwatched would be unfounded, and the "not watched" rule stays off for
// claims about that side until the feed says which `office:` it polls.
func (c *Catalogue) Offices(feedsCfg []config.Feed) (match.Offices, error) {
	watched := map[string]bool{}
	unknownSide := map[string]bool{}
	var extra match.Offices
	var errs []error
	for _, f := range feedsCfg {
		e, ok, err := c.FindFeed(f)
		switch {
		case err != nil:
			errs = append(errs, err)
		case ok:
			watched[e.ID] = true
		default:
			unknownSide[f.Side] = true
			extra = append(extra, match.Office{ID: f.Name, Side: f.Side, Name: f.Name, Watched: true})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := match.Offices{}
	for _, e := range c.entries {
		if unknownSide[e.Side] && !watched[e.ID] {
			continue
		}
		for _, inst := range e.Institutions() {
			out = append(out, match.Office{ID: e.ID, Side: e.Side, Institution: inst, Name: e.Name, Watched: watched[e.ID]})
		}
	}
	return append(out, extra...), nil
}
