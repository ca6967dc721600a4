package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFetchModes: every fetch mode loads on an http(s) feed and is kept as
// written; an unknown one is a validation problem at the feed's path.
func TestFetchModes(t *testing.T) {
	tests := []struct {
		fetch   string
		wantErr string
	}{
		{"", ""},
		{"http", ""},
		{"browser", ""},
		{"auto", ""},
		{"Browser", `feeds[0].fetch: unknown fetch mode "Browser"`},
		{"headless", `feeds[0].fetch: unknown fetch mode "headless"`},
	}
	for _, tt := range tests {
		t.Run("fetch="+tt.fetch, func(t *testing.T) {
			doc := "feeds:\n  - name: sre\n    side: mx\n    url: https://www.gob.mx/sre/prensa\n    type: html\n" +
				"    html: {item: article, title: h2, link: a}\n"
			if tt.fetch != "" {
				doc += "    fetch: " + tt.fetch + "\n"
			}
			path := filepath.Join(t.TempDir(), "gapwatch.yaml")
			if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := loader(nil).Load(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Feeds[0].Fetch; got != tt.fetch {
				t.Errorf("fetch = %q, want %q", got, tt.fetch)
			}
		})
	}
}
