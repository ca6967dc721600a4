package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/store/postgres/pgtest"
)

// TestMoveNewsroomToPostgres exports a newsroom's SQLite store, imports it
// into PostgreSQL and checks that the newsroom commands answer the same
// on both.
func TestMoveNewsroomToPostgres(t *testing.T) {
	litePath, id := newsroomStore(t)
	pgURL := pgtest.URL(t)
	lite, err := os.ReadFile(litePath)
	if err != nil {
		t.Fatal(err)
	}
	var storage string
	for _, l := range strings.Split(string(lite), "\n") {
		if s, ok := strings.CutPrefix(l, "storage: "); ok {
			storage = s
		}
	}
	pgPath := filepath.Join(t.TempDir(), "pg.yaml")
	if err := os.WriteFile(pgPath, []byte(strings.Replace(string(lite), "storage: "+storage, "storage: "+pgURL, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(t.TempDir(), "gapwatch.jsonl")
	vars := map[string]string{"USER": "ana"}
	steps := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{args: []string{"migrate", "--config", pgPath, "status"}, code: exitOK, stdout: "1 migrations, 1 pending."},
		{args: []string{"migrate", "--config", pgPath, "sideways"}, code: exitUsage, stderr: "migrate takes up or status"},
		{args: []string{"migrate", "--config", pgPath, "up"}, code: exitOK, stdout: "1 migrations, 0 pending."},
		{args: []string{"migrate", "--config", litePath, "status"}, code: exitOK, stdout: "0 pending."},
		{args: []string{"export", "--config", litePath, "--out", dump}, code: exitOK},
		{args: []string{"export", "--config", litePath, "--out", dump}, code: exitFailure, stderr: "file exists"},
		{args: []string{"import", "--config", pgPath}, code: exitUsage, stderr: "import takes one file"},
		{args: []string{"import", "--config", pgPath, dump}, code: exitOK, stdout: "2 feeds, 1 claims."},
		{args: []string{"import", "--config", pgPath, dump}, code: exitFailure, stderr: "import into an empty store"},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(t, vars, s.args...)
		if code != s.code || !strings.Contains(out, s.stdout) || !strings.Contains(errOut, s.stderr) {
			t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nwant %q\nstderr:\n%s\nwant %q", s.args, code, s.code, out, s.stdout, errOut, s.stderr)
		}
		if strings.Contains(out+errOut, "password") {
			t.Errorf("%v: output mentions a password", s.args)
		}
	}
	// The same questions get the same answers from both stores. Search
	// ranks differ between the engines (FTS5's bm25, PostgreSQL's
	// ts_rank), so its lines are compared in any order.
	for _, q := range [][]string{
		{"gaps"},
		{"gaps", "--json"},
		{"show", fmt.Sprint(id)},
		{"search", "aranceles"},
		{"feeds"},
		{"outbox", "--limit", "0"},
	} {
		answers := map[string]string{}
		for name, cfg := range map[string]string{"sqlite": litePath, "postgres": pgPath} {
			args := append([]string{q[0], "--config", cfg}, q[1:]...)
			code, out, errOut := runCLI(t, vars, args...)
			if code != exitOK {
				t.Fatalf("%s %v: exit %d\n%s", name, q, code, errOut)
			}
			if q[0] == "search" {
				lines := strings.Split(out, "\n")
				slices.Sort(lines)
				out = strings.Join(lines, "\n")
			}
			answers[name] = out
		}
		if answers["sqlite"] != answers["postgres"] {
			t.Errorf("%v answers differ:\nsqlite:\n%s\npostgres:\n%s", q, answers["sqlite"], answers["postgres"])
		}
		if answers["sqlite"] == "" {
			t.Errorf("%v: no answer", q)
		}
	}
}
