package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// newsroomStore writes a config whose SQLite store holds one Mexican claim
// about tariffs and an English item on the same topic, and returns the
// config's path and the claim's ID.
func newsroomStore(t *testing.T) (cfgPath string, claimID int64) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "gapwatch.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub := time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)
	items := map[string]match.Item{
		"sre": {Feed: "sre", Side: "mx", Language: "es", GUID: "sre-1", Link: "https://sre.example/1", Published: pub,
			Title: "México y Estados Unidos acordaron eliminar los aranceles al acero"},
		"state": {Feed: "state", Side: "us", Language: "en", GUID: "state-1", Link: "https://state.example/1", Published: pub.Add(3 * time.Hour),
			Title: "Readout: the Secretary discussed tariffs with Mexico"},
	}
	for _, f := range []store.Feed{{Name: "sre", Side: "mx", URL: "https://sre.example/rss", Kind: "rss"}, {Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}} {
		if err := st.EnsureFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.Name, Started: pub, Finished: pub, OK: true}, []match.Item{items[f.Name]}); err != nil {
			t.Fatal(err)
		}
	}
	claim, err := st.ItemByGUID(ctx, "sre", "sre-1")
	if err != nil {
		t.Fatal(err)
	}
	d := match.Decision{Feed: "sre", GUID: "sre-1", Title: claim.Title, Side: "mx", Published: pub, Status: match.Unconfirmed,
		Final: true, Deadline: pub.Add(168 * time.Hour), Matches: []match.Ref{}}
	d.Explanation = match.Explanation{Status: match.Unconfirmed, ClaimFeed: "sre", ClaimTitle: claim.Title, Published: pub,
		Units: []match.ExplainedUnit{{Action: match.CueAgree, Quote: "acordaron eliminar los aranceles al acero", Outcome: match.Absent}}}
	// The deadline alert went to the default console channel.
	res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: claim, Decision: d, Event: "final", At: pub,
		Outbox: []store.OutboxMessage{{Channel: "console", Platform: "console", Event: "final", Payload: []byte(`{"text":"alert"}`)}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf(`sides:
  - {id: mx, name: Mexico, language: es}
  - {id: us, name: United States, language: en}
feeds:
  - {name: sre, side: mx, url: "https://sre.example/rss"}
  - {name: state, side: us, url: "https://state.example/rss"}
storage: %s
`, dbPath)
	cfgPath = filepath.Join(dir, "gapwatch.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfgPath, res.Claim.ID
}

func TestNewsroomCommands(t *testing.T) {
	cfgPath, id := newsroomStore(t)
	vars := map[string]string{"USER": "ana"}
	ids := func(s string) string { return strings.ReplaceAll(s, "{id}", fmt.Sprint(id)) }
	// Steps share the store: later ones see what earlier ones did.
	steps := []struct {
		args     []string
		code     int
		stdout   []string
		stderr   string
		unwanted string
	}{
		{args: []string{"gaps"}, code: exitOK, stdout: []string{"Open gaps: 1", "#{id} · UNCONFIRMED · sre", "México y Estados Unidos acordaron"}},
		{args: []string{"gaps", "--status", "partial,pending"}, code: exitOK, stdout: []string{"Open gaps (partial, pending): none"}},
		{args: []string{"gaps", "--limit", "0"}, code: exitUsage, stderr: "--limit must be positive"},
		{args: []string{"gaps", "--side", "us"}, code: exitOK, stdout: []string{"none"}},
		{args: []string{"gaps", "--side", "xx"}, code: exitUsage, stderr: `--side "xx" is not a configured side`},
		{args: []string{"gaps", "--status", "soon"}, code: exitUsage, stderr: `--status "soon": want pending`},
		{args: []string{"gaps", "--json", "sometime"}, code: exitFailure, stderr: `I do not know the filter "sometime"`},
		{args: []string{"gaps", "sometime"}, code: exitFailure, stderr: `I do not know the filter "sometime"`},
		{args: []string{"show", "{id}"}, code: exitOK, stdout: []string{"#{id} UNCONFIRMED", "acordaron eliminar los aranceles", "not stated by the other side"}},
		{args: []string{"show", "999"}, code: exitFailure, stderr: "There is no claim #999."},
		{args: []string{"show"}, code: exitUsage, stderr: "show takes one claim ID"},
		{args: []string{"search", "aranceles"}, code: exitOK, stdout: []string{"tariffs / aranceles", "Readout: the Secretary discussed tariffs with Mexico", "#{id} UNCONFIRMED"}},
		{args: []string{"search"}, code: exitUsage, stderr: "search needs some text"},
		{args: []string{"confirm", "{id}", "ftp://x.example/"}, code: exitFailure, stderr: "http or https URL"},
		{args: []string{"confirm", "{id}", "https://news.example/phone-call", "the", "embassy", "confirmed"}, code: exitOK,
			stdout: []string{"Claim #{id} marked confirmed", "By: cli:ana", "Note: the embassy confirmed"}},
		{args: []string{"gaps"}, code: exitOK, stdout: []string{"Open gaps: none"}},
		{args: []string{"dismiss", "{id}"}, code: exitUsage, stderr: "dismiss takes a claim ID and a reason"},
		{args: []string{"dismiss", "{id}", "a readout"}, code: exitOK, stdout: []string{"Claim #{id} dismissed", "Reason: a readout"}},
		{args: []string{"mute", "{id}"}, code: exitUsage, stderr: "mute needs --channel NAME"},
		{args: []string{"mute", "--channel", "nowhere", "{id}"}, code: exitUsage, stderr: `unknown channel "nowhere" (known: console)`},
		{args: []string{"mute", "--channel", "console", "{id}"}, code: exitOK, stdout: []string{"Claim #{id} muted"}},
		{args: []string{"mute", "--unmute", "--channel", "console", "{id}"}, code: exitOK, stdout: []string{"Claim #{id} unmuted"}},
	}
	for _, s := range steps {
		args := make([]string, 0, len(s.args)+2)
		for _, a := range s.args {
			args = append(args, ids(a))
		}
		args = append(args[:1], append([]string{"--config", cfgPath}, args[1:]...)...)
		code, out, errOut := runCLI(t, vars, args...)
		if code != s.code {
			t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", s.args, code, s.code, out, errOut)
		}
		for _, w := range s.stdout {
			if !strings.Contains(out, ids(w)) {
				t.Errorf("%v: stdout lacks %q:\n%s", s.args, ids(w), out)
			}
		}
		if !strings.Contains(errOut, s.stderr) {
			t.Errorf("%v: stderr lacks %q:\n%s", s.args, s.stderr, errOut)
		}
	}

	// gaps --json: every claim, resolved ones too, as JSON lines.
	code, out, errOut := runCLI(t, vars, "gaps", "--config", cfgPath, "--all", "--json")
	if code != exitOK {
		t.Fatalf("gaps --json: exit %d: %s", code, errOut)
	}
	var got gapJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("gaps --json: %v\n%s", err, out)
	}
	if got.ID != id || got.Status != "unconfirmed" || got.Resolution != "dismissed" || got.ResolvedBy != "cli:ana" || got.Side != "mx" {
		t.Errorf("gaps --json: %+v", got)
	}

	// Every action was recorded as cli:ana.
	st, err := sqlite.Open(context.Background(), strings.TrimSuffix(cfgPath, "gapwatch.yaml")+"gapwatch.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acts, err := st.Actions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range acts {
		if a.Actor != "cli:ana" || a.At.IsZero() {
			t.Errorf("action %s recorded as %q at %s", a.Kind, a.Actor, a.At)
		}
		kinds = append(kinds, string(a.Kind))
	}
	if want := "show,confirm,dismiss,mute,unmute"; strings.Join(kinds, ",") != want {
		t.Errorf("actions on the claim: %s, want %s", strings.Join(kinds, ","), want)
	}

	// The confirmation and the dismissal told the channel that had the
	// alert, through the outbox the service delivers.
	msgs, err := st.Outbox(context.Background(), store.OutboxQuery{ClaimID: id})
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, m := range msgs {
		events = append(events, m.Event+"@"+m.Channel)
	}
	if want := "final@console,resolved@console,resolved@console"; strings.Join(events, ",") != want {
		t.Errorf("outbox of the claim: %s, want %s", strings.Join(events, ","), want)
	}
}

func TestBotOptionsChannelNames(t *testing.T) {
	cfg := &config.Config{
		Sides:  []config.Side{{ID: "mx"}, {ID: "us"}},
		Engine: config.Engine{Language: "es"},
		Channels: []config.Channel{
			{Name: "desk", Platform: config.PlatformSlack, Target: config.Secret("C024BE91L")},
			{Name: "osint", Platform: config.PlatformDiscord, Target: config.Secret("123456789012345678")},
			{Name: "hook", Platform: config.PlatformWebhook, Target: config.Secret("https://hooks.example/secret-token")},
		},
	}
	opts := botOptions(cfg)
	tests := []struct {
		key  store.ChannelKey
		want string
	}{
		{store.ChannelKey{Platform: "slack", Target: "C024BE91L"}, "desk"},
		{store.ChannelKey{Platform: "discord", Target: "123456789012345678"}, "osint"},
		{store.ChannelKey{Platform: "slack", Target: "C999"}, "slack:C999"},
		{store.ChannelKey{Platform: "discord", Target: "C024BE91L"}, "discord:C024BE91L"},
	}
	for _, tt := range tests {
		if got := opts.ChannelName(tt.key); got != tt.want {
			t.Errorf("ChannelName(%v) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if opts.Language != "es" || strings.Join(opts.Sides, ",") != "mx,us" {
		t.Errorf("options: language %q sides %v", opts.Language, opts.Sides)
	}
}
