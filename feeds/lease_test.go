package feeds_test

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

func TestLeasedSharesFeedsOut(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	polled := map[string][]string{} // holder -> feeds polled
	replica := func(holder string) feeds.PollFunc {
		return feeds.Leased(func(_ context.Context, src feeds.Source) (feeds.PollResult, error) {
			polled[holder] = append(polled[holder], src.Name)
			return feeds.PollResult{Feed: src.Name}, nil
		}, feeds.LeaseOptions{Leases: st.(store.FeedLeases), Holder: holder, ReplicaTTL: 3 * time.Minute,
			TTL: func(feeds.Source) time.Duration { return 25 * time.Minute }, Now: func() time.Time { return clock }})
	}
	// Two feeds: one a keeps when b joins, one b takes over.
	var keep, move string
	for i := 0; keep == "" || move == ""; i++ {
		name := fmt.Sprintf("feed-%d", i)
		if feeds.Owner(name, []string{"a", "b"}) == "a" {
			keep = cmp.Or(keep, name)
		} else {
			move = cmp.Or(move, name)
		}
	}
	a, b := replica("a"), replica("b")
	type run struct {
		advance time.Duration
		poll    feeds.PollFunc
		feed    string
		skipped bool
	}
	steps := []run{
		// a alone polls both.
		{0, a, keep, false},
		{0, a, move, false},
		// b joins: move is b's now, but a's lease still runs.
		{time.Minute, b, move, true},
		{0, b, keep, true},
		// a's next run hands move over (a's view of the group is renewed
		// a third of ReplicaTTL after its last heartbeat).
		{time.Minute, a, keep, false},
		{0, a, move, true},
		{time.Second, b, move, false},
		// a dies. Its heartbeat runs out after ReplicaTTL, its lease of
		// keep after TTL; b then polls keep too.
		{10 * time.Minute, b, keep, true},
		{15 * time.Minute, b, keep, false},
		{0, b, move, false},
	}
	for i, s := range steps {
		clock = clock.Add(s.advance)
		res, err := s.poll(ctx, feeds.Source{Name: s.feed})
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if res.Skipped != s.skipped {
			t.Errorf("step %d (%s): skipped %v, want %v", i, s.feed, res.Skipped, s.skipped)
		}
	}
	want := map[string][]string{"a": {keep, move, keep}, "b": {move, keep, move}}
	if !reflect.DeepEqual(polled, want) {
		t.Errorf("polls %v, want %v", polled, want)
	}
}

func TestOwnerSpreadsFeeds(t *testing.T) {
	// Names that differ in their last byte only, as replicas of one host.
	holders := []string{"host/127.0.0.1:0/4242-1", "host/127.0.0.1:0/4242-2", "host/127.0.0.1:0/4242-3"}
	count := map[string]int{}
	for i := range 600 {
		count[feeds.Owner(fmt.Sprintf("feed-%d", i), holders)]++
	}
	for _, h := range holders {
		if count[h] < 150 || count[h] > 250 {
			t.Errorf("%s owns %d of 600 feeds, want about 200", h, count[h])
		}
	}
	// A replica leaving moves only its own feeds.
	for i := range 600 {
		name := fmt.Sprintf("feed-%d", i)
		before := feeds.Owner(name, holders)
		after := feeds.Owner(name, holders[1:])
		if before != holders[0] && before != after {
			t.Errorf("%s moved from %s to %s though its owner stayed", name, before, after)
		}
	}
	if feeds.Owner("x", nil) != "" {
		t.Errorf("owner among no holders")
	}
}

func TestLeaseTTL(t *testing.T) {
	from := time.Date(2026, 3, 2, 12, 3, 0, 0, time.UTC)
	cases := []struct {
		spec string
		want time.Duration
	}{
		{"", 2*10*time.Minute + 30*time.Second + time.Minute},
		{"@every 5m", 2*5*time.Minute + 30*time.Second + time.Minute},
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
