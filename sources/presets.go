package sources

import (
	"sort"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
)

// Preset names: the content management systems whose listing pages the
// catalogue's html sources use.
const (
	// PresetGobMX is the gob.mx press list every Mexican federal agency
	// publishes on (https://www.gob.mx/<slug>/archivo/prensa).
	PresetGobMX = "gobmx"
	// PresetWordPress is a WordPress archive page (article.post,
	// h2.entry-title, time.entry-date).
	PresetWordPress = "wordpress"
	// PresetDrupal is a Drupal Views list (div.views-row with a title link
	// and a time element), the US federal sites' usual newsroom list.
	PresetDrupal = "drupal"
)

// presets are the selectors of each preset. gobmx is the fetcher's own
// GobMXSelectors (zone-less dates in America/Mexico_City, ?page=N
// pagination, each release's text in div.article-body); the feeds package
// fetches html sources in `auto` mode by default, falling back to the
// headless browser when gob.mx answers with its JavaScript challenge.
var presets = map[string]feeds.HTMLSelectors{
	PresetGobMX: feeds.GobMXSelectors,
	PresetWordPress: {
		Item:     "article",
		Title:    ".entry-title",
		Link:     ".entry-title a[href]",
		Date:     "time[datetime]",
		DateAttr: "datetime",
		Summary:  ".entry-summary",
		// WordPress archives link older posts as "next".
		Next:     `a.next.page-numbers, .nav-previous a, a[rel="next"]`,
		MaxPages: 2,
	},
	PresetDrupal: {
		Item:     ".views-row",
		Title:    "h2, h3, .views-field-title",
		Link:     "h2 a[href], h3 a[href], .views-field-title a[href]",
		Date:     "time[datetime]",
		DateAttr: "datetime",
		Summary:  ".views-field-body, .field--name-body, .summary",
		Next:     `li.pager__item--next a, a[rel="next"]`,
		MaxPages: 2,
		Body:     ".field--name-body, article .body, main article",
		// Politeness between each new release's page.
		BodyInterval: 2 * time.Second,
	},
}

// Preset returns the selectors of a preset (a copy: callers may change it).
func Preset(name string) (feeds.HTMLSelectors, bool) {
	p, ok := presets[name]
	return p, ok
}

// PresetNames lists the presets, sorted.
func PresetNames() []string {
	out := make([]string, 0, len(presets))
	for n := range presets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
