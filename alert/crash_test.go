package alert_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// The crash test's child process reads its part from these variables.
const (
	envCrashDB    = "GAPWATCH_CRASH_DB"
	envCrashFeeds = "GAPWATCH_CRASH_FEEDS"
	envCrashHook  = "GAPWATCH_CRASH_HOOK"
	envCrashHours = "GAPWATCH_CRASH_HOURS"
	crashSecret   = "crash-test-secret"
)

// TestCrashChild is the service in the crash test: at a fixed time it
// restores the pipeline, polls the feeds and delivers the outbox to a
// webhook. It does nothing unless TestCrashExactlyOnce started it.
func TestCrashChild(t *testing.T) {
	db := os.Getenv(envCrashDB)
	if db == "" {
		t.Skip("run by TestCrashExactlyOnce")
	}
	hours, err := strconv.ParseFloat(os.Getenv(envCrashHours), 64)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := func() time.Time { return at(hours) }
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng := mustEngine(t)
	hook := alert.NewWebhookSink(alert.WebhookOptions{Name: "hook", URL: os.Getenv(envCrashHook), Secret: crashSecret})
	send := alert.NewSender(st, alert.SenderOptions{Sinks: map[string]alert.Sink{"hook": hook}, Now: now})
	pipe, err := alert.NewPipeline(alert.Options{Engine: eng, Store: st, Now: now,
		Router: alert.Router{Static: []alert.Route{{Channel: alert.Channel{Name: "hook", Platform: alert.PlatformWebhook, Target: os.Getenv(envCrashHook)}}}}})
	if err != nil {
		t.Fatal(err)
	}
	base := os.Getenv(envCrashFeeds)
	srcs := []feeds.Source{
		{Name: "sre", Side: "mx", URL: base + "/sre.xml", Type: "rss", Language: "es"},
		{Name: "state", Side: "us", URL: base + "/state.xml", Type: "rss", Language: "en"},
	}
	poller := feeds.NewPoller(st, feeds.PollerOptions{Now: now, OnItems: pipe.OnItems})
	if err := poller.Sync(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	if err := pipe.Restore(ctx); err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		if _, err := poller.Poll(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := pipe.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if err := send.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// receiver is the webhook peer of the crash test: it acknowledges
// messages, and holds one request forever when told to.
type receiver struct {
	mu      sync.Mutex
	acked   map[string]int
	seen    map[string]int
	holdAt  int // hold the holdAt-th request (0: never)
	n       int
	held    chan string
	release chan struct{}
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	if err := alert.VerifyWebhook(crashSecret, req.Header, body, time.Now(), time.Minute); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	key := req.Header.Get(alert.HeaderKey)
	r.mu.Lock()
	r.n++
	r.seen[key]++
	hold := r.holdAt != 0 && r.n == r.holdAt
	if !hold {
		r.acked[key]++
	}
	r.mu.Unlock()
	if hold {
		r.held <- key
		<-r.release
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// TestCrashExactlyOnce kills the service with SIGKILL while it is
// delivering (decisions and outbox committed, one webhook request in
// flight), restarts it, and checks that every message was acknowledged
// exactly once and nothing was lost.
func TestCrashExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "gapwatch.db")
	stories := loadStories(t)
	var feedNow sync.Mutex
	feedAt := at(-24)
	fs := newFeedServer(t, func() time.Time { feedNow.Lock(); defer feedNow.Unlock(); return feedAt }, stories)
	rcv := &receiver{acked: map[string]int{}, seen: map[string]int{}, held: make(chan string, 1), release: make(chan struct{})}
	hook := httptest.NewServer(rcv)
	t.Cleanup(func() { close(rcv.release); hook.Close() })

	child := func(hours float64) *exec.Cmd {
		feedNow.Lock()
		feedAt = at(hours)
		feedNow.Unlock()
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envCrashDB+"="+db, envCrashFeeds+"="+fs.URL, envCrashHook+"="+hook.URL+"/hook",
			envCrashHours+"="+strconv.FormatFloat(hours, 'f', -1, 64))
		return cmd
	}
	run := func(hours float64) {
		if out, err := child(hours).CombinedOutput(); err != nil {
			t.Fatalf("child at %+.0fh: %v\n%s", hours, err, out)
		}
	}
	run(-24) // baseline
	run(2)   // two claims announced and delivered

	// Third run: the readout confirms a claim; the receiver holds the
	// second request of the run and the process is killed meanwhile.
	rcv.mu.Lock()
	rcv.holdAt = rcv.n + 2
	rcv.mu.Unlock()
	cmd := child(21)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var heldKey string
	select {
	case heldKey = <-rcv.held:
	case err := <-exited:
		t.Fatalf("child exited before the held delivery: %v", err)
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("the child never reached the held delivery")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	<-exited

	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := st.Outbox(context.Background(), store.OutboxQuery{State: store.OutboxPending})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) == 0 {
		t.Fatal("the kill left nothing pending: it did not happen between decision and delivery")
	}

	run(22)  // restart: restore, deliver what is left
	run(170) // the deadline alert

	st, err = sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.Outbox(context.Background(), store.OutboxQuery{})
	if err != nil {
		t.Fatal(err)
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	for _, m := range all {
		if m.State != store.OutboxSent {
			t.Errorf("%s is %s after the restart", m.Key, m.State)
		}
		if n := rcv.acked[m.Key]; n != 1 {
			t.Errorf("%s acknowledged %d times, want exactly 1", m.Key, n)
		}
	}
	if len(rcv.acked) != len(all) {
		t.Errorf("receiver acknowledged %d keys, the outbox holds %d", len(rcv.acked), len(all))
	}
	if rcv.seen[heldKey] != 2 || rcv.acked[heldKey] != 1 {
		t.Errorf("held message %s: seen %d, acknowledged %d; want sent again once after the restart",
			heldKey, rcv.seen[heldKey], rcv.acked[heldKey])
	}
	if len(all) < 6 {
		t.Errorf("only %d messages in the outbox; the stories should give at least 6", len(all))
	}
}
