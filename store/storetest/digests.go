package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// RunDigests runs the contract suite of store.Digests, the weekly digest's
// queries. open must return a new empty store for each call and close it
// when t ends.
func RunDigests(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	runEach(t, open, []suiteCase{
		{"WeekClaims", testDigestWeekClaims},
		{"FeedActivity", testDigestFeedActivity},
		{"OutboxByKey", testDigestOutboxByKey},
	})
}

func claimGUIDs(cs []store.Claim) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Item.GUID)
	}
	return out
}

// testDigestWeekClaims stores claims published before, inside and after a
// period, confirmed, resolved and still open, and checks what each query
// returns for the period.
func testDigestWeekClaims(t *testing.T, s store.Store) {
	ctx := context.Background()
	old := newItem("sre", "mx", "o-1", "Acuerdo antiguo sin confirmar", at(-200))
	later := newItem("state", "us", "f-1", "Statement after the period", at(20))
	its := seed(t, s, append(claimItems(), old, later)...)
	c1, c2, u2, o1, f1 := its["c-1"], its["c-2"], its["u-2"], its["o-1"], its["f-1"]
	save(t, s, store.ClaimUpdate{Item: o1, Decision: decisionOf(o1, match.Unconfirmed, true), Event: "final", At: at(0)})
	save(t, s, store.ClaimUpdate{Item: c1, Decision: decisionOf(c1, match.Pending, false), Event: "new_claim", At: at(0)})
	save(t, s, store.ClaimUpdate{Item: c1, Decision: decisionOf(c1, match.Confirmed, false, its["u-1"]), Event: "confirmed", At: at(3)})
	save(t, s, store.ClaimUpdate{Item: c2, Decision: decisionOf(c2, match.Unconfirmed, true), Event: "final", At: at(1)})
	uid := save(t, s, store.ClaimUpdate{Item: u2, Decision: decisionOf(u2, match.Pending, false), Event: "new_claim", At: at(0)}).Claim.ID
	save(t, s, store.ClaimUpdate{Item: f1, Decision: decisionOf(f1, match.Pending, false), Event: "new_claim", At: at(20)})
	res := store.Resolution{Kind: store.ResolvedDismissed, Reason: "a courtesy call, not a claim", By: "cli:ana", At: at(4)}
	if _, err := s.Resolve(ctx, uid, res, store.Action{ClaimID: uid, Kind: store.ActionDismiss, Actor: "cli:ana", At: at(4)}, nil); err != nil {
		t.Fatalf("Resolve: %v", err)
	}

	pub, err := s.ClaimsPublished(ctx, at(-10), at(10))
	if err != nil {
		t.Fatalf("ClaimsPublished: %v", err)
	}
	if g := claimGUIDs(pub); !slices.Equal(g, []string{"c-1", "c-2", "u-2"}) {
		t.Errorf("claims published in the period = %v, want c-1 c-2 u-2 (oldest first)", g)
	}
	if pub[0].Status() != match.Confirmed || pub[0].Item.Title != c1.Title || pub[0].Item.Content != c1.Content {
		t.Errorf("first claim = %s %q, want its latest decision and item", pub[0].Status(), pub[0].Item.Title)
	}
	if u := pub[0].Decision.Units; len(u) != 1 || !slices.Equal(u[0].Unit.Objects, []string{"arms_trafficking"}) ||
		u[0].Unit.Action != "joint" || u[0].Outcome != match.Stated {
		t.Errorf("first claim's commitments = %+v, want the decision's unit (the channel filters read it)", u)
	}
	if !pub[1].Decision.Final || pub[1].Decision.Deadline.IsZero() {
		t.Errorf("second claim's decision = %+v, want final with its deadline", pub[1].Decision)
	}

	evs, err := s.ClaimEvents(ctx, []string{"confirmed", "confirmed_late"}, at(-10), at(10))
	if err != nil {
		t.Fatalf("ClaimEvents: %v", err)
	}
	if len(evs) != 1 || evs[0].Claim.Item.GUID != "c-1" || evs[0].Event != "confirmed" {
		t.Fatalf("confirmation events = %+v, want c-1 confirmed", evs)
	}
	sameTime(t, "confirmation time", evs[0].At, at(3))
	if evs, err := s.ClaimEvents(ctx, []string{"confirmed"}, at(3.5), at(10)); err != nil || len(evs) != 0 {
		t.Errorf("confirmations after the event = %+v, %v; want none", evs, err)
	}

	resolved, err := s.ClaimsResolved(ctx, at(-10), at(10))
	if err != nil {
		t.Fatalf("ClaimsResolved: %v", err)
	}
	if g := claimGUIDs(resolved); !slices.Equal(g, []string{"u-2"}) || resolved[0].Resolution == nil ||
		resolved[0].Resolution.Reason != res.Reason {
		t.Errorf("claims resolved = %v, want u-2 with its dismissal", g)
	}
	if r, err := s.ClaimsResolved(ctx, at(5), at(10)); err != nil || len(r) != 0 {
		t.Errorf("claims resolved after the resolution = %v, %v; want none", claimGUIDs(r), err)
	}

	for _, c := range []struct {
		before time.Time
		limit  int
		want   []string
	}{
		{at(-10), 10, []string{"o-1"}},
		{at(10), 10, []string{"o-1", "c-2"}},
		{at(30), 10, []string{"o-1", "c-2", "f-1"}},
		{at(30), 1, []string{"o-1"}},
	} {
		open, err := s.OldestOpen(ctx, c.before, c.limit)
		if err != nil {
			t.Fatalf("OldestOpen: %v", err)
		}
		if g := claimGUIDs(open); !slices.Equal(g, c.want) {
			t.Errorf("OldestOpen(before %s, %d) = %v, want %v (confirmed and resolved claims left out)", c.before, c.limit, g, c.want)
		}
	}
}

func testDigestFeedActivity(t *testing.T, s store.Store) {
	ctx := context.Background()
	seed(t, s, claimItems()...)
	if err := s.EnsureFeed(ctx, store.Feed{Name: "quiet", Side: "us", URL: "https://quiet.example/", Kind: "rss"}); err != nil {
		t.Fatalf("EnsureFeed: %v", err)
	}
	record(t, s, okPoll("quiet", at(1)))
	record(t, s, okPoll("quiet", at(2)))
	record(t, s, failedPoll("state", at(1), "status", "503 Service Unavailable"))
	record(t, s, failedPoll("state", at(11), "status", "503 Service Unavailable"))
	got, err := s.FeedActivity(ctx, at(-10), at(10))
	if err != nil {
		t.Fatalf("FeedActivity: %v", err)
	}
	want := []store.FeedActivity{
		{Feed: "quiet", Side: "us", Polls: 2, Failures: 0, Items: 0},
		{Feed: "sre", Side: "mx", Polls: 1, Failures: 0, Items: 2},
		{Feed: "state", Side: "us", Polls: 2, Failures: 1, Items: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("FeedActivity =\n%+v\nwant\n%+v", got, want)
	}
}

func testDigestOutboxByKey(t *testing.T, s store.Store) {
	ctx := context.Background()
	key := "digest/news/2026-W10"
	if _, err := s.OutboxByKey(ctx, key); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("OutboxByKey before enqueue: %v, want ErrNotFound", err)
	}
	m := store.OutboxMessage{Key: key, Channel: "news", Platform: "console", Event: "digest",
		Payload: json.RawMessage(`{"text":"week"}`), CreatedAt: at(0)}
	if n, err := s.Enqueue(ctx, []store.OutboxMessage{m, m}); err != nil || n != 1 {
		t.Fatalf("Enqueue = %d, %v; want 1 (the key once)", n, err)
	}
	got, err := s.OutboxByKey(ctx, key)
	if err != nil {
		t.Fatalf("OutboxByKey: %v", err)
	}
	if got.Key != key || got.Channel != "news" || got.Event != "digest" || got.State != store.OutboxPending {
		t.Errorf("OutboxByKey = %+v", got)
	}
}
