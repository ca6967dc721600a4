package alert_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// BenchmarkOutboxThroughput delivers b.N outbox messages spread over four
// channels through a no-op sink on a SQLite file: lease, load, send, mark
// sent. The msgs/s metric is the figure to hold at 1,000 or more.
func BenchmarkOutboxThroughput(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "gapwatch.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	noop := alert.SinkFunc(func(ctx context.Context, m alert.Message) (alert.Receipt, error) {
		return alert.Receipt{Ref: m.Key}, nil
	})
	channels := []string{"a", "b", "c", "d"}
	msgs := make([]store.OutboxMessage, 0, b.N)
	for i := range b.N {
		ch := channels[i%len(channels)]
		msgs = append(msgs, store.OutboxMessage{Key: fmt.Sprintf("bench:%d:%s", i, ch), Channel: ch, Platform: "noop",
			Event: alert.EventDigest, Payload: []byte(`{"text":"weekly digest","language":"en"}`), CreatedAt: t0})
	}
	for start := 0; start < len(msgs); start += 5000 {
		if _, err := st.Enqueue(ctx, msgs[start:min(start+5000, len(msgs))]); err != nil {
			b.Fatal(err)
		}
	}
	send := alert.NewSender(st, alert.SenderOptions{Platforms: map[string]alert.Sink{"noop": noop}, Batch: 100,
		Now: func() time.Time { return t0.Add(time.Minute) }})
	b.ResetTimer()
	start := time.Now()
	if err := send.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
	left, err := st.Outbox(ctx, store.OutboxQuery{State: store.OutboxPending, Limit: 1})
	if err != nil || len(left) != 0 {
		b.Fatalf("messages left pending: %v %v", left, err)
	}
}
