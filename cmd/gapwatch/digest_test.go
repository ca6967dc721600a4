package main

import (
	"context"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// digestWeek is the week the digest fixture fills: 2 to 8 March 2026.
var digestWeek = digest.Week{Year: 2026, Num: 10}

// digestFixture writes a config with two console channels asking for a
// digest (desk in English, mesa in Spanish, both in UTC) over feeds at
// feedURL, and a store where the service polled during week 10 and sre
// published one claim, still unconfirmed.
func digestFixture(t *testing.T, feedURL string) (cfgPath string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "gapwatch.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	for _, f := range []store.Feed{{Name: "sre", Side: "mx", URL: feedURL + "/sre.xml", Kind: "rss"},
		{Name: "state", Side: "us", URL: feedURL + "/state.xml", Kind: "rss"}} {
		if err := st.EnsureFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
		baseline := pub.AddDate(0, 0, -1) // Monday 2 March: the service started in week 10
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.Name, Started: baseline, Finished: baseline, OK: true}, nil); err != nil {
			t.Fatal(err)
		}
	}
	it := match.Item{Feed: "sre", Side: "mx", Language: "es", GUID: "sre-1", Link: "https://sre.example/1", Published: pub,
		Title: "México y Estados Unidos acordaron un grupo de trabajo sobre aranceles al acero"}
	res, err := st.RecordPoll(ctx, store.Poll{Feed: "sre", Started: pub, Finished: pub.Add(time.Minute), OK: true}, []match.Item{it})
	if err != nil || len(res.New) != 1 {
		t.Fatalf("RecordPoll: %v %+v", err, res)
	}
	it = res.New[0]
	if _, err := st.RecordPoll(ctx, store.Poll{Feed: "state", Started: pub, Finished: pub.Add(time.Minute), OK: true}, nil); err != nil {
		t.Fatal(err)
	}
	d := match.Decision{Feed: "sre", GUID: "sre-1", Title: it.Title, Side: "mx", Published: pub, Status: match.Unconfirmed,
		Final: true, Deadline: pub.Add(48 * time.Hour), Matches: []match.Ref{}}
	if _, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "final", At: pub.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`sides:
  - {id: mx, name: Mexico, language: es}
  - {id: us, name: United States, language: en}
feeds:
  - {name: sre, side: mx, url: "%[1]s/sre.xml", schedule: "@every 24h"}
  - {name: state, side: us, url: "%[1]s/state.xml", schedule: "@every 24h"}
storage: %[2]s
listen: 127.0.0.1:0
channels:
  - name: desk
    platform: console
    digest: {timezone: UTC}
  - name: mesa
    platform: console
    language: es
    digest: {timezone: UTC, schedule: "0 8 * * 1"}
  - name: quiet
    platform: console
`, feedURL, dbPath)
	cfgPath = filepath.Join(dir, "gapwatch.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfgPath
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("chart file: %v", err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("chart %s is not a PNG: %v", path, err)
	}
	if cfg.Width != digest.ChartWidth || cfg.Height != digest.ChartHeight {
		t.Errorf("chart is %dx%d, want %dx%d", cfg.Width, cfg.Height, digest.ChartWidth, digest.ChartHeight)
	}
}

func TestDigestCommand(t *testing.T) {
	cfgPath := digestFixture(t, "https://press.example")
	out := filepath.Join(t.TempDir(), "charts")
	code, stdout, stderr := runCLI(t, nil, "digest", "--config", cfgPath, "--channel", "desk", "--week", "2026-W10", "--out", out)
	if code != exitOK {
		t.Fatalf("digest exit %d: %s", code, stderr)
	}
	chart := filepath.Join(out, "digest-desk-2026-W10.png")
	for _, want := range []string{"Weekly digest — #desk — week 2026-W10 (2026-03-02 – 2026-03-08)", "New claims: 1",
		"Mexico: 1 — 1 unconfirmed", "UNCONFIRMED", "sre (mx): polls 2, failed 0, items published 1", "Chart: " + chart} {
		if !strings.Contains(stdout, want) {
			t.Errorf("digest output lacks %q:\n%s", want, stdout)
		}
	}
	checkPNG(t, chart)

	// The Spanish channel, and a channel with no digest: key previews with the defaults.
	code, stdout, _ = runCLI(t, nil, "digest", "--config", cfgPath, "--channel", "mesa", "--week", "2026-w10")
	if code != exitOK || !strings.Contains(stdout, "Afirmaciones nuevas: 1") || strings.Contains(stdout, "Chart:") {
		t.Errorf("Spanish preview (exit %d) without --out:\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, nil, "digest", "--config", cfgPath, "--channel", "quiet", "--week", "2026-W09", "--out", out)
	if code != exitOK || strings.Count(strings.TrimSpace(stdout), "\n") != 0 || !strings.Contains(stdout, "nothing new") {
		t.Errorf("empty week (exit %d) is not one line:\n%s", code, stdout)
	}

	for _, bad := range [][]string{
		{"--channel", "nope"},
		{},
		{"--channel", "desk", "--week", "2026-W54"},
		{"--channel", "desk", "extra"},
	} {
		args := append([]string{"digest", "--config", cfgPath}, bad...)
		if code, _, stderr := runCLI(t, nil, args...); code != exitUsage {
			t.Errorf("digest %v: exit %d, want %d (%s)", bad, code, exitUsage, stderr)
		}
	}
}

// TestServeSendsMissedDigest starts the service on Monday 9 March at
// 10:00 UTC, after it was down at the digest's 08:00 and 09:00 times: both
// channels' digests of week 10 are caught up at once, marked late, and the
// console prints each with the path of its chart; a restart sends nothing
// again.
func TestServeSendsMissedDigest(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	feeds := httptest.NewServer(http.NotFoundHandler())
	defer feeds.Close()
	cfgPath := digestFixture(t, feeds.URL)
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	for run := range 2 {
		e := &env{stdout: io.Discard, stderr: io.Discard}
		g := globalFlags{configPath: cfgPath}
		cfg, err := g.load(e)
		if err != nil {
			t.Fatal(err)
		}
		var logs syncBuffer
		log, _ := newLogger(&logs, "json")
		var out syncBuffer
		app, err := newApp(context.Background(), cfg, log, appOptions{stdout: &out, now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		if err := app.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for run == 0 && strings.Count(out.String(), "📎") < 2 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		// A restart checks at once too; let it run its check before stopping.
		for run == 1 && !strings.Contains(logs.String(), "digests scheduled") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = app.Stop(stopCtx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		text := out.String()
		if run == 1 {
			if strings.Contains(text, "· digest") {
				t.Errorf("the restart sent a digest again:\n%s", text)
			}
			break
		}
		if strings.Contains(text, "2026-W09") {
			t.Errorf("a digest of week 9, before the service ran, was sent:\n%s", text)
		}
		for _, want := range []string{"── #desk · digest", "sent late, scheduled for 2026-03-09 09:00 UTC",
			"── #mesa · digest", "enviado con retraso, previsto para el 2026-03-09 08:00 UTC"} {
			if !strings.Contains(text, want) {
				t.Errorf("console output lacks %q:\n%s\nlogs:\n%s", want, text, logs.String())
			}
		}
		paths := regexp.MustCompile(`📎 (\S+\.png)`).FindAllStringSubmatch(text, -1)
		if len(paths) != 2 {
			t.Fatalf("console printed %d chart paths, want 2:\n%s", len(paths), text)
		}
		for _, p := range paths {
			checkPNG(t, p[1])
		}
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(filepath.Dir(cfgPath), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, ch := range []string{"desk", "mesa"} {
		m, err := st.OutboxByKey(context.Background(), digest.Key(ch, digestWeek))
		if err != nil || m.State != store.OutboxSent {
			t.Errorf("%s digest in the outbox: %+v, %v; want sent", ch, m.State, err)
		}
	}
}

// TestChatDigestPreview: the /gapwatch digest command of the chat bot
// previews the current week of the first channel that asked for a digest,
// and says digests are not configured when none did.
func TestChatDigestPreview(t *testing.T) {
	ctx := context.Background()
	cfgPath := digestFixture(t, "https://press.example")
	cfg, err := (&globalFlags{configPath: cfgPath}).load(&env{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.PublicURL = "https://gapwatch.example.org/"
	st, err := sqlite.Open(ctx, cfg.Storage.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	wednesday := time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name      string
		digester  bot.Digester
		title     string
		text, url string
	}{
		{"configured", newDigester(cfg, st), "Week 2026-W10: 1 new claims, 1 still open", "Weekly digest — #desk — week 2026-W10",
			"https://gapwatch.example.org/digests/2026-W10"},
		{"none", newDigester(&config.Config{Sides: cfg.Sides}, st), "Digests are not configured", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := bot.New(bot.Options{Queries: st, Actions: st, Digester: c.digester, Now: func() time.Time { return wednesday }})
			if err != nil {
				t.Fatal(err)
			}
			r, err := b.Handle(ctx, bot.Request{Platform: "slack", User: "U1", Channel: "C1", Text: "digest"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != c.title || !strings.Contains(r.Text, c.text) || r.MoreURL != c.url || r.Public {
				t.Errorf("reply = %q %q (more %q, public %v)\n%s", r.Title, r.MoreURL, r.MoreURL, r.Public, r.Text)
			}
		})
	}
}
