package alert_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// TestAttachmentsThroughOutbox enqueues a digest-like message with a file,
// delivers it with the sender to a console sink, and checks the file was
// written where the printed path says, with the same bytes.
func TestAttachmentsThroughOutbox(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	chart := []byte("\x89PNG fake chart bytes")
	pl, err := alert.EncodePayload("Week 2026-W47\nthree claims", "en", at, []alert.Attachment{
		{Name: "chart.png", ContentType: "image/png", Data: chart}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Enqueue(ctx, []store.OutboxMessage{{Key: "digest/news/2026-W47", Channel: "news", Platform: "console",
		Event: alert.EventDigest, Payload: pl, CreatedAt: at}}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	console := alert.NewConsoleSink(&out)
	dir := t.TempDir()
	console.SetAttachmentDir(dir)
	sender := alert.NewSender(st, alert.SenderOptions{Sinks: map[string]alert.Sink{"news": console},
		Now: func() time.Time { return at }})
	if err := sender.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	want := filepath.Join(dir, "digest_news_2026-W47-chart.png")
	if !strings.Contains(out.String(), "three claims") || !strings.Contains(out.String(), want) {
		t.Fatalf("console output does not show the text and the attachment path %s:\n%s", want, out.String())
	}
	got, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("attachment file: %v", err)
	}
	if !bytes.Equal(got, chart) {
		t.Errorf("attachment file holds %q, want %q", got, chart)
	}
	sent, err := st.OutboxByKey(ctx, "digest/news/2026-W47")
	if err != nil || sent.State != store.OutboxSent {
		t.Errorf("outbox row = %+v, %v; want sent", sent, err)
	}
}
