package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
	"github.com/gapwatch/gapwatch/store/storetest"
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, openTemp)
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	// The parent directory does not exist yet: Open creates it.
	path := filepath.Join(t.TempDir(), "data", "nested", "gapwatch.db")
	finished := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := s.EnsureFeed(ctx, store.Feed{Name: "sre", Side: "mx", URL: "https://sre.example/", Kind: "html"}); err != nil {
		t.Fatalf("EnsureFeed: %v", err)
	}
	p := store.Poll{Feed: "sre", Started: finished.Add(-time.Second), Finished: finished, OK: true, Status: 200, ETag: `"v9"`}
	it := match.Item{Feed: "sre", Side: "mx", GUID: "c-1", Title: "Comunicado", Link: "https://sre.example/c-1", Published: finished.Add(-time.Hour)}
	res, err := s.RecordPoll(ctx, p, []match.Item{it})
	if err != nil {
		t.Fatalf("RecordPoll: %v", err)
	}
	before, err := sqlite.MigrationStatus(ctx, path)
	if err != nil {
		t.Fatalf("MigrationStatus: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	// Reopening applies no migration twice and finds everything.
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	after, err := sqlite.MigrationStatus(ctx, path)
	if err != nil {
		t.Fatalf("MigrationStatus after reopen: %v", err)
	}
	if len(after) == 0 || len(after) != len(before) {
		t.Fatalf("migrations before/after reopen: %d/%d", len(before), len(after))
	}
	for i, m := range after {
		if !m.Applied || !m.AppliedAt.Equal(before[i].AppliedAt) || m.Version != before[i].Version {
			t.Errorf("migration %d after reopen = %+v, want applied once as %+v", i, m, before[i])
		}
	}

	st, err := s.FeedState(ctx, "sre")
	if err != nil {
		t.Fatalf("FeedState: %v", err)
	}
	if st.ETag != `"v9"` || !st.Baselined || st.Items != 1 || st.URL != "https://sre.example/" {
		t.Errorf("feed state after reopen = %+v", st)
	}
	got, err := s.ItemByGUID(ctx, "sre", "c-1")
	if err != nil {
		t.Fatalf("ItemByGUID after reopen: %v", err)
	}
	if got.ID != res.New[0].ID || got.Title != "Comunicado" || !got.Published.Equal(it.Published) {
		t.Errorf("item after reopen = %+v", got)
	}
	// The same item polled again after the restart is not new.
	again, err := s.RecordPoll(ctx, store.Poll{Feed: "sre", Finished: finished.Add(time.Hour), OK: true}, []match.Item{it})
	if err != nil {
		t.Fatalf("RecordPoll after reopen: %v", err)
	}
	if len(again.New) != 0 || again.Unchanged != 1 {
		t.Errorf("re-poll after reopen: %d new, %d unchanged; want 0, 1", len(again.New), again.Unchanged)
	}
}

func TestOpenRejectsBadPaths(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file:x.db?mode=memory", filepath.Join(t.TempDir(), "a?b.db")} {
		if s, err := sqlite.Open(context.Background(), path); err == nil {
			s.Close()
			t.Errorf("Open(%q): no error", path)
		}
	}
	// A path whose parent is a file cannot be created.
	file := filepath.Join(t.TempDir(), "plain")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := sqlite.Open(context.Background(), filepath.Join(file, "gapwatch.db")); err == nil {
		s.Close()
		t.Error("Open under a regular file: no error")
	}
}

func TestMigrationStatusOfMissingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	_, err := sqlite.MigrationStatus(context.Background(), path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("MigrationStatus of a missing file: error %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("MigrationStatus created %s", path)
	}
}

// TestConcurrentFirstOpen opens a new database from several stores at once,
// as `gapwatch serve` and `gapwatch poll` started together do: every Open
// succeeds and the migrations are applied once.
func TestConcurrentFirstOpen(t *testing.T) {
	for round := range 2 {
		path := filepath.Join(t.TempDir(), "new.db")
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Go(func() {
				s, err := sqlite.Open(context.Background(), path)
				if err != nil {
					t.Errorf("round %d, store %d: Open: %v", round, i, err)
					return
				}
				if err := s.EnsureFeed(context.Background(), store.Feed{Name: fmt.Sprintf("feed-%d", i)}); err != nil {
					t.Errorf("round %d, store %d: EnsureFeed: %v", round, i, err)
				}
				if err := s.Close(); err != nil {
					t.Errorf("round %d, store %d: Close: %v", round, i, err)
				}
			})
		}
		wg.Wait()
		states, err := sqlite.MigrationStatus(context.Background(), path)
		if err != nil {
			t.Fatalf("MigrationStatus: %v", err)
		}
		for _, m := range states {
			if !m.Applied {
				t.Errorf("round %d: migration %s not applied", round, m.Name)
			}
		}
	}
}
