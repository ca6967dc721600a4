package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// OpenN opens n handles (n replicas' stores) on one new empty database
// and closes them when b ends.
type OpenN func(b *testing.B, n int) []store.Store

// benchItems returns n new items of a feed, of a press release's size.
func benchItems(feed string, first, n int) []match.Item {
	body := strings.Repeat("The Secretary of State met Mexico's Foreign Secretary to discuss border cooperation. ", 35)
	out := make([]match.Item, n)
	for i := range out {
		k := first + i
		out[i] = match.Item{Feed: feed, Side: "us", GUID: fmt.Sprintf("%s-%d", feed, k),
			Title: fmt.Sprintf("Joint statement on migration, number %d", k), Link: fmt.Sprintf("https://state.example/%s/%d", feed, k),
			Published: t0.Add(time.Duration(k) * time.Minute), Summary: body[:250], Content: body,
			SummaryHTML: "<p>" + body[:250] + "</p>", ContentHTML: "<p>" + body + "</p>", Language: "en"}
	}
	return out
}

// BenchIngest measures polls recorded per second, each bringing 20 new
// items, by replicas writing different feeds at once (as replicas that
// share the feeds out do). It reports items/s.
func BenchIngest(b *testing.B, open OpenN, replicas int) {
	stores := open(b, replicas)
	ctx := context.Background()
	const perPoll = 20
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for r, s := range stores {
		wg.Go(func() {
			feed := fmt.Sprintf("feed-%d", r)
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				p := store.Poll{Feed: fmt.Sprintf("%s-%d", feed, i%10), Finished: t0.Add(time.Duration(i) * time.Second), OK: true, Status: 200}
				if _, err := s.RecordPoll(ctx, p, benchItems(p.Feed, int(i)*perPoll, perPoll)); err != nil {
					b.Errorf("RecordPoll: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N*perPoll)/time.Since(start).Seconds(), "items/s")
}

// BenchOutbox measures outbox messages delivered per second (taken with
// ClaimDue in batches of 20 and marked sent) by replicas draining one
// outbox of 8 channels at once. It reports msgs/s and fails if a message
// is taken twice.
func BenchOutbox(b *testing.B, open OpenN, replicas int) {
	stores := open(b, replicas)
	ctx := context.Background()
	msgs := make([]store.OutboxMessage, 0, b.N)
	for i := range b.N {
		msgs = append(msgs, store.OutboxMessage{Key: fmt.Sprintf("bench:%d", i), Channel: fmt.Sprintf("ch-%d", i%8),
			Platform: "console", Event: "feed_down", Payload: json.RawMessage(`{"text":"feed down"}`), CreatedAt: t0})
	}
	for len(msgs) > 0 {
		n := min(len(msgs), 1000)
		if _, err := stores[0].Enqueue(ctx, msgs[:n]); err != nil {
			b.Fatalf("Enqueue: %v", err)
		}
		msgs = msgs[n:]
	}
	var sent atomic.Int64
	var mu sync.Mutex
	seen := make(map[int64]bool, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for _, s := range stores {
		wg.Go(func() {
			for {
				due, err := s.ClaimDue(ctx, "", t0.Add(time.Second), time.Hour, 20)
				if err != nil {
					b.Errorf("ClaimDue: %v", err)
					return
				}
				if len(due) == 0 {
					return
				}
				for _, m := range due {
					mu.Lock()
					dup := seen[m.ID]
					seen[m.ID] = true
					mu.Unlock()
					if dup {
						b.Errorf("message %d taken twice", m.ID)
					}
					if err := s.MarkSent(ctx, m.ID, "r", t0.Add(2*time.Second)); err != nil {
						b.Errorf("MarkSent: %v", err)
						return
					}
					sent.Add(1)
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	if int(sent.Load()) != b.N {
		b.Fatalf("%d of %d messages sent", sent.Load(), b.N)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}
