package main

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// TestFollowerGivesOtherReplicasItems checks which stored items a replica's
// follower hands to its pipeline: other replicas' new and edited items,
// once; not its own feeds' items, which the poller's hook gives, unless
// another replica stored them before the feed came to this one.
func TestFollowerGivesOtherReplicasItems(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	cfg := config.Default()
	a := &App{cfg: cfg, store: st, opts: appOptions{now: func() time.Time { return now }}}
	r := &replicaState{mine: map[string]bool{"mine": true}, seen: map[int64]int{}}
	item := func(feed, guid, title string) match.Item {
		return match.Item{Feed: feed, Side: "mx", GUID: guid, Title: title, Link: "https://x.example/" + feed + "/" + guid,
			Published: now.Add(-time.Hour)}
	}
	poll := func(feed string, at time.Time, its ...match.Item) store.SaveResult {
		t.Helper()
		res, err := st.RecordPoll(ctx, store.Poll{Feed: feed, Started: at, Finished: at, OK: true}, its)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	poll("theirs", now.Add(-time.Hour), item("theirs", "t0", "Before the start"))
	poll("mine", now.Add(-time.Hour), item("mine", "m0", "Before the start"))
	follow := func(init bool) (newT, revT []string) {
		t.Helper()
		res, err := a.unseenItems(ctx, r, init)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.New {
			newT = append(newT, it.GUID)
		}
		for _, it := range res.Revised {
			revT = append(revT, it.GUID)
		}
		slices.Sort(newT)
		return newT, revT
	}
	if n, v := follow(true); n != nil || v != nil {
		t.Fatalf("start gave %v %v: the restore saw those", n, v)
	}
	// Another replica polls its feed; this one polls its own, whose hook
	// marks what it gave.
	poll("theirs", now, item("theirs", "t0", "Before the start, edited"), item("theirs", "t1", "News"))
	own := poll("mine", now, item("mine", "m1", "Own news"))
	r.mark(own.New)
	// Another replica stored an item of "mine" before the feed came here,
	// and one just now (its hook is running).
	stale := poll("mine", now.Add(-10*time.Minute), item("mine", "m2", "Stored by the previous owner"))
	recent := poll("mine", now, item("mine", "m3", "Polled just now"))
	if len(stale.New) != 1 || len(recent.New) != 1 {
		t.Fatalf("fixture: %d %d new", len(stale.New), len(recent.New))
	}
	n, v := follow(false)
	if !slices.Equal(n, []string{"m2", "t1"}) || !slices.Equal(v, []string{"t0"}) {
		t.Errorf("follower gave new %v revised %v, want new [m2 t1] revised [t0]", n, v)
	}
	if n, v := follow(false); n != nil || v != nil {
		t.Errorf("second round gave %v %v again", n, v)
	}
	r.mark(recent.New)
	if n, v := follow(false); n != nil || v != nil {
		t.Errorf("after the hook: %v %v", n, v)
	}
}
