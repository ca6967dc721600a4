package config

import "time"

// gobMXList returns the selectors of a gob.mx press list (the catalogue's
// gobmx preset; sources' tests check the two agree).
func gobMXList() *HTML {
	return &HTML{
		Item:     "article",
		Title:    "h2",
		Link:     "a.small-link",
		Date:     "time[datetime]",
		DateAttr: "datetime",
		TimeZone: "America/Mexico_City",
		Next:     `a[rel="next"], ul.pagination li.next a, li.pagination-next a`,
		MaxPages: 3,
		// Each new release's page holds its full text.
		Body:         "div.article-body",
		BodyInterval: 2 * time.Second,
	}
}

// defaultFeeds are the feeds of a config with no `feeds:` key: the press
// offices a US–Mexico newsroom needs first, as the catalogue
// (sources/catalogue.yaml) describes them under the same ids. Mexico:
// SRE, Presidencia, SSPC, INM and FGR on gob.mx; United States: State
// (press releases and the Western Hemisphere), the White House, DHS, CBP
// and DOJ. `gapwatch sources` lists the others.
func defaultFeeds() []Feed {
	gobmx := func(name, slug, schedule string) Feed {
		u := "https://www.gob.mx/" + slug + "/archivo/prensa?idiom=es&order=DESC"
		if name == "sre" {
			u += "&page=1"
		}
		return Feed{Name: name, Side: "mx", URL: u, Type: TypeHTML, Schedule: schedule, Language: "es", HTML: gobMXList()}
	}
	rss := func(name, u, schedule string) Feed {
		return Feed{Name: name, Side: "us", URL: u, Type: TypeRSS, Schedule: schedule, Language: "en"}
	}
	return []Feed{
		gobmx("sre", "sre", "@every 10m"),
		gobmx("presidencia", "presidencia", "@every 10m"),
		gobmx("sspc", "sspc", "@every 15m"),
		gobmx("inm", "inm", "@every 15m"),
		gobmx("fgr", "fgr", "@every 15m"),
		rss("state-press", "https://www.state.gov/rss-feed/press-releases/feed/", "@every 10m"),
		rss("state-wha", "https://www.state.gov/rss-feed/western-hemisphere/feed/", "@every 10m"),
		rss("white-house", "https://www.whitehouse.gov/news/feed/", "@every 10m"),
		rss("dhs", "https://www.dhs.gov/news/rss.xml", "@every 30m"),
		rss("cbp", "https://www.cbp.gov/rss/newsroom/media-releases", "@every 10m"),
		rss("doj", "https://www.justice.gov/feeds/opa/justice-news.xml", "@every 30m"),
	}
}
