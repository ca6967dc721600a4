package alert_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// outboxEnv is a store with feed alerts enqueued for some channels, and a
// sender over it on a fake clock.
type outboxEnv struct {
	st    store.Store
	clock *clock
	send  *alert.Sender
	slept []time.Duration
}

func newOutboxEnv(t testing.TB, sinks map[string]alert.Sink, logger *slog.Logger, perChannel int, channels ...string) *outboxEnv {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &outboxEnv{st: st, clock: newClock(t0)}
	var msgs []store.OutboxMessage
	for _, ch := range channels {
		for i := range perChannel {
			msgs = append(msgs, store.OutboxMessage{Key: fmt.Sprintf("feed:cbp:feed_down:%d:%s", i, ch), Channel: ch,
				Platform: "test", Target: "https://hooks.example/T000/B000/" + ch + "-s3cr3t-token", Event: alert.EventFeedDown,
				Feed: "cbp", Payload: []byte(`{"text":"FEED DOWN — cbp","language":"en"}`), CreatedAt: t0})
		}
	}
	if _, err := st.Enqueue(context.Background(), msgs); err != nil {
		t.Fatal(err)
	}
	e.send = alert.NewSender(st, alert.SenderOptions{Sinks: sinks, Now: e.clock.Now, MaxAttempts: 4,
		MinBackoff: time.Minute, MaxBackoff: time.Hour, Logger: logger,
		Sleep: func(ctx context.Context, d time.Duration) error {
			e.slept = append(e.slept, d)
			return e.clock.Sleep(ctx, d)
		}})
	return e
}

func (e *outboxEnv) flushAt(t testing.TB, d time.Duration) {
	t.Helper()
	e.clock.Set(t0.Add(d))
	if err := e.send.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (e *outboxEnv) rows(t testing.TB, ch string) []store.OutboxMessage {
	t.Helper()
	ms, err := e.st.Outbox(context.Background(), store.OutboxQuery{Channel: ch})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestFailingSinkRecovers: a sink that fails three times is retried with
// growing backoff and delivers on the fourth attempt, while a healthy
// channel is delivered at once.
func TestFailingSinkRecovers(t *testing.T) {
	flaky := &recorder{fail: func(m alert.Message, n int) error {
		if n <= 3 {
			return errors.New("status 502")
		}
		return nil
	}}
	good := &recorder{}
	e := newOutboxEnv(t, map[string]alert.Sink{"flaky": flaky, "good": good}, nil, 1, "flaky", "good")
	e.flushAt(t, 0)
	if len(good.sent()) != 1 {
		t.Fatalf("healthy channel delivered %d messages, want 1 (a failing channel must not block it)", len(good.sent()))
	}
	var waits []time.Duration
	for i := 1; i <= 3; i++ {
		r := e.rows(t, "flaky")[0]
		if r.State != store.OutboxPending || r.Attempts != i || r.LastError != "status 502" {
			t.Fatalf("after failure %d: %+v", i, r)
		}
		waits = append(waits, r.NextAttempt.Sub(e.clock.Now()))
		// Not due yet: nothing happens.
		e.flushAt(t, e.clock.Now().Sub(t0)+time.Second)
		if n := e.rows(t, "flaky")[0].Attempts; n != i {
			t.Fatalf("retried before the backoff ended (attempts %d)", n)
		}
		e.flushAt(t, r.NextAttempt.Sub(t0))
	}
	if waits[1] <= waits[0] || waits[2] <= waits[1] {
		t.Errorf("backoff does not grow: %v", waits)
	}
	r := e.rows(t, "flaky")[0]
	if r.State != store.OutboxSent || len(flaky.sent()) != 1 || r.Receipt == "" {
		t.Errorf("after recovery: %+v, %d delivered", r, len(flaky.sent()))
	}
}

// TestRateLimitedSink: a short rate limit is waited out without counting
// an attempt; a long one pauses only that channel, and the message is
// delivered after it, never dropped.
func TestRateLimitedSink(t *testing.T) {
	short := &recorder{fail: func(m alert.Message, n int) error {
		if n == 1 {
			return &alert.RetryAfterError{After: 30 * time.Second}
		}
		return nil
	}}
	long := &recorder{fail: func(m alert.Message, n int) error {
		if n == 1 {
			return &alert.RetryAfterError{After: time.Hour, Err: errors.New("429")}
		}
		return nil
	}}
	other := &recorder{}
	e := newOutboxEnv(t, map[string]alert.Sink{"short": short, "long": long, "other": other}, nil, 2, "short", "long", "other")
	e.flushAt(t, 0)
	if len(short.sent()) != 2 {
		t.Errorf("short rate limit: %d delivered, want 2", len(short.sent()))
	}
	for _, r := range e.rows(t, "short") {
		if r.Attempts != 0 {
			t.Errorf("a rate limit counted as a failed attempt: %+v", r)
		}
	}
	if len(e.slept) == 0 || e.slept[0] != 30*time.Second {
		t.Errorf("sender waited %v, want the 30s the platform asked", e.slept)
	}
	if len(other.sent()) != 2 {
		t.Errorf("other channel delivered %d, want 2 while another is rate limited", len(other.sent()))
	}
	if len(long.sent()) != 0 {
		t.Fatalf("long rate limit: delivered %d before the hour passed", len(long.sent()))
	}
	for _, r := range e.rows(t, "long") {
		if r.State != store.OutboxPending || r.Attempts != 0 {
			t.Errorf("rate-limited message = %+v, want pending without attempts", r)
		}
	}
	e.flushAt(t, 30*time.Minute)
	if len(long.sent()) != 0 {
		t.Errorf("delivered during the rate limit")
	}
	e.flushAt(t, time.Hour+time.Minute)
	if len(long.sent()) != 2 {
		t.Errorf("after the rate limit: %d delivered, want 2", len(long.sent()))
	}
}

// TestDeadMessages: a permanent error kills a message at once; repeated
// failures kill it after MaxAttempts; both stay visible, with redacted
// errors.
func TestDeadMessages(t *testing.T) {
	perm := &recorder{fail: func(m alert.Message, n int) error {
		return alert.Permanent(fmt.Errorf("post %s: channel_not_found", m.Channel.Target))
	}}
	always := &recorder{fail: func(m alert.Message, n int) error { return errors.New("timeout") }}
	e := newOutboxEnv(t, map[string]alert.Sink{"perm": perm, "always": always}, nil, 1, "perm", "always", "nosink")
	for i := 0; i < 6; i++ {
		e.flushAt(t, time.Duration(i)*3*time.Hour)
	}
	r := e.rows(t, "perm")[0]
	if r.State != store.OutboxDead || r.Attempts != 1 {
		t.Errorf("permanent error: %+v, want dead after 1 attempt", r)
	}
	if strings.Contains(r.LastError, "s3cr3t") || !strings.Contains(r.LastError, "channel_not_found") {
		t.Errorf("last error = %q: want the cause without the target", r.LastError)
	}
	if r := e.rows(t, "always")[0]; r.State != store.OutboxDead || r.Attempts != 4 {
		t.Errorf("repeated failures: %+v, want dead after 4 attempts", r)
	}
	if r := e.rows(t, "nosink")[0]; r.State != store.OutboxDead || !strings.Contains(r.LastError, "no sink") {
		t.Errorf("channel without sink: %+v", r)
	}
	dead, err := e.st.Outbox(context.Background(), store.OutboxQuery{State: store.OutboxDead})
	if err != nil || len(dead) != 3 {
		t.Errorf("dead messages listed: %d, %v", len(dead), err)
	}
}

// TestWebhookSignature: a receiver verifies the signature with the shared
// secret; a tampered body, a wrong secret or an old timestamp fail.
func TestWebhookSignature(t *testing.T) {
	const secret = "whsec-test-only"
	var got struct {
		header http.Header
		body   []byte
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		_, _ = b.ReadFrom(r.Body)
		got.header, got.body = r.Header.Clone(), b.Bytes()
		if err := alert.VerifyWebhook(secret, r.Header, b.Bytes(), t0, 5*time.Minute); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		w.Header().Set(alert.HeaderMessageID, "msg-77")
	}))
	defer srv.Close()
	sink := alert.NewWebhookSink(alert.WebhookOptions{Name: "hook", URL: srv.URL + "/in", Secret: secret, Now: func() time.Time { return t0 }})
	m := alert.Message{OutboxID: 7, Key: "claim:1:final:hook", Event: alert.EventFinal, Text: "DEADLINE PASSED",
		Channel: alert.Channel{Name: "hook", Platform: alert.PlatformWebhook, Target: srv.URL + "/in"}, At: t0}
	rec, err := sink.Send(context.Background(), m)
	if err != nil || rec.Ref != "msg-77" {
		t.Fatalf("Send = %+v, %v", rec, err)
	}
	if got.header.Get(alert.HeaderKey) != m.Key || got.header.Get(alert.HeaderEvent) != "final" ||
		!strings.HasPrefix(got.header.Get(alert.HeaderSignature), "sha256=") {
		t.Errorf("headers = %v", got.header)
	}
	if !bytes.Contains(got.body, []byte(`"key":"claim:1:final:hook"`)) || bytes.Contains(got.body, []byte(srv.URL)) {
		t.Errorf("body = %s", got.body)
	}
	cases := []struct {
		name   string
		secret string
		body   []byte
		now    time.Time
	}{
		{"tampered body", secret, append(append([]byte{}, got.body...), ' '), t0},
		{"wrong secret", "other", got.body, t0},
		{"stale timestamp", secret, got.body, t0.Add(10 * time.Minute)},
	}
	for _, c := range cases {
		if err := alert.VerifyWebhook(c.secret, got.header, c.body, c.now, 5*time.Minute); !errors.Is(err, alert.ErrBadSignature) {
			t.Errorf("%s: VerifyWebhook = %v, want ErrBadSignature", c.name, err)
		}
	}
}

// TestWebhookStatuses maps receiver answers to the sender's error classes.
func TestWebhookStatuses(t *testing.T) {
	cases := []struct {
		status    int
		header    string
		permanent bool
		retry     time.Duration
	}{
		{http.StatusTooManyRequests, "17", false, 17 * time.Second},
		{http.StatusServiceUnavailable, "", false, 0},
		{http.StatusRequestTimeout, "", false, 0},
		{http.StatusBadRequest, "", true, 0},
		{http.StatusGone, "", true, 0},
	}
	for _, c := range cases {
		t.Run(http.StatusText(c.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c.header != "" {
					w.Header().Set("Retry-After", c.header)
				}
				w.WriteHeader(c.status)
			}))
			defer srv.Close()
			sink := alert.NewWebhookSink(alert.WebhookOptions{Name: "hook", URL: srv.URL + "/T0/secret-path", Secret: "k"})
			_, err := sink.Send(context.Background(), alert.Message{Key: "k1", Event: "digest"})
			if err == nil {
				t.Fatal("no error")
			}
			var ra *alert.RetryAfterError
			if got := errors.As(err, &ra); got != (c.retry > 0) || (got && ra.After != c.retry) {
				t.Errorf("rate limit = %v (%v), want %v", got, ra, c.retry)
			}
			if alert.IsPermanent(err) != c.permanent {
				t.Errorf("permanent = %v, want %v (%v)", alert.IsPermanent(err), c.permanent, err)
			}
			if strings.Contains(err.Error(), "secret-path") || strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error names the URL: %v", err)
			}
		})
	}
}

// TestNoSecretInLogs delivers through webhooks that fail in every way
// (error status, refused connection, rate limit) and checks that neither
// the logs nor the stored errors show the URL's token or the secret.
func TestNoSecretInLogs(t *testing.T) {
	const token, secret = "T0KEN-9f8e7d", "whsec-5ecret-4242"
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1)%2 == 0 {
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		http.Error(w, "upstream broke", http.StatusBadGateway)
	}))
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sinks := map[string]alert.Sink{
		"hook":   alert.NewWebhookSink(alert.WebhookOptions{Name: "hook", URL: srv.URL + "/services/" + token + "?sig=" + token, Secret: secret}),
		"refuse": alert.NewWebhookSink(alert.WebhookOptions{Name: "refuse", URL: closedURL + "/services/" + token, Secret: secret}),
	}
	e := newOutboxEnv(t, sinks, logger, 2, "hook", "refuse")
	for i := 0; i < 4; i++ {
		e.flushAt(t, time.Duration(i)*4*time.Hour)
	}
	rows := append(e.rows(t, "hook"), e.rows(t, "refuse")...)
	for _, r := range rows {
		if r.LastError == "" {
			t.Errorf("message %s has no recorded error", r.Key)
		}
		if strings.Contains(r.LastError, token) || strings.Contains(r.LastError, secret) {
			t.Errorf("stored error shows a secret: %q", r.LastError)
		}
	}
	out := logs.String()
	if !strings.Contains(out, "delivery failed") {
		t.Fatalf("no failure logged:\n%s", out)
	}
	for _, s := range []string{token, secret, "s3cr3t"} {
		if strings.Contains(out, s) {
			t.Errorf("logs show %q:\n%s", s, out)
		}
	}
}
