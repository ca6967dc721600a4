package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// RunReplicas runs the cases of what several replicas sharing one store
// rely on: feed leases, each due outbox message handed to one sender,
// and export/import. open must return a new empty store that implements
// store.FeedLeases and store.Porter.
func RunReplicas(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	runEach(t, open, []suiteCase{
		{"FeedLease", testFeedLease},
		{"FeedLeaseRace", testFeedLeaseRace},
		{"Heartbeat", testHeartbeat},
		{"OutboxTakenOnce", testOutboxTakenOnce},
		{"ImportRefusesNonEmpty", testImportRefusesNonEmpty},
	})
	t.Run("ExportImport", func(t *testing.T) {
		src, dst := open(t), open(t)
		Fill(t, src)
		Move(t, src, dst)
		SameContent(t, src, dst)
	})
}

func leases(t *testing.T, s store.Store) store.FeedLeases {
	t.Helper()
	l, ok := s.(store.FeedLeases)
	if !ok {
		t.Fatalf("%T does not implement store.FeedLeases", s)
	}
	return l
}

func testFeedLease(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := leases(t, s)
	ttl := time.Minute
	steps := []struct {
		what   string
		feed   string
		holder string
		at     time.Time
		want   bool
	}{
		{"free lease is taken", "sre", "a", t0, true},
		{"another holder waits", "sre", "b", t0.Add(10 * time.Second), false},
		{"other feeds are free", "state", "b", t0.Add(10 * time.Second), true},
		{"holder renews", "sre", "a", t0.Add(50 * time.Second), true},
		{"renewal extends the lease", "sre", "b", t0.Add(70 * time.Second), false},
		{"expired lease is taken over", "sre", "b", t0.Add(111 * time.Second), true},
		{"the old holder lost it", "sre", "a", t0.Add(112 * time.Second), false},
	}
	for _, st := range steps {
		got, err := l.AcquireFeedLease(ctx, st.feed, st.holder, st.at, ttl)
		if err != nil {
			t.Fatalf("%s: AcquireFeedLease: %v", st.what, err)
		}
		if got != st.want {
			t.Errorf("%s: AcquireFeedLease(%s, %s) = %v, want %v", st.what, st.feed, st.holder, got, st.want)
		}
	}
	if err := l.ReleaseFeedLeases(ctx, "b"); err != nil {
		t.Fatalf("ReleaseFeedLeases: %v", err)
	}
	for _, feed := range []string{"sre", "state"} {
		if got, err := l.AcquireFeedLease(ctx, feed, "a", t0.Add(113*time.Second), ttl); err != nil || !got {
			t.Errorf("after release, %s not taken by another holder: %v, %v", feed, got, err)
		}
	}
	// Releasing some feeds keeps the others.
	if err := l.ReleaseFeedLeases(ctx, "a", "sre"); err != nil {
		t.Fatalf("ReleaseFeedLeases(a, sre): %v", err)
	}
	if got, _ := l.AcquireFeedLease(ctx, "sre", "c", t0.Add(114*time.Second), ttl); !got {
		t.Errorf("released feed not free")
	}
	if got, _ := l.AcquireFeedLease(ctx, "state", "c", t0.Add(114*time.Second), ttl); got {
		t.Errorf("feed not released was taken")
	}
	if _, err := l.AcquireFeedLease(ctx, "", "a", t0, ttl); err == nil {
		t.Errorf("empty feed accepted")
	}
}

func testHeartbeat(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := leases(t, s)
	ttl := time.Minute
	steps := []struct {
		holder string
		at     time.Time
		want   []string
	}{
		{"b", t0, []string{"b"}},
		{"a", t0.Add(30 * time.Second), []string{"a", "b"}},
		{"c", t0.Add(59 * time.Second), []string{"a", "b", "c"}},
		{"c", t0.Add(61 * time.Second), []string{"a", "c"}}, // b's heartbeat ran out
		{"b", t0.Add(62 * time.Second), []string{"a", "b", "c"}},
	}
	for i, st := range steps {
		got, err := l.Heartbeat(ctx, st.holder, st.at, ttl)
		if err != nil {
			t.Fatalf("step %d: Heartbeat: %v", i, err)
		}
		if !reflect.DeepEqual(got, st.want) {
			t.Errorf("step %d: Heartbeat(%s) = %v, want %v", i, st.holder, got, st.want)
		}
	}
	// A clean shutdown ends the heartbeat at once.
	if err := l.ReleaseFeedLeases(ctx, "c"); err != nil {
		t.Fatalf("ReleaseFeedLeases: %v", err)
	}
	if got, err := l.Heartbeat(ctx, "a", t0.Add(63*time.Second), ttl); err != nil || !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("after c released: %v, %v", got, err)
	}
}

func testFeedLeaseRace(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := leases(t, s)
	const holders, feeds = 6, 10
	won := make([][]bool, holders)
	var wg sync.WaitGroup
	for h := range holders {
		won[h] = make([]bool, feeds)
		wg.Go(func() {
			for f := range feeds {
				ok, err := l.AcquireFeedLease(ctx, fmt.Sprintf("feed-%d", f), fmt.Sprintf("replica-%d", h), t0, time.Minute)
				if err != nil {
					t.Errorf("AcquireFeedLease: %v", err)
				}
				won[h][f] = ok
			}
		})
	}
	wg.Wait()
	for f := range feeds {
		n := 0
		for h := range holders {
			if won[h][f] {
				n++
			}
		}
		if n != 1 {
			t.Errorf("feed-%d: %d holders got the lease, want 1", f, n)
		}
	}
}

func testOutboxTakenOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n, senders = 120, 4
	var ms []store.OutboxMessage
	for i := range n {
		ms = append(ms, store.OutboxMessage{Key: fmt.Sprintf("feed:%d", i), Channel: fmt.Sprintf("ch-%d", i%3),
			Platform: "console", Event: "feed_down", Payload: json.RawMessage(`{}`), CreatedAt: t0})
	}
	if got, err := s.Enqueue(ctx, ms); err != nil || got != n {
		t.Fatalf("Enqueue: %d, %v", got, err)
	}
	var mu sync.Mutex
	taken := map[int64]int{}
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for {
				due, err := s.ClaimDue(ctx, "", t0.Add(time.Second), time.Hour, 7)
				if err != nil {
					t.Errorf("ClaimDue: %v", err)
					return
				}
				if len(due) == 0 {
					return
				}
				for _, m := range due {
					mu.Lock()
					taken[m.ID]++
					mu.Unlock()
					if err := s.MarkSent(ctx, m.ID, "r", t0.Add(2*time.Second)); err != nil {
						t.Errorf("MarkSent: %v", err)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(taken) != n {
		t.Errorf("%d messages taken, want %d", len(taken), n)
	}
	for id, k := range taken {
		if k != 1 {
			t.Errorf("message %d taken %d times", id, k)
		}
	}
	if left := outbox(t, s, store.OutboxQuery{State: store.OutboxPending}); len(left) != 0 {
		t.Errorf("%d messages still pending", len(left))
	}
}

func porter(t *testing.T, s store.Store) store.Porter {
	t.Helper()
	p, ok := s.(store.Porter)
	if !ok {
		t.Fatalf("%T does not implement store.Porter", s)
	}
	return p
}

func testImportRefusesNonEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	seed(t, s, claimItems()...)
	var buf bytes.Buffer
	if err := porter(t, s).Export(ctx, &buf); err != nil {
		t.Fatalf("Export: %v", err)
	}
	if err := porter(t, s).Import(ctx, &buf); err == nil {
		t.Errorf("Import into a store with feeds succeeded")
	}
}

// Fill gives s one of everything export must carry: feeds with fetch
// state, items with a revision, failed and successful polls, claims with
// decisions, events and evidence, a resolution, actions, a mute, a
// subscription and outbox messages in every state.
func Fill(t *testing.T, s store.Store) {
	t.Helper()
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	record(t, s, failedPoll("state", at(0.5), "timeout", "deadline exceeded"))
	edited := its["u-2"]
	edited.Title = "Statement on tariffs"
	edited.Categories = []string{"trade", "tariffs"}
	record(t, s, okPoll("state", at(1)), edited)

	c := its["c-1"]
	save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false, its["u-1"]),
		Event: "new_claim", At: at(0.1), Outbox: msgs("new_claim", "news", "desk")})
	res := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Confirmed, false, its["u-1"], its["u-2"]),
		Event: "confirmed", At: at(2), Outbox: msgs("confirmed", "news")})
	d := its["c-2"]
	other := save(t, s, store.ClaimUpdate{Item: d, Decision: decisionOf(d, match.Unconfirmed, true),
		Event: "final", At: at(3), Outbox: msgs("final", "news")})
	if _, err := s.Resolve(ctx, other.Claim.ID, store.Resolution{Kind: store.ResolvedDismissed, Reason: "not a claim",
		By: "cli:ana", At: at(4)}, store.Action{Kind: store.ActionDismiss, Actor: "cli:ana", At: at(4),
		Args: map[string]string{"reason": "not a claim"}}, msgs("dismissed", "news")); err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if err := s.SetMute(ctx, res.Claim.ID, "desk", true, store.Action{Actor: "slack:U1", Channel: "slack:C1", At: at(5)}); err != nil {
		t.Fatalf("SetMute: %v", err)
	}
	if _, err := s.Subscribe(ctx, store.Subscription{Channel: store.ChannelKey{Platform: "slack", Target: "C9"},
		Language: "es", Filters: store.Filters{Sides: []string{"mx"}, Keywords: []string{"armas"}}, By: "slack:U1", At: at(5)}); err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	if _, err := s.RecordAction(ctx, store.Action{Kind: store.ActionSubscribe, Actor: "slack:U1", Channel: "slack:C9", At: at(5)}); err != nil {
		t.Fatalf("RecordAction: %v", err)
	}
	if _, err := s.Enqueue(ctx, []store.OutboxMessage{{Key: "digest:2026-W10:news", Channel: "news", Platform: "console",
		Event: "digest", Payload: json.RawMessage(`{"week": "2026-W10"}`), CreatedAt: at(6)}}); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	due, err := s.ClaimDue(ctx, "news", at(7), time.Minute, 2)
	if err != nil || len(due) != 2 {
		t.Fatalf("ClaimDue: %d, %v", len(due), err)
	}
	if err := s.MarkSent(ctx, due[0].ID, "1700000000.000100", at(7)); err != nil {
		t.Fatalf("MarkSent: %v", err)
	}
	if err := s.MarkFailed(ctx, due[1].ID, "status 410", at(8), true); err != nil {
		t.Fatalf("MarkFailed: %v", err)
	}
}

// Move exports src and imports the result into dst.
func Move(t *testing.T, src, dst store.Store) {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	if err := porter(t, src).Export(ctx, &buf); err != nil {
		t.Fatalf("Export: %v", err)
	}
	if err := porter(t, dst).Import(ctx, &buf); err != nil {
		t.Fatalf("Import: %v", err)
	}
}

// SameContent fails t unless a and b answer the store's queries alike.
func SameContent(t *testing.T, a, b store.Store) {
	t.Helper()
	ctx := context.Background()
	same := func(what string, get func(s store.Store) (any, error)) {
		t.Helper()
		x, err := get(a)
		if err != nil {
			t.Fatalf("%s (source): %v", what, err)
		}
		y, err := get(b)
		if err != nil {
			t.Fatalf("%s (imported): %v", what, err)
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differs:\nsource   %+v\nimported %+v", what, x, y)
		}
	}
	same("feed states", func(s store.Store) (any, error) { return s.FeedStates(ctx) })
	same("items", func(s store.Store) (any, error) { return s.Items(ctx, store.ItemQuery{}) })
	same("polls", func(s store.Store) (any, error) { return s.Polls(ctx, "state", time.Time{}, time.Time{}) })
	same("claims", func(s store.Store) (any, error) { return s.Claims(ctx, store.ClaimQuery{}) })
	same("outbox", func(s store.Store) (any, error) { return s.Outbox(ctx, store.OutboxQuery{}) })
	same("subscriptions", func(s store.Store) (any, error) { return s.Subscriptions(ctx) })
	same("actions on no claim", func(s store.Store) (any, error) { return s.Actions(ctx, 0) })
	// Ranks differ between engines (FTS5's bm25, PostgreSQL's ts_rank):
	// the same items are found.
	same("search", func(s store.Store) (any, error) {
		its, err := s.SearchItems(ctx, []string{"trafico", "tariffs"}, 10)
		slices.SortFunc(its, func(x, y match.Item) int { return int(x.ID - y.ID) })
		return its, err
	})
	claims, err := a.Claims(ctx, store.ClaimQuery{})
	if err != nil || len(claims) == 0 {
		t.Fatalf("source claims: %d, %v", len(claims), err)
	}
	for _, c := range claims {
		same(fmt.Sprintf("claim %d", c.ID), func(s store.Store) (any, error) { return s.Claim(ctx, c.ID) })
		same(fmt.Sprintf("actions of claim %d", c.ID), func(s store.Store) (any, error) { return s.Actions(ctx, c.ID) })
		same(fmt.Sprintf("revisions of item %d", c.Item.ID), func(s store.Store) (any, error) { return s.Revisions(ctx, c.Item.ID) })
		for _, ch := range []string{"news", "desk"} {
			same(fmt.Sprintf("mute of claim %d in %s", c.ID, ch), func(s store.Store) (any, error) { return s.Muted(ctx, c.ID, ch) })
		}
	}
	items, _ := a.Items(ctx, store.ItemQuery{})
	for _, it := range items {
		same(fmt.Sprintf("revisions of item %d", it.ID), func(s store.Store) (any, error) { return s.Revisions(ctx, it.ID) })
	}
	// New rows get fresh IDs after the imported ones.
	for _, s := range []store.Store{a, b} {
		if _, err := s.RecordAction(ctx, store.Action{Kind: store.ActionList, Actor: "cli:ana", At: at(9)}); err != nil {
			t.Fatalf("RecordAction after import: %v", err)
		}
	}
	same("actions recorded after the import", func(s store.Store) (any, error) { return s.Actions(ctx, 0) })
}
