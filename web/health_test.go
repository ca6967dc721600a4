package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// TestFeedHealthInWindow checks the coverage of a feed with several runs
// of failures, through the store's poll summary and through the fallback
// that reads every poll.
func TestFeedHealthInWindow(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "health.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnsureFeed(ctx, store.Feed{Name: "state", Side: "us"}); err != nil {
		t.Fatal(err)
	}
	t0 := fixtureNow.Add(-8 * time.Hour)
	// One poll an hour: ok, fail, fail, ok, fail, ok, ok, fail.
	for i, ok := range []bool{true, false, false, true, false, true, true, false} {
		at := t0.Add(time.Duration(i) * time.Hour)
		p := store.Poll{Feed: "state", Started: at, Finished: at, OK: ok, Status: 200}
		if !ok {
			p.Status, p.ErrorClass, p.Error = 503, "status", fmt.Sprintf("HTTP 503 at %dh", i)
		}
		if _, err := st.RecordPoll(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, variant := range []struct {
		name string
		st   Store
	}{{"poll changes", st}, {"every poll", hidden{st}}} {
		t.Run(variant.name, func(t *testing.T) {
			s, _ := newTestServer(t, variant.st)
			hs, err := s.health(httptest.NewRequest("GET", "/", nil), "us", t0, t0.Add(8*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != 1 {
				t.Fatalf("%d feeds, want state only", len(hs))
			}
			h := hs[0]
			// Failing 1h→3h, 4h→5h and 7h→8h: 4 of 8 hours.
			if h.Polls != 8 || h.Failures != 4 || h.Failing != 4*time.Hour || h.Share != 0.5 || !h.Low {
				t.Errorf("health %+v, want 8 polls, 4 failed, failing 4h (50%%), low", h)
			}
			if h.LastError != "HTTP 503 at 7h" || !h.LastErrorAt.Equal(t0.Add(7*time.Hour)) {
				t.Errorf("last error %q at %s, want the 7h failure", h.LastError, h.LastErrorAt)
			}
		})
	}
}
