package feeds

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// benchItems is the size of the generated benchmark feed.
const benchItems = 500

// benchFeed generates a WordPress-style RSS 2.0 feed of n press releases
// like State's: a teaser description, a few paragraphs and a list in
// content:encoded, categories, dc:creator, entities and &nbsp;.
func benchFeed(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>Press Releases &#8211; United States Department of State</title>
	<atom:link href="https://www.state.gov/rss-feed/press-releases/feed/" rel="self" type="application/rss+xml" />
	<link>https://www.state.gov</link>
	<description></description>
	<lastBuildDate>Fri, 14 Jul 2023 19:02:11 +0000</lastBuildDate>
	<language>en-US</language>
`)
	topics := []string{"Migration", "Security Cooperation", "Trade", "Fentanyl", "Water Treaty", "Consular Affairs"}
	start := time.Date(2023, 7, 14, 18, 0, 0, 0, time.UTC)
	for i := range n {
		topic := topics[i%len(topics)]
		pub := start.Add(-time.Duration(i) * 97 * time.Minute)
		fmt.Fprintf(&b, `	<item>
		<title>Joint Statement on U.S.-Mexico %s Talks &#8211; Round %d</title>
		<link>https://www.state.gov/joint-statement-on-u-s-mexico-talks-round-%d/</link>
		<dc:creator><![CDATA[Office of the Spokesperson]]></dc:creator>
		<pubDate>%s</pubDate>
		<category><![CDATA[Mexico]]></category>
		<category><![CDATA[%s]]></category>
		<category><![CDATA[Bureau of Western Hemisphere Affairs]]></category>
		<guid isPermaLink="false">https://www.state.gov/?p=%d</guid>
		<description><![CDATA[The text of the following statement was released by the Governments of the United States of America and the United Mexican States on %s. Begin Text: Delegations met in Washington [&#8230;]]]></description>
		<content:encoded><![CDATA[<p>The text of the following statement was released by the Governments of the United States of America and the United Mexican States.</p>
<p>Begin Text:</p>
<p>Delegations of the United States and Mexico met in Washington for round %d of the high-level talks on %s.&nbsp; Both governments reaffirmed their commitment to a shared approach and agreed to the following steps:</p>
<ul>
<li>Expand joint inspections at ports of entry along the border.</li>
<li>Share information on <strong>trafficking networks</strong> within 30&nbsp;days.</li>
<li>Convene technical working groups before the next round.</li>
</ul>
<p>The delegations will meet again in Mexico City. The United States thanks the Government of Mexico for its partnership &amp; hospitality.</p>
<p>End Text.</p>
]]></content:encoded>
	</item>
`, topic, i+1, i+1, pub.Format(time.RFC1123Z), topic, 400000+i, strings.ToLower(topic), i+1, strings.ToLower(topic))
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

// BenchmarkGofeedParse is gofeed's parse of the feed's bytes alone: the
// baseline of the ingest target.
func BenchmarkGofeedParse(b *testing.B) {
	body := benchFeed(benchItems)
	p := gofeed.NewParser()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := p.Parse(bytes.NewReader(body))
		if err != nil || len(f.Items) != benchItems {
			b.Fatalf("parse: %v", err)
		}
	}
}

// BenchmarkParseFeed is parse plus normalisation to match.Item.
func BenchmarkParseFeed(b *testing.B) {
	body := benchFeed(benchItems)
	src := Source{Name: "state-press", Side: "us", Language: "en"}
	now := time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		items, err := ParseFeed(body, "https://www.state.gov/rss-feed/press-releases/feed/", src, now)
		if err != nil || len(items) != benchItems {
			b.Fatalf("parse: %d items, %v", len(items), err)
		}
	}
}

// BenchmarkHTMLToText is the plain-text conversion of one release body.
func BenchmarkHTMLToText(b *testing.B) {
	body := benchFeed(1)
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	html := f.Items[0].Content
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if HTMLToText(html) == "" {
			b.Fatal("no text")
		}
	}
}

// BenchmarkIngest is the whole path of a poll's body: parse, normalise
// and store into the real SQLite store.
//
//   - new: a first-time RecordPoll of the 500 items into a fresh store each
//     iteration (opening the store and migrating it are not timed).
//   - unchanged: the same 500 items polled again into a store that already
//     holds them (the steady state of a busy feed whose conditional GET
//     missed).
func BenchmarkIngest(b *testing.B) {
	body := benchFeed(benchItems)
	src := Source{Name: "state-press", Side: "us", Language: "en", URL: "https://www.state.gov/rss-feed/press-releases/feed/"}
	now := time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	ingest := func(b *testing.B, st store.Store) store.SaveResult {
		items, err := ParseFeed(body, src.URL, src, now)
		if err != nil {
			b.Fatal(err)
		}
		res, err := st.RecordPoll(ctx, store.Poll{Feed: src.Name, Started: now, Finished: now, OK: true, Status: 200, FetchPath: "http"}, items)
		if err != nil {
			b.Fatal(err)
		}
		return res
	}
	open := func(b *testing.B, dir string) store.Store {
		st, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatalf("open store: %v", err)
		}
		if err := st.EnsureFeed(ctx, store.Feed{Name: src.Name, Side: "us", URL: src.URL, Kind: TypeRSS}); err != nil {
			b.Fatal(err)
		}
		return st
	}

	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			st := open(b, b.TempDir())
			b.StartTimer()
			res := ingest(b, st)
			b.StopTimer()
			if len(res.New) != benchItems {
				b.Fatalf("%d new items, want %d", len(res.New), benchItems)
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	})

	b.Run("unchanged", func(b *testing.B) {
		st := open(b, b.TempDir())
		defer st.Close()
		ingest(b, st)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if res := ingest(b, st); res.Unchanged != benchItems {
				b.Fatalf("%d unchanged, want %d", res.Unchanged, benchItems)
			}
		}
	})
}

// TestBenchFeedIsRealistic keeps the benchmark honest: the generated feed
// parses into 500 distinct, clean items.
func TestBenchFeedIsRealistic(t *testing.T) {
	items, err := ParseFeed(benchFeed(benchItems), "https://www.state.gov/rss-feed/press-releases/feed/", stateSrc, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != benchItems {
		t.Fatalf("%d items, want %d", len(items), benchItems)
	}
	seen := map[string]bool{}
	for _, it := range items {
		assertCleanItem(t, it, stateSrc)
		if seen[it.GUID] {
			t.Fatalf("repeated GUID %q", it.GUID)
		}
		seen[it.GUID] = true
	}
}
