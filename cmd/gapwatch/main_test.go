package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
)

// runCLI runs the CLI in-process with an environment limited to vars.
func runCLI(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, lookupEnv: func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}}
	code = run(context.Background(), args, e)
	return code, out.String(), errb.String()
}

// feedServer serves the testdata files under /name, counting requests and
// answering conditional requests with 304.
type feedServer struct {
	*httptest.Server
	hits atomic.Int64
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	fs := &feedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		body, err := os.ReadFile(filepath.Join("testdata", filepath.Base(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(body))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

// writeConfig writes a config with two feeds on srv (one good, one broken)
// and SQLite in a temporary folder, returning its path.
func writeConfig(t *testing.T, srvURL string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf(`sides:
  - {id: mx, name: Mexico, language: es, timezone: America/Mexico_City}
  - {id: us, name: United States, language: en}
feeds:
  - {name: state, side: us, url: %[1]s/state.rss}
  - {name: broken, side: us, url: %[1]s/broken.rss}
storage: %[2]s
listen: 127.0.0.1:0
`, srvURL, filepath.Join(dir, "gapwatch.db"))
	path := filepath.Join(dir, "gapwatch.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsageAndUnknownCommands(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{nil, exitUsage, "commands:", ""},
		{[]string{"--help"}, exitOK, "replay", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{[]string{"poll", "--nope"}, exitUsage, "", "flag provided but not defined"},
		{[]string{"items", "--help"}, exitOK, "-since", ""},
		{[]string{"version"}, exitOK, "gapwatch ", ""},
		{[]string{"version", "extra"}, exitUsage, "", "no arguments"},
		{[]string{"replay"}, exitUsage, "", "--feed SIDE=PATH"},
		{[]string{"replay", "--feed", "nonsense"}, exitUsage, "", "want SIDE=PATH"},
		{[]string{"items", "--since", "yesterday-ish"}, exitUsage, "", "not a duration"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, map[string]string{"GAPWATCH_STORAGE": filepath.Join(t.TempDir(), "x.db")}, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errOut)
			}
		})
	}
}

func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("feeds:\n  - {name: a, side: xx, url: 'ftp://nope'}\n  - {name: a, side: us, url: 'https://x.example/feed'}\n"), 0o600)
	code, _, errOut := runCLI(t, nil, "check-config", "--config", bad)
	if code != exitUsage {
		t.Fatalf("exit %d, want 2; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"feeds[0].side", "feeds[0].url", "feeds[1].name"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("check-config output lacks the problem at %s:\n%s", want, errOut)
		}
	}

	// An office id the catalogue does not know is a config error too.
	badOffice := filepath.Join(dir, "office.yaml")
	os.WriteFile(badOffice, []byte("feeds:\n  - {name: x, side: us, url: 'https://x.example/feed', office: nosuchoffice}\n"), 0o600)
	if code, _, errOut := runCLI(t, nil, "check-config", "--config", badOffice); code != exitUsage || !strings.Contains(errOut, `office "nosuchoffice"`) {
		t.Fatalf("unknown office: exit %d, want 2 naming the office:\n%s", code, errOut)
	}

	code, out, errOut := runCLI(t, nil, "check-config")
	if code != exitOK || !strings.Contains(out, "built-in defaults: ok") {
		t.Fatalf("defaults: exit %d\n%s%s", code, out, errOut)
	}

	// A secret in a header never reaches the output, not even with --dump.
	withSecret := filepath.Join(dir, "secret.yaml")
	os.WriteFile(withSecret, []byte("feeds:\n  - {name: a, side: us, url: 'https://x.example/feed', headers: {Authorization: '${FEED_TOKEN}'}}\n"), 0o600)
	code, out, errOut = runCLI(t, map[string]string{"FEED_TOKEN": "s3cr3t-token"}, "check-config", "--dump", "--config", withSecret)
	if code != exitOK {
		t.Fatalf("dump: exit %d\n%s", code, errOut)
	}
	if strings.Contains(out+errOut, "s3cr3t-token") {
		t.Fatalf("the secret header value was printed:\n%s", out)
	}
}

func TestPollFeedsItems(t *testing.T) {
	srv := newFeedServer(t)
	cfgPath := writeConfig(t, srv.URL)

	// One broken feed fails the command but never stops the good one.
	code, out, errOut := runCLI(t, nil, "poll", "--config", cfgPath, "--log-format", "json")
	if code != exitFailure {
		t.Fatalf("poll with a broken feed: exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "state") || !strings.Contains(out, "FAILED parse") || !strings.Contains(errOut, "1 of 2 feeds failed") {
		t.Fatalf("poll table:\n%s\nstderr:\n%s", out, errOut)
	}

	code, out, errOut = runCLI(t, nil, "items", "--config", cfgPath, "--json", "--feed", "state")
	if code != exitOK {
		t.Fatalf("items: exit %d: %s", code, errOut)
	}
	var got []match.Item
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var it match.Item
		if err := dec.Decode(&it); err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if len(got) != 2 {
		t.Fatalf("items: got %d, want 2:\n%s", len(got), out)
	}
	if got[1].Link != "https://www.state.example/secretarys-call-canada/" || got[1].Title != "Secretary’s Call with the Foreign Minister of Canada" {
		t.Errorf("older item not normalised (relative link, entity): %+v", got[1])
	}
	if !got[0].Backlog {
		t.Errorf("items of a feed's first poll must be flagged as backlog: %+v", got[0])
	}

	// The second poll of the unchanged feed is answered 304 and reads nothing new.
	code, out, _ = runCLI(t, nil, "poll", "--config", cfgPath, "--feed", "state")
	if code != exitOK || !strings.Contains(out, "not modified") {
		t.Fatalf("second poll: exit %d\n%s", code, out)
	}
	code, _, errOut = runCLI(t, nil, "poll", "--config", cfgPath, "--feed", "nosuchfeed")
	if code != exitUsage || !strings.Contains(errOut, "unknown feed nosuchfeed") {
		t.Fatalf("unknown feed: exit %d: %s", code, errOut)
	}

	code, out, errOut = runCLI(t, nil, "feeds", "--config", cfgPath)
	if code != exitOK {
		t.Fatalf("feeds: exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	var stateRow, brokenRow string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "state "):
			stateRow = l
		case strings.HasPrefix(l, "broken "):
			brokenRow = l
		}
	}
	if !strings.Contains(stateRow, " 2 ") || strings.Contains(stateRow, "never") {
		t.Errorf("state row should show 2 items and a last success: %q", stateRow)
	}
	if !strings.Contains(brokenRow, "parse ×1") || !strings.Contains(brokenRow, "never") {
		t.Errorf("broken row should show its parse error and no success: %q", brokenRow)
	}
}

func TestServeEndpointsAndGracefulStop(t *testing.T) {
	srv := newFeedServer(t)
	cfgPath := writeConfig(t, srv.URL)
	e := &env{stdout: io.Discard, stderr: io.Discard}
	g := globalFlags{configPath: cfgPath, logFormat: "json"}
	cfg, err := g.load(e)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Feeds = cfg.Feeds[:1]
	cfg.Feeds[0].Schedule = "@every 1s"
	cfg.Poller.Spread = -1
	log, _ := newLogger(io.Discard, "json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app, err := newApp(ctx, cfg, log, appOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	base := "http://" + app.Addr()
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Fatalf("/healthz: %d %q", code, body)
	}
	if code, _ := get("/readyz"); code != 200 {
		t.Fatalf("/readyz: %d", code)
	}
	// Wait for the scheduler's first poll to show in the metrics.
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, body := get("/metrics")
		if strings.Contains(body, `feed="state"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no poll of feed state in /metrics after 15s:\n%s", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	stopCtx, stopCancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer stopCancel()
	if err := app.Stop(stopCtx); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answering after Stop")
	}
}

// TestServeStopsOnSignal: SIGINT/SIGTERM (the context ending) stops serve
// cleanly with exit 0, whether it arrives while the service is starting
// (opening the store, restoring the pipeline) or once it runs.
func TestServeStopsOnSignal(t *testing.T) {
	for _, after := range []time.Duration{0, 5 * time.Millisecond, 300 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			srv := newFeedServer(t)
			cfgPath := writeConfig(t, srv.URL)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan int, 1)
			var errb syncBuffer
			go func() {
				done <- run(ctx, []string{"serve", "--config", cfgPath, "--log-format", "json"}, &env{stdout: io.Discard, stderr: &errb})
			}()
			time.Sleep(after)
			cancel() // what SIGINT/SIGTERM do through signal.NotifyContext
			select {
			case code := <-done:
				if code != exitOK {
					t.Fatalf("serve exit %d after cancel:\n%s", code, errb.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop within 30s of its context ending")
			}
			if !strings.Contains(errb.String(), "shutting down") {
				t.Errorf("no shutdown log line:\n%s", errb.String())
			}
		})
	}
}

func TestServeRejectsBadConfig(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("listen: [not, an, address]\n"), 0o600)
	code, _, errOut := runCLI(t, nil, "serve", "--config", bad)
	if code != exitUsage || !strings.Contains(errOut, "line 1") {
		t.Fatalf("exit %d, want 2 with the line: %s", code, errOut)
	}
}
