package feeds_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

func TestLeasedPollsFromOneReplica(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	polled := map[string]int{}
	poll := func(holder string) feeds.PollFunc {
		return feeds.Leased(func(_ context.Context, src feeds.Source) (feeds.PollResult, error) {
			polled[holder]++
			return feeds.PollResult{Feed: src.Name}, nil
		}, feeds.LeaseOptions{Leases: st.(store.FeedLeases), Holder: holder,
			TTL: func(feeds.Source) time.Duration { return 25 * time.Minute }, Now: func() time.Time { return clock }})
	}
	a, b := poll("a"), poll("b")
	src := feeds.Source{Name: "sre"}
	steps := []struct {
		advance      time.Duration
		run          feeds.PollFunc
		who          string
		wantSkipped  bool
		wantA, wantB int
	}{
		{0, a, "a", false, 1, 0},
		{time.Second, b, "b", true, 1, 0},
		{10 * time.Minute, a, "a", false, 2, 0},
		{10 * time.Minute, b, "b", true, 2, 0}, // a renewed 10 minutes ago
		// a dies: its lease runs out 25 minutes after its last renewal.
		{16 * time.Minute, b, "b", false, 2, 1},
		{time.Minute, a, "a", true, 2, 1},
	}
	for i, s := range steps {
		clock = clock.Add(s.advance)
		res, err := s.run(ctx, src)
		if err != nil {
			t.Fatalf("step %d (%s): %v", i, s.who, err)
		}
		if res.Skipped != s.wantSkipped || polled["a"] != s.wantA || polled["b"] != s.wantB {
			t.Errorf("step %d (%s): skipped %v, polls a=%d b=%d; want %v, %d, %d", i, s.who, res.Skipped,
				polled["a"], polled["b"], s.wantSkipped, s.wantA, s.wantB)
		}
	}
}

func TestLeaseTTL(t *testing.T) {
	from := time.Date(2026, 3, 2, 12, 3, 0, 0, time.UTC)
	cases := []struct {
		spec string
		want time.Duration
	}{
		{"", 2*10*time.Minute + 30*time.Second + time.Minute},
		{"@every 1m", 2*time.Minute + 30*time.Second + time.Minute},
		{"0 * * * *", 2*time.Hour + 30*time.Second + time.Minute},
	}
	for _, c := range cases {
		got, err := feeds.LeaseTTL(c.spec, 30*time.Second, time.Minute, from)
		if err != nil || got != c.want {
			t.Errorf("LeaseTTL(%q) = %v, %v; want %v", c.spec, got, err, c.want)
		}
	}
	if _, err := feeds.LeaseTTL("not a spec", 0, 0, from); err == nil {
		t.Errorf("invalid spec accepted")
	}
}
