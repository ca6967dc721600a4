package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

func openInternal(t *testing.T) *sqlStore {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s.(*sqlStore)
}

// TestPragmas checks the settings every pooled connection must have.
func TestPragmas(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	pools := []struct {
		name string
		db   *sql.DB
		want map[string]string
	}{
		{"writer", s.wdb, map[string]string{"journal_mode": "wal", "busy_timeout": "10000", "foreign_keys": "1", "synchronous": "1", "query_only": "0"}},
		{"reader", s.rdb, map[string]string{"journal_mode": "wal", "busy_timeout": "10000", "foreign_keys": "1", "synchronous": "1", "query_only": "1"}},
	}
	for _, p := range pools {
		// Hold several connections at once so that more than one pooled
		// connection is checked where the pool allows it.
		n := min(3, p.db.Stats().MaxOpenConnections)
		conns := make([]*sql.Conn, 0, n)
		for range n {
			c, err := p.db.Conn(ctx)
			if err != nil {
				t.Fatalf("%s: Conn: %v", p.name, err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for pragma, want := range p.want {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Fatalf("%s conn %d: PRAGMA %s: %v", p.name, i, pragma, err)
				}
				if strings.ToLower(got) != want {
					t.Errorf("%s conn %d: %s = %s, want %s", p.name, i, pragma, got, want)
				}
			}
			_ = c.Close()
		}
	}
	if _, err := s.rdb.ExecContext(ctx, `INSERT INTO feeds (name) VALUES ('x')`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

// TestQueriesUseIndexes checks the query plans of the hot queries, so a
// schema change that drops an index shows up here rather than in production.
func TestQueriesUseIndexes(t *testing.T) {
	s := openInternal(t)
	cases := []struct {
		name, query string
		args        []any
		want        string
	}{
		{"known items of a batch", `SELECT id FROM items WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))`,
			[]any{1, `["a"]`}, "sqlite_autoindex_items_1"},
		{"cross-feed link check", `SELECT 1 FROM items WHERE link = ? AND side = ? AND feed_id <> ? LIMIT 1`,
			[]any{"l", "us", 1}, "items_link_side"},
		{"items of a side in a window", `SELECT id FROM items i WHERE i.side = ? AND i.published >= ? AND i.published < ? ORDER BY i.published, i.id`,
			[]any{"us", 1, 2}, "items_side_published"},
		{"items of a feed", `SELECT id FROM items i WHERE i.feed_id = (SELECT id FROM feeds WHERE name = ?) ORDER BY i.published DESC, i.id DESC LIMIT 5`,
			[]any{"f"}, "items_feed_published"},
		{"items in a window", `SELECT id FROM items i WHERE i.published >= ? ORDER BY i.published, i.id`,
			[]any{1}, "items_published"},
		{"polls of a feed in a window", `SELECT id FROM polls WHERE feed_id = (SELECT id FROM feeds WHERE name = ?) AND finished >= ? AND finished < ? ORDER BY finished, id`,
			[]any{"f", 1, 2}, "polls_feed_finished"},
	}
	for _, c := range cases {
		rows, err := s.rdb.Query("EXPLAIN QUERY PLAN "+c.query, c.args...)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, c.want) || strings.Contains(p, "SCAN items") || strings.Contains(p, "SCAN polls") {
			t.Errorf("%s: plan %q, want a search using %s", c.name, p, c.want)
		}
	}
}

// TestPollLogIsPruned checks that old poll log entries are deleted, and
// only the recording feed's.
func TestPollLogIsPruned(t *testing.T) {
	s := openInternal(t)
	s.pruneEvery = 3
	ctx := context.Background()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	poll := func(feed string, at time.Time) {
		t.Helper()
		if _, err := s.RecordPoll(ctx, store.Poll{Feed: feed, Finished: at, OK: true, NotModified: true}, nil); err != nil {
			t.Fatalf("RecordPoll: %v", err)
		}
	}
	poll("a", start)
	poll("b", start)
	poll("a", start.Add(24*time.Hour))
	count := func(feed string) int {
		t.Helper()
		ps, err := s.Polls(ctx, feed, time.Time{}, time.Time{})
		if err != nil {
			t.Fatalf("Polls: %v", err)
		}
		return len(ps)
	}
	if n := count("a"); n != 2 {
		t.Fatalf("feed a has %d polls before pruning, want 2", n)
	}
	// The third poll of a, 400 days and 12 hours after the first, prunes
	// the first (older than 400 days) and keeps the second.
	poll("a", start.Add(400*24*time.Hour+12*time.Hour))
	if n := count("a"); n != 2 {
		t.Errorf("feed a has %d polls after pruning, want 2", n)
	}
	if n := count("b"); n != 1 {
		t.Errorf("feed b has %d polls, want 1 (pruning is per feed)", n)
	}
	if st, err := s.FeedState(ctx, "a"); err != nil || st.Polls != 3 {
		t.Errorf("feed a state: polls %d, %v; want 3 (the counter is not pruned)", st.Polls, err)
	}
}

// TestWritersInTwoProcessesWait opens the same file twice, as `gapwatch
// poll` beside `gapwatch serve` does, and writes through both at once.
func TestWritersInTwoProcessesWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	var stores [2]store.Store
	for i := range stores {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		t.Cleanup(func() { _ = s.Close() })
		stores[i] = s
	}
	errs := make(chan error, 2*50)
	done := make(chan struct{})
	for i, s := range stores {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range 50 {
				p := store.Poll{Feed: fmt.Sprintf("feed-%d", i), Finished: time.Unix(int64(j), 0), OK: true, NotModified: true}
				if _, err := s.RecordPoll(ctx, p, nil); err != nil {
					errs <- err
				}
			}
		}()
	}
	<-done
	<-done
	close(errs)
	for err := range errs {
		t.Errorf("RecordPoll: %v", err)
	}
	for i := range stores {
		st, err := stores[0].FeedState(ctx, fmt.Sprintf("feed-%d", i))
		if err != nil || st.Polls != 50 {
			t.Errorf("feed-%d: %d polls, %v; want 50", i, st.Polls, err)
		}
	}
}
