package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/config"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// copyConfig copies testdata/sources/config.yaml into a temporary folder.
func copyConfig(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "sources", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gapwatch.yaml")
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSourcesAddKeepsComments(t *testing.T) {
	path := copyConfig(t)
	code, out, errOut := runCLI(t, nil, "sources", "--config", path, "add", "inm", "guardia-nacional")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "added inm to "+path+"\nadded guardia-nacional to "+path+"\n" {
		t.Errorf("stdout = %q", out)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sources", "add.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("config after sources add differs from %s (run go test -update):\n%s", golden, got)
	}
	for _, comment := range []string{"# Newsroom config for the sources add test", "# The foreign ministry's press list on gob.mx.",
		"# relative", "# every quarter hour", "# a week"} {
		if !strings.Contains(string(got), comment) {
			t.Errorf("comment %q lost", comment)
		}
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("file mode changed: %v %v", st.Mode(), err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the edited config does not load: %v", err)
	}
	var names []string
	for _, f := range cfg.Feeds {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "sre cbp inm guardia-nacional" {
		t.Errorf("feeds = %v", names)
	}
}

func TestSourcesAddRefuses(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		want string
	}{
		{"unknown id", []string{"inm", "sedena"}, `"sedena" is not an office of the catalogue`},
		{"already configured by name", []string{"cbp"}, `"cbp" is already in the config (feed cbp)`},
		{"named twice", []string{"inm", "inm"}, `"inm" is named twice`},
		{"no ids", nil, "name at least one office id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyConfig(t)
			before, _ := os.ReadFile(path)
			code, _, errOut := runCLI(t, nil, append([]string{"sources", "--config", path, "add"}, tt.ids...)...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, exitUsage, tt.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("a refused add changed the file")
			}
		})
	}
	t.Run("already configured under another name", func(t *testing.T) {
		path := copyConfig(t)
		data, _ := os.ReadFile(path)
		renamed := strings.Replace(string(data), "- name: cbp", "- name: cbp-national", 1)
		if err := os.WriteFile(path, []byte(renamed), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runCLI(t, nil, "sources", "--config", path, "add", "cbp")
		if code != exitUsage || !strings.Contains(errOut, `"cbp" is already in the config (feed cbp-national)`) {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("no config file named", func(t *testing.T) {
		code, _, errOut := runCLI(t, nil, "sources", "add", "inm")
		if code != exitUsage || !strings.Contains(errOut, "--config") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

// TestSourcesAddWithoutFeedsKey: a file relying on the built-in feeds gets
// them written out, so adding an office does not drop them.
func TestSourcesAddWithoutFeedsKey(t *testing.T) {
	for _, doc := range []string{"# only a comment\nlisten: 127.0.0.1:9999\n", ""} {
		path := filepath.Join(t.TempDir(), "gapwatch.yaml")
		if doc != "" {
			if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		code, _, errOut := runCLI(t, map[string]string{config.EnvConfig: path}, "sources", "add", "ice")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		cfg, err := config.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		def := config.Default().Feeds
		if len(cfg.Feeds) != len(def)+1 || cfg.Feeds[len(def)].Name != "ice" || cfg.Feeds[len(def)].HTML == nil {
			t.Errorf("%d feeds, last %+v", len(cfg.Feeds), cfg.Feeds[len(cfg.Feeds)-1])
		}
		for i, f := range def {
			if cfg.Feeds[i].Name != f.Name || cfg.Feeds[i].URL != f.URL {
				t.Errorf("feed %d = %s %s, want the built-in %s %s", i, cfg.Feeds[i].Name, cfg.Feeds[i].URL, f.Name, f.URL)
			}
		}
		if doc != "" {
			got, _ := os.ReadFile(path)
			if !strings.Contains(string(got), "# only a comment") || cfg.Listen != "127.0.0.1:9999" {
				t.Errorf("the rest of the file was not kept:\n%s", got)
			}
		}
	}
}

func TestSourcesList(t *testing.T) {
	path := copyConfig(t)
	code, out, errOut := runCLI(t, nil, "sources", "--config", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		f := strings.Fields(line)
		rows[f[0]] = f[1] + " " + f[2] + " " + f[3] + " " + strings.Join(f[5:], " ")
	}
	for id, want := range map[string]string{
		"sre":              "mx sre html/gobmx yes",
		"cbp":              "us cbp rss yes",
		"inm":              "mx inm html/gobmx no",
		"guardia-nacional": "mx mx_national_guard html/gobmx no",
		"ice":              "us ice html/drupal no",
	} {
		if rows[id] != want {
			t.Errorf("row %s = %q, want %q", id, rows[id], want)
		}
	}

	code, out, _ = runCLI(t, nil, "sources", "--json", "--side", "us")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	watched := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var r struct {
			ID      string `json:"id"`
			Side    string `json:"side"`
			Watched bool   `json:"watched"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Side != "us" {
			t.Errorf("--side us listed %s (%s)", r.ID, r.Side)
		}
		watched[r.ID] = r.Watched
	}
	// The built-in config watches State, the White House, DHS, CBP and DOJ.
	for id, want := range map[string]bool{"state-press": true, "white-house": true, "dhs": true, "cbp": true, "doj": true, "ice": false, "dea": false} {
		if got, ok := watched[id]; !ok || got != want {
			t.Errorf("%s watched = %v (listed %v), want %v", id, got, ok, want)
		}
	}
}

// TestReplayCatalogueIDs: naming catalogue offices applies the "not
// watched" rule (abstain unverified, status unchanged); plain paths keep
// replay's output exactly as it was.
func TestReplayCatalogueIDs(t *testing.T) {
	dir := filepath.Join("testdata", "replay", "feeds")
	plainArgs := []string{"replay", "--feed", "mx=" + filepath.Join(dir, "sre.xml"), "--feed", "us=" + filepath.Join(dir, "state.xml"),
		"--feed", "us=" + filepath.Join(dir, "cbp.xml")}
	idArgs := []string{"replay", "--feed", "mx=sre:" + filepath.Join(dir, "sre.xml"), "--feed", "us=state-press:" + filepath.Join(dir, "state.xml"),
		"--feed", "us=cbp:" + filepath.Join(dir, "cbp.xml")}
	type line struct {
		Feed        string `json:"feed"`
		GUID        string `json:"guid"`
		Status      string `json:"status"`
		Abstain     string `json:"abstain"`
		Explanation string `json:"explanation"`
	}
	decode := func(out string) []line {
		var ls []line
		for _, s := range strings.Split(strings.TrimSpace(out), "\n") {
			var l line
			if err := json.Unmarshal([]byte(s), &l); err != nil {
				t.Fatalf("%v: %s", err, s)
			}
			ls = append(ls, l)
		}
		return ls
	}
	code, out, errOut := runCLI(t, nil, plainArgs...)
	if code != exitOK {
		t.Fatalf("plain replay: exit %d: %s", code, errOut)
	}
	plain := decode(out)
	code, out, errOut = runCLI(t, nil, idArgs...)
	if code != exitOK {
		t.Fatalf("replay with ids: exit %d: %s", code, errOut)
	}
	named := decode(out)
	if len(plain) != len(named) || len(plain) == 0 {
		t.Fatalf("%d decisions with plain paths, %d with ids", len(plain), len(named))
	}
	unverified := 0
	for i, p := range plain {
		n := named[i]
		if p.GUID != n.GUID || p.Status != n.Status {
			t.Errorf("%s: status %s with plain paths, %s with ids: the rule must not change the scored status", p.GUID, p.Status, n.Status)
		}
		if strings.Contains(p.Explanation, "offices searched") || p.Abstain != "" {
			t.Errorf("plain replay of %s speaks of offices or abstains (%q):\n%s", p.GUID, p.Abstain, p.Explanation)
		}
		if !strings.Contains(n.Explanation, "Other side's offices searched: ") {
			t.Errorf("%s: the explanation does not list the offices searched:\n%s", n.GUID, n.Explanation)
		}
		if n.Abstain == "unverified" {
			unverified++
			if n.Status != "unconfirmed" || !strings.Contains(n.Explanation, "gapwatch does not watch") {
				t.Errorf("%s: unverified %s without naming the unwatched office:\n%s", n.GUID, n.Status, n.Explanation)
			}
		}
	}
	// The CBP release with Mexico's customs agency (ANAM, not replayed).
	found := false
	for _, n := range named {
		if n.Feed == "cbp" && strings.Contains(n.Explanation, "the claim names ANAM; gapwatch does not watch its press office (anam)") {
			found = n.Abstain == "unverified"
		}
	}
	if !found || unverified == 0 {
		t.Errorf("the CBP claim naming ANAM is not unverified (%d unverified)", unverified)
	}

	code, _, errOut = runCLI(t, nil, "replay", "--feed", "us=sre:"+filepath.Join(dir, "sre.xml"))
	if code != exitUsage || !strings.Contains(errOut, "office sre speaks for side mx, not us") {
		t.Errorf("office on the wrong side: exit %d, %q", code, errOut)
	}
}
