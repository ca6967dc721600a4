package config_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/gapwatch/gapwatch/config"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Secret values the tests' environment holds; no printed form may contain them.
const (
	stateToken = "st-9f3c2a71-token"
	pgPassword = "pg-Pa55w0rd-7781"
)

// env is a fixed environment for the tests.
func env(extra map[string]string) func(string) (string, bool) {
	m := map[string]string{
		"STATE_TOKEN":          stateToken,
		"PGPASSWORD":           pgPassword,
		"GAPWATCH_TEST_EMPTY":  "",
		"GAPWATCH_TEST_LISTEN": "127.0.0.1:7000",
	}
	for k, v := range extra {
		m[k] = v
	}
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

func loader(extra map[string]string) config.Loader {
	return config.Loader{LookupEnv: env(extra)}
}

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("mismatch with %s\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestInvalidFiles loads each file of testdata/invalid and compares the
// error with the .err file beside it.
func TestInvalidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			cfg, err := loader(nil).Load(path)
			if err == nil {
				t.Fatal("loaded without error")
			}
			var verr *config.ValidationError
			if errors.As(err, &verr) {
				if cfg == nil {
					t.Error("a validation error must come with the decoded config")
				}
				if len(verr.Problems) == 0 {
					t.Error("validation error without problems")
				}
			} else if cfg != nil {
				t.Error("a decoding error must come with a nil config")
			}
			golden(t, strings.TrimSuffix(path, ".yaml")+".err", err.Error()+"\n")
		})
	}
}

func TestValidationErrorListsEveryProblem(t *testing.T) {
	_, err := loader(nil).Load("testdata/invalid/many.yaml")
	var verr *config.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("want a *ValidationError, got %v", err)
	}
	var paths []string
	for _, p := range verr.Problems {
		paths = append(paths, p.Path)
	}
	want := []string{"feeds[1].side", "feeds[2].name", "feeds[3].url", "feeds[3].schedule", "engine.lookback", "listen", "log_format"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("problem paths = %v, want %v", paths, want)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != len(want) {
		t.Errorf("Error() has %d lines, want one per problem (%d)", n, len(want))
	}
}

func TestSyntaxErrorsKeepLineNumbers(t *testing.T) {
	tests := []struct {
		file, line string
	}{
		{"syntax.yaml", "line 5"},
		{"unknown-key.yaml", "line 5"},
		{"wrong-type.yaml", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := loader(nil).Load(filepath.Join("testdata/invalid", tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.line) {
				t.Errorf("error %v does not name %s", err, tt.line)
			}
		})
	}
}

func TestDefault(t *testing.T) {
	cfg := config.Default()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("defaults are invalid: %v", err)
	}
	mx, ok := cfg.Side("mx")
	if !ok || mx.Language != "es" || mx.TimeZone != "America/Mexico_City" || mx.Name != "Mexico" {
		t.Errorf("side mx = %+v", mx)
	}
	us, ok := cfg.Side("us")
	if !ok || us.Language != "en" || us.Name != "United States" {
		t.Errorf("side us = %+v", us)
	}
	urls := map[string]config.Feed{}
	for _, f := range cfg.Feeds {
		urls[f.URL] = f
	}
	sre, ok := urls["https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1"]
	if !ok || sre.Type != config.TypeHTML || sre.Side != "mx" || sre.HTML == nil {
		t.Fatalf("SRE feed = %+v", sre)
	}
	h := sre.HTML
	if h.Item != "article" || h.Title != "h2" || h.Link != "a.small-link" || h.Date != "time[datetime]" ||
		h.DateAttr != "datetime" || h.TimeZone != "America/Mexico_City" || h.Next == "" || h.MaxPages != 3 {
		t.Errorf("SRE selectors = %+v", h)
	}
	for _, u := range []string{
		"https://www.state.gov/rss-feed/press-releases/feed/",
		"https://www.state.gov/rss-feed/western-hemisphere/feed/",
		"https://www.cbp.gov/rss/newsroom/media-releases",
	} {
		f, ok := urls[u]
		if !ok || f.Side != "us" || f.Type != config.TypeRSS || f.Schedule != "@every 10m" {
			t.Errorf("feed %s = %+v (present %v)", u, f, ok)
		}
	}
	// Issue 12: the offices a US–Mexico newsroom needs first, by side.
	bySide := map[string][]string{}
	for _, f := range cfg.Feeds {
		bySide[f.Side] = append(bySide[f.Side], f.Name)
	}
	if got := strings.Join(bySide["mx"], " "); got != "sre presidencia sspc inm fgr" {
		t.Errorf("default mx feeds = %s", got)
	}
	if got := strings.Join(bySide["us"], " "); got != "state-press state-wha white-house dhs cbp doj" {
		t.Errorf("default us feeds = %s", got)
	}
	if cfg.Engine.Window != 168*time.Hour || cfg.Engine.Lookback != 48*time.Hour || cfg.Engine.MinCoverage != 0.9 || cfg.Engine.Language != "en" {
		t.Errorf("engine = %+v", cfg.Engine)
	}
	if cfg.Storage.DSN() != "gapwatch.db" || cfg.Storage.IsPostgres() || cfg.Listen != "127.0.0.1:8080" ||
		cfg.LogFormat != "text" || cfg.TimeZone != "UTC" || cfg.Location() != time.UTC {
		t.Errorf("defaults: storage %q listen %q log %q zone %q", cfg.Storage.DSN(), cfg.Listen, cfg.LogFormat, cfg.TimeZone)
	}
	// Default returns a fresh value each time: callers may change it.
	cfg.Feeds[0].HTML.Item = "changed"
	if config.Default().Feeds[0].HTML.Item != "article" {
		t.Error("Default shares state between calls")
	}
}

func TestLoadWithoutFile(t *testing.T) {
	cfg, err := loader(nil).Load("")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := config.Default().Redacted()
	got, _ := cfg.Redacted()
	if got != want {
		t.Errorf("Load(\"\") differs from Default():\n%s", got)
	}

	cfg, err = loader(map[string]string{"GAPWATCH_LISTEN": ":9999", "GAPWATCH_STORAGE": "/data/gw.db"}).Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != ":9999" || cfg.Storage.DSN() != "/data/gw.db" {
		t.Errorf("overrides not applied without a file: %q %q", cfg.Listen, cfg.Storage.DSN())
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := loader(nil).Load("testdata/no-such-file.yaml")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want os.ErrNotExist", err)
	}
}

func TestValidFiles(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, c *config.Config)
	}{
		{"empty.yaml", func(t *testing.T, c *config.Config) {
			want, _ := config.Default().Redacted()
			got, _ := c.Redacted()
			if got != want {
				t.Errorf("empty file differs from defaults:\n%s", got)
			}
		}},
		{"minimal.yaml", func(t *testing.T, c *config.Config) {
			if c.Listen != "0.0.0.0:9000" || c.TimeZone != "America/Mexico_City" {
				t.Errorf("listen %q zone %q", c.Listen, c.TimeZone)
			}
			if c.Location().String() != "America/Mexico_City" {
				t.Errorf("Location() = %v", c.Location())
			}
			if len(c.Feeds) != len(config.Default().Feeds) || c.Engine.Window != 168*time.Hour {
				t.Errorf("keys the file omits lost their defaults: %d feeds, window %v", len(c.Feeds), c.Engine.Window)
			}
		}},
		{"full.yaml", func(t *testing.T, c *config.Config) {
			if len(c.Sides) != 2 || c.Sides[0].Name != "México" || c.Sides[1].TimeZone != "America/New_York" {
				t.Errorf("sides = %+v", c.Sides)
			}
			if len(c.Feeds) != 4 {
				t.Fatalf("%d feeds, want 4", len(c.Feeds))
			}
			sre := c.Feeds[0]
			if sre.Timeout != 45*time.Second || sre.MaxBytes != 2<<20 || sre.UserAgent != "gapwatch-test/1.0" ||
				sre.HTML.BodyInterval != 2*time.Second || sre.HTML.MaxPages != 2 || sre.HTML.Body != "div.article-body" ||
				sre.HTML.DateFormat != "2006-01-02 15:04:05" {
				t.Errorf("sre = %+v html %+v", sre, sre.HTML)
			}
			if sre.Language != "es-MX" {
				t.Errorf("sre language = %q, want the side's es-MX", sre.Language)
			}
			state := c.Feeds[1]
			if got := state.Headers["Authorization"].Reveal(); got != "Bearer "+stateToken {
				t.Errorf("Authorization header not expanded from the environment")
			}
			if state.Type != config.TypeRSS || state.Schedule != "CRON_TZ=America/New_York 0 * * * *" {
				t.Errorf("state = %+v", state)
			}
			if c.Feeds[2].URL != "https://www.cbp.gov/rss/newsroom/media-releases" {
				t.Errorf("cbp url default not applied: %q", c.Feeds[2].URL)
			}
			if c.Feeds[2].Schedule != "@every 10m" {
				t.Errorf("cbp schedule = %q, want the default", c.Feeds[2].Schedule)
			}
			if !c.Storage.IsPostgres() || !strings.Contains(c.Storage.DSN(), ":"+pgPassword+"@") {
				t.Errorf("storage not expanded")
			}
			if c.Engine.Window != 120*time.Hour || c.Engine.Lookback != 24*time.Hour || c.Engine.MinCoverage != 0.75 || c.Engine.Language != "es" {
				t.Errorf("engine = %+v", c.Engine)
			}
			if c.Listen != "[::1]:8081" || c.LogFormat != "json" {
				t.Errorf("listen %q log %q", c.Listen, c.LogFormat)
			}
			want := config.Poller{Concurrency: 8, Spread: time.Minute, Timeout: 20 * time.Second, MaxBytes: 5 << 20, UserAgent: "gapwatch/1.0 (newsroom@example.org)"}
			if c.Poller != want {
				t.Errorf("poller = %+v", c.Poller)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c, err := loader(nil).Load(filepath.Join("testdata/valid", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

// TestDefaultsBeforeDecoding: a partial section keeps the defaults of the
// keys it omits.
func TestDefaultsBeforeDecoding(t *testing.T) {
	c, err := loader(nil).Parse([]byte("poller:\n  concurrency: 12\nengine:\n  window: 72h\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Poller.Concurrency != 12 || c.Poller.Timeout != config.DefaultTimeout || c.Poller.UserAgent != config.DefaultUserAgent {
		t.Errorf("poller = %+v", c.Poller)
	}
	if c.Engine.Window != 72*time.Hour || c.Engine.Lookback != config.DefaultLookback || c.Engine.MinCoverage != config.DefaultMinCoverage {
		t.Errorf("engine = %+v", c.Engine)
	}
}

func TestEnvOverrides(t *testing.T) {
	file := []byte("listen: 127.0.0.1:8080\nstorage: ${DB_PATH:-file.db}\nlog_format: text\n")
	tests := []struct {
		name        string
		env         map[string]string
		listen      string
		storage     string
		logFormat   string
		wantProblem string
	}{
		{"file values", nil, "127.0.0.1:8080", "file.db", "text", ""},
		{"expanded from the environment", map[string]string{"DB_PATH": "/srv/gw.db"}, "127.0.0.1:8080", "/srv/gw.db", "text", ""},
		{"listen", map[string]string{"GAPWATCH_LISTEN": "0.0.0.0:80"}, "0.0.0.0:80", "file.db", "text", ""},
		{"sqlite storage", map[string]string{"GAPWATCH_STORAGE": "/data/gapwatch.db"}, "127.0.0.1:8080", "/data/gapwatch.db", "text", ""},
		{"postgres storage", map[string]string{"GAPWATCH_STORAGE": "postgresql://gw:" + pgPassword + "@db/gw"}, "127.0.0.1:8080", "postgresql://gw:" + pgPassword + "@db/gw", "text", ""},
		{"log format", map[string]string{"GAPWATCH_LOG_FORMAT": "json"}, "127.0.0.1:8080", "file.db", "json", ""},
		{"empty values are ignored", map[string]string{"GAPWATCH_LISTEN": "", "GAPWATCH_LOG_FORMAT": ""}, "127.0.0.1:8080", "file.db", "text", ""},
		{"overrides are validated", map[string]string{"GAPWATCH_LOG_FORMAT": "xml"}, "127.0.0.1:8080", "file.db", "xml", `log_format: unknown log format "xml" (known: text, json)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loader(tt.env).Parse(file)
			if tt.wantProblem == "" && err != nil {
				t.Fatal(err)
			}
			if tt.wantProblem != "" && (err == nil || err.Error() != tt.wantProblem) {
				t.Fatalf("err = %v, want %q", err, tt.wantProblem)
			}
			if c.Listen != tt.listen || c.Storage.DSN() != tt.storage || c.LogFormat != tt.logFormat {
				t.Errorf("got listen %q storage %q log %q", c.Listen, c.Storage.DSN(), c.LogFormat)
			}
		})
	}
}

func TestExpansion(t *testing.T) {
	tests := []struct {
		name, value, want, problem string
	}{
		{"plain", "https://example.org/feed", "https://example.org/feed", ""},
		{"variable", "Bearer ${STATE_TOKEN}", "Bearer " + stateToken, ""},
		{"two variables", "${A}-${B}", "a-b", ""},
		{"default when unset", "${NOPE:-fallback}", "fallback", ""},
		{"default when empty", "${GAPWATCH_TEST_EMPTY:-fallback}", "fallback", ""},
		{"empty default", "x${NOPE:-}y", "xy", ""},
		{"set but empty", "x${GAPWATCH_TEST_EMPTY}y", "xy", ""},
		{"value used over default", "${A:-z}", "a", ""},
		{"escaped", "$${A} costs $5", "${A} costs $5", ""},
		{"lone dollar", "$A and $", "$A and $", ""},
		{"value not re-expanded", "${NESTED}", "${A}", ""},
		{"unset", "${NOPE}", "", "environment variable NOPE is not set"},
		{"unclosed", "${A", "", `unclosed "${" in variable reference`},
		{"bad name", "${1A}", "", `invalid variable name "1A" in ${...}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf("feeds:\n  - name: f\n    side: us\n    url: https://example.org/feed\n    user_agent: %q\n", tt.value)
			c, err := loader(map[string]string{"A": "a", "B": "b", "NESTED": "${A}"}).Parse([]byte(doc))
			if tt.problem != "" {
				want := "feeds[0].user_agent: " + tt.problem
				if err == nil || err.Error() != want {
					t.Fatalf("err = %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Feeds[0].UserAgent != tt.want {
				t.Errorf("got %q, want %q", c.Feeds[0].UserAgent, tt.want)
			}
		})
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string
	}{
		{"flag wins", "a.yaml", map[string]string{"GAPWATCH_CONFIG": "b.yaml"}, "a.yaml"},
		{"environment", "", map[string]string{"GAPWATCH_CONFIG": "b.yaml"}, "b.yaml"},
		{"neither", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := config.Path(tt.flag, env(tt.env)); got != tt.want {
				t.Errorf("Path = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateSchedule(t *testing.T) {
	tests := []struct {
		spec string
		ok   bool
	}{
		{"@every 10m", true},
		{"@hourly", true},
		{"*/5 * * * *", true},
		{"CRON_TZ=America/Mexico_City 0 8 * * 1-5", true},
		{"0 0 8 * * *", false},
		{"@every", false},
		{"every 10 minutes", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := config.ValidateSchedule(tt.spec); (err == nil) != tt.ok {
			t.Errorf("ValidateSchedule(%q) = %v, want ok=%v", tt.spec, err, tt.ok)
		}
	}
}

func TestKnownLanguage(t *testing.T) {
	tests := map[string]bool{"en": true, "es": true, "es-MX": true, "en_US": true, "EN": true, "fr": false, "es-": false, "spanish": false, "": false}
	for lang, want := range tests {
		if got := config.KnownLanguage(lang); got != want {
			t.Errorf("KnownLanguage(%q) = %v, want %v", lang, got, want)
		}
	}
}

// TestSecretsNeverPrinted prints a config holding secrets every way a
// program might, and checks that no secret shows.
func TestSecretsNeverPrinted(t *testing.T) {
	c, err := loader(nil).Load("testdata/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dump, err := c.Redacted()
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	ym, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "storage", c.Storage, "headers", c.Feeds[1].Headers, "auth", c.Feeds[1].Headers["Authorization"])
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "storage", c.Storage, "auth", c.Feeds[1].Headers["Authorization"])

	auth := c.Feeds[1].Headers["Authorization"]
	outputs := map[string]string{
		"%v":          fmt.Sprintf("%v", c),
		"%+v":         fmt.Sprintf("%+v", c),
		"%#v":         fmt.Sprintf("%#v", c),
		"%v value":    fmt.Sprintf("%v", *c),
		"%+v value":   fmt.Sprintf("%+v", *c),
		"%#v value":   fmt.Sprintf("%#v", *c),
		"%s secret":   fmt.Sprintf("%s", auth),
		"%q secret":   fmt.Sprintf("%q", auth),
		"%x secret":   fmt.Sprintf("%x", auth),
		"%d secret":   fmt.Sprintf("%d", auth),
		"%s storage":  fmt.Sprintf("%s", c.Storage),
		"%#v storage": fmt.Sprintf("%#v", c.Storage),
		"Println":     fmt.Sprintln(c.Feeds[1].Headers, c.Storage),
		"json":        string(js),
		"yaml":        string(ym),
		"Redacted":    dump,
		"slog":        logged.String(),
	}
	for name, out := range outputs {
		for _, secret := range []string{stateToken, pgPassword, "pg-Pa55", "7374"} { // 7374 = hex of "st"
			if strings.Contains(out, secret) {
				t.Errorf("%s prints a secret:\n%s", name, out)
			}
		}
	}
	if !strings.Contains(outputs["%+v"], "<redacted>") || !strings.Contains(outputs["json"], `\u003credacted\u003e`) {
		t.Errorf("secrets should show as <redacted>:\n%s\n%s", outputs["%+v"], outputs["json"])
	}
	if !strings.Contains(dump, "db.internal:5432") || !strings.Contains(dump, "Authorization: <redacted>") {
		t.Errorf("the dump hides more than the secrets:\n%s", dump)
	}
}

// TestSecretsNotInErrors: invalid values that hold secrets are reported
// without quoting them.
func TestSecretsNotInErrors(t *testing.T) {
	docs := []string{
		"storage: \"postgres://gw:${PGPASSWORD}@db:5432/x%zz\"\n",
		"storage: \"postgres://gw:${PGPASSWORD}@/x\"\n",
		"feeds:\n  - {name: s, side: us, url: \"gopher://u:${PGPASSWORD}@host/\"}\n",
		"feeds:\n  - {name: s, side: us, url: \"https://u:${PGPASSWORD}@ho st/%zz\"}\n",
		"feeds:\n  - {name: s, side: us, url: https://x.org/f, headers: {X-Key: \"${STATE_TOKEN}\\n\"}}\n",
		"feeds:\n  - {name: s, side: us, url: \"https://reader:${PGPASSWORD}@feeds.example.org/x.xml\"}\n",
	}
	for _, doc := range docs {
		_, err := loader(nil).Parse([]byte(doc))
		if err == nil {
			t.Errorf("no error for %q", doc)
			continue
		}
		if strings.Contains(err.Error(), pgPassword) || strings.Contains(err.Error(), stateToken) {
			t.Errorf("error prints a secret: %v", err)
		}
	}
}

func TestRedactedGolden(t *testing.T) {
	c, err := loader(nil).Load("testdata/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dump, err := c.Redacted()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/valid/full.redacted", dump)
}

// TestRedactedRoundTrip: the dump of a config without secrets loads back
// to the same config.
func TestRedactedRoundTrip(t *testing.T) {
	c, err := loader(nil).Load("testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dump, err := c.Redacted()
	if err != nil {
		t.Fatal(err)
	}
	back, err := loader(nil).Parse([]byte(dump))
	if err != nil {
		t.Fatalf("the dump does not load back: %v", err)
	}
	if again, _ := back.Redacted(); again != dump {
		t.Errorf("round trip changed the config:\n%s\n---\n%s", dump, again)
	}
}

func TestExampleFile(t *testing.T) {
	c, err := loader(nil).Load("../gapwatch.example.yaml")
	if err != nil {
		t.Fatalf("gapwatch.example.yaml: %v", err)
	}
	names := map[string]bool{}
	for _, f := range c.Feeds {
		names[f.URL] = true
	}
	for _, u := range []string{
		"https://www.gob.mx/sre/archivo/prensa?idiom=es&order=DESC&page=1",
		"https://www.state.gov/rss-feed/press-releases/feed/",
		"https://www.state.gov/rss-feed/western-hemisphere/feed/",
		"https://www.cbp.gov/rss/newsroom/media-releases",
		"https://www.dhs.gov/news/rss.xml",
		"https://www.justice.gov/feeds/opa/justice-news.xml",
	} {
		if !names[u] {
			t.Errorf("example lacks %s", u)
		}
	}
	// The example documents the built-in SRE source: the two must agree.
	def := config.Default()
	sre, ok := c.Side("mx")
	if !ok || sre != def.Sides[0] {
		t.Errorf("example side mx = %+v, default %+v", sre, def.Sides[0])
	}
	if c.Feeds[0].URL != def.Feeds[0].URL || *c.Feeds[0].HTML != *def.Feeds[0].HTML {
		t.Errorf("example SRE feed %+v differs from the default %+v", *c.Feeds[0].HTML, *def.Feeds[0].HTML)
	}
	if !reflect.DeepEqual(c.Engine, def.Engine) || c.Poller != def.Poller || c.Storage != def.Storage || c.Listen != def.Listen {
		t.Errorf("example engine/poller/storage/listen differ from the defaults it documents")
	}
}

// FuzzParse: no document makes Parse panic, and whatever it accepts
// validates.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("storage: ${X:-postgres://a:${B}@h/d}\n"))
	f.Add([]byte("feeds: [{html: {}}]"))
	l := loader(nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := l.Parse(data)
		if err == nil {
			if c == nil {
				t.Fatal("nil config without error")
			}
			if verr := c.Validate(); verr != nil {
				t.Fatalf("accepted config does not validate: %v", verr)
			}
			if _, err := c.Redacted(); err != nil {
				t.Fatalf("Redacted: %v", err)
			}
		}
	})
}
