package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

var benchStart = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func openBench(b *testing.B) store.Store {
	b.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

// benchBatch returns n items of a State-like feed of realistic size (a
// 250-character teaser, a body of about 3 KB with its HTML), item k
// published k steps after benchStart.
func benchBatch(feed string, first, n int, step time.Duration) []match.Item {
	body := strings.Repeat("The Secretary of State met Mexico's Foreign Secretary to discuss border cooperation. ", 35)
	out := make([]match.Item, n)
	for i := range out {
		k := first + i
		out[i] = match.Item{
			Feed:        feed,
			Side:        "us",
			GUID:        fmt.Sprintf("https://www.state.example/?p=%d", k),
			Title:       fmt.Sprintf("Joint statement on migration, number %d", k),
			Link:        fmt.Sprintf("https://www.state.example/joint-statement-%d/", k),
			Published:   benchStart.Add(time.Duration(k) * step),
			Summary:     body[:250],
			Content:     body,
			SummaryHTML: "<p>" + body[:250] + "</p>",
			ContentHTML: "<p>" + body + "</p>",
			Categories:  []string{"Mexico", "Western Hemisphere"},
			Language:    "en",
		}
	}
	return out
}

func recordBench(b *testing.B, s store.Store, p store.Poll, items []match.Item) store.SaveResult {
	b.Helper()
	res, err := s.RecordPoll(context.Background(), p, items)
	if err != nil {
		b.Fatalf("RecordPoll: %v", err)
	}
	return res
}

// BenchmarkRecordPollNew500 stores a poll that brings 500 new items.
func BenchmarkRecordPollNew500(b *testing.B) {
	s := openBench(b)
	i := 0
	for b.Loop() {
		b.StopTimer()
		batch := benchBatch("state", i*500, 500, time.Minute)
		p := store.Poll{Feed: "state", Finished: benchStart.Add(time.Duration(i) * time.Hour), OK: true, Status: 200}
		i++
		b.StartTimer()
		if res := recordBench(b, s, p, batch); len(res.New) != 500 {
			b.Fatalf("stored %d new items, want 500", len(res.New))
		}
	}
}

// BenchmarkRecordPollUnchanged500 stores a poll whose 500 items are all
// known and unchanged.
func BenchmarkRecordPollUnchanged500(b *testing.B) {
	s := openBench(b)
	batch := benchBatch("state", 0, 500, time.Minute)
	recordBench(b, s, store.Poll{Feed: "state", Finished: benchStart, OK: true}, batch)
	i := 0
	for b.Loop() {
		i++
		p := store.Poll{Feed: "state", Finished: benchStart.Add(time.Duration(i) * time.Minute), OK: true, Status: 200}
		if res := recordBench(b, s, p, batch); res.Unchanged != 500 {
			b.Fatalf("%d unchanged, want 500", res.Unchanged)
		}
	}
}

// BenchmarkRecordPollNotModified stores one 304 poll.
func BenchmarkRecordPollNotModified(b *testing.B) {
	s := openBench(b)
	recordBench(b, s, store.Poll{Feed: "state", Finished: benchStart, OK: true, ETag: `"e"`}, benchBatch("state", 0, 50, time.Minute))
	i := 0
	for b.Loop() {
		i++
		p := store.Poll{Feed: "state", Finished: benchStart.Add(time.Duration(i) * time.Minute), OK: true, NotModified: true, Status: 304, ETag: `"e"`}
		recordBench(b, s, p, nil)
	}
}

// BenchmarkRecordPollNotModified500Feeds stores a 304 poll for each of 500
// feeds: the store's share of a poll cycle over 500 unchanged feeds.
func BenchmarkRecordPollNotModified500Feeds(b *testing.B) {
	s := openBench(b)
	names := make([]string, 500)
	for f := range names {
		names[f] = fmt.Sprintf("feed-%03d", f)
		recordBench(b, s, store.Poll{Feed: names[f], Finished: benchStart, OK: true, ETag: `"e"`}, benchBatch(names[f], f*20, 20, time.Minute))
	}
	i := 0
	for b.Loop() {
		i++
		for _, name := range names {
			p := store.Poll{Feed: name, Finished: benchStart.Add(time.Duration(i) * time.Minute), OK: true, NotModified: true, Status: 304, ETag: `"e"`}
			recordBench(b, s, p, nil)
		}
	}
}

// BenchmarkItemsWindow reads one side's items of a 7-day window (about 390
// items) out of 20,000 stored over a year, as the engine does when it looks
// for a match.
func BenchmarkItemsWindow(b *testing.B) {
	s := openBench(b)
	for f := range 40 {
		feed := fmt.Sprintf("feed-%02d", f)
		recordBench(b, s, store.Poll{Feed: feed, Finished: benchStart, OK: true}, benchBatch(feed, f*500, 500, 26*time.Minute))
	}
	q := store.ItemQuery{Side: "us", Since: benchStart.Add(100 * 24 * time.Hour), Until: benchStart.Add(107 * 24 * time.Hour)}
	for b.Loop() {
		its, err := s.Items(context.Background(), q)
		if err != nil {
			b.Fatal(err)
		}
		if len(its) == 0 {
			b.Fatal("no items in the window")
		}
	}
}
