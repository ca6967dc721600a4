package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// TestDemoPrintsLifecycle: the demo replays the bundled feeds over
// simulated days and prints every stage of a claim's life on the console
// channel.
func TestDemoPrintsLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	code, out, errOut := runCLI(t, nil, "demo")
	if code != exitOK {
		t.Fatalf("demo exit %d:\n%s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"── #console · new_claim · claim 1\n   NEW CLAIM — ",
		"Watching United States for a confirmation until",
		"── #console · confirmed · claim 1 · in thread console-1\n",
		"── #console · revised · claim ",
		"EDITED — sre says",
		"── #console · final · claim ",
		"DEADLINE PASSED — ",
		"━━ Wednesday 4 February 2026 ━━",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if !strings.Contains(out, "messages delivered.") {
		t.Errorf("demo output lacks its summary:\n%s", out)
	}
}

// TestOutboxCommand lists the outbox, filtered by state, and rejects an
// unknown state.
func TestOutboxCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "gapwatch.db")
	cfgPath := filepath.Join(dir, "gapwatch.yaml")
	if err := os.WriteFile(cfgPath, []byte("storage: "+db+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	var msgs []store.OutboxMessage
	for i, ch := range []string{"desk", "hook", "desk"} {
		msgs = append(msgs, store.OutboxMessage{Key: fmt.Sprintf("feed:cbp:feed_down:%d:%s", i, ch), Channel: ch,
			Platform: "webhook", Target: "https://hooks.example/token-123", Event: alert.EventFeedDown, Feed: "cbp", CreatedAt: now})
	}
	if _, err := st.Enqueue(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	due, err := st.ClaimDue(ctx, "", now, time.Minute, 10)
	if err != nil || len(due) != 3 {
		t.Fatalf("ClaimDue: %v %v", due, err)
	}
	if err := st.MarkSent(ctx, due[0].ID, "ts-1", now); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkFailed(ctx, due[1].ID, "webhook hook: status 410", now, true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := runCLI(t, nil, "outbox", "--config", cfgPath, "--state", "dead")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "dead") || !strings.Contains(lines[1], "hook") ||
		!strings.Contains(lines[1], "status 410") {
		t.Errorf("--state dead:\n%s", out)
	}
	code, out, _ = runCLI(t, nil, "outbox", "--config", cfgPath)
	if code != exitOK || strings.Count(out, "\n") != 4 || !strings.Contains(out, "ts-1") || !strings.Contains(out, "pending") {
		t.Errorf("all messages (exit %d):\n%s", code, out)
	}
	if strings.Contains(out, "token-123") {
		t.Errorf("outbox prints a channel target:\n%s", out)
	}
	if code, _, errOut := runCLI(t, nil, "outbox", "--config", cfgPath, "--state", "lost"); code != exitUsage || !strings.Contains(errOut, "pending, sent or dead") {
		t.Errorf("unknown state: exit %d, %s", code, errOut)
	}
}

// TestServeDeliversToWebhook runs serve with a webhook channel: the feed's
// claims reach the receiver signed with the configured secret, and neither
// the URL's token nor the secret appears in the logs.
func TestServeDeliversToWebhook(t *testing.T) {
	const secret, token = "whsec-serve-test", "tok-7a7a7a"
	var mu sync.Mutex
	var got []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := alert.VerifyWebhook(secret, r.Header, body, time.Now(), time.Minute); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		mu.Lock()
		got = append(got, r.Header.Get(alert.HeaderEvent))
		mu.Unlock()
	}))
	defer hook.Close()
	vars := map[string]string{"HOOK_URL": hook.URL + "/in/" + token, "HOOK_SECRET": secret}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := startServeWithNews(ctx, t, "Acuerdo sobre agua", `  - name: hook
    platform: webhook
    target: "${HOOK_URL}"
    secret: "${HOOK_SECRET}"
`, vars, &logs)
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	stopCtx, stopCancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer stopCancel()
	if err := app.Stop(stopCtx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 || got[0] != alert.EventNewClaim {
		t.Fatalf("webhook received %v, want a signed new_claim; logs:\n%s", got, logs.String())
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), secret) {
		t.Errorf("logs show the webhook token or secret:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "alert pipeline running") {
		t.Errorf("no pipeline start in the logs:\n%s", logs.String())
	}
}

func TestGoneChecker(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead || r.Header.Get("User-Agent") != "gw-test" {
			http.Error(w, "want HEAD with the user agent", http.StatusBadRequest)
			return
		}
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/missing":
			http.NotFound(w, r)
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	check := goneChecker(srv.Client(), "gw-test")
	for path, want := range map[string]bool{"/ok": false, "/gone": true, "/missing": true, "/broken": false} {
		got, err := check(context.Background(), srv.URL+path)
		if err != nil || got != want {
			t.Errorf("%s: gone = %v, %v; want %v", path, got, err, want)
		}
	}
	if _, err := check(context.Background(), "http://127.0.0.1:1/x"); err == nil {
		t.Error("no error from an unreachable page")
	}
}
