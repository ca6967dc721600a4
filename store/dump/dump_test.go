package dump_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// TestImportRejectsBadInput: a bad line fails the import with its line
// number, and nothing of the file is kept.
func TestImportRejectsBadInput(t *testing.T) {
	feed := `{"table":"feeds","row":{"id":1,"name":"sre","side":"mx","url":"","kind":"rss","etag":"","last_modified":"","last_poll_at":null,"last_success_at":null,"last_error_at":null,"last_error":"","last_error_class":"","error_count":0,"next_attempt_at":null,"baselined":true,"polls":1,"failures":0,"fetch_path":""}}`
	cases := []struct {
		name, input, want string
	}{
		{"unknown table", feed + "\n" + `{"table":"secrets","row":{}}`, `line 2: unknown table "secrets"`},
		{"not JSON", feed + "\n{oops", "line 2"},
		{"bad time", strings.Replace(feed, `"last_poll_at":null`, `"last_poll_at":"yesterday"`, 1), "line 1: feeds.last_poll_at"},
		{"wrong type", strings.Replace(feed, `"baselined":true`, `"baselined":"yes"`, 1), "line 1: feeds.baselined"},
		{"dangling reference", feed + "\n" + `{"table":"items","row":{"id":1,"feed_id":9,"guid":"x"}}`, "line 2: items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.(store.Porter).Import(ctx, strings.NewReader(c.input))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Import = %v, want an error with %q", err, c.want)
			}
			if fs, err := s.FeedStates(ctx); err != nil || len(fs) != 0 {
				t.Errorf("after a failed import the store has %d feeds (%v)", len(fs), err)
			}
		})
	}
	// The same feed line alone imports.
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ok.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.(store.Porter).Import(ctx, strings.NewReader(feed+"\n")); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if f, err := s.FeedState(ctx, "sre"); err != nil || !f.Baselined || f.Polls != 1 {
		t.Errorf("imported feed %+v, %v", f, err)
	}
}
