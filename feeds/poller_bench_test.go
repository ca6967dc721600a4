package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkPollCycle304 is one RunOnce cycle over 500 unchanged feeds whose
// loopback server answers 304 to the stored validators, with the real
// SQLite store (target: under 2 s per cycle).
func BenchmarkPollCycle304(b *testing.B) {
	const feeds = 500
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		etag := `"` + name + `-v1"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%[1]s</title>
<item><title>Release of %[1]s</title><link>https://press.example/%[1]s/1</link>
<guid>https://press.example/%[1]s/1</guid><pubDate>Mon, 02 Mar 2026 14:00:00 +0000</pubDate>
<description>A statement.</description></item></channel></rss>`, name)
	}))
	defer srv.Close()

	st := tempStore(b)
	p := NewPoller(st, PollerOptions{})
	sources := make([]Source, feeds)
	for i := range sources {
		name := fmt.Sprintf("feed-%03d", i)
		sources[i] = Source{Name: name, Side: "us", URL: srv.URL + "/" + name}
	}
	ctx := context.Background()
	if err := p.Sync(ctx, sources); err != nil {
		b.Fatal(err)
	}
	s := NewScheduler(p.Poll, SchedulerOptions{})
	for _, r := range s.RunOnce(ctx, sources) { // first cycle stores the validators
		if !r.OK() || r.New != 1 {
			b.Fatalf("priming poll %s = %+v", r.Feed, r)
		}
	}

	for b.Loop() {
		for _, r := range s.RunOnce(ctx, sources) {
			if !r.OK() || !r.NotModified {
				b.Fatalf("poll %s = %+v, want 304", r.Feed, r)
			}
		}
	}
}
