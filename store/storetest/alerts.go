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

// RunAlerts runs the contract suite of store.Alerts: claims and decisions,
// the outbox, actions, mutes, subscriptions and search. open must return a
// new empty store for each call and close it when t ends.
func RunAlerts(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	runEach(t, open, []suiteCase{
		{"DecisionWithOutbox", testDecisionWithOutbox},
		{"EventKeyIsIdempotent", testEventKeyIsIdempotent},
		{"DecisionIsAtomic", testDecisionIsAtomic},
		{"ClaimEvidence", testClaimEvidence},
		{"ClaimQuery", testClaimQuery},
		{"ResolveAndActions", testResolveAndActions},
		{"Mute", testMute},
		{"Subscriptions", testSubscriptions},
		{"OutboxLease", testOutboxLease},
		{"OutboxClaimOrder", testOutboxClaimOrder},
		{"OutboxFailures", testOutboxFailures},
		{"EnqueueKeys", testEnqueueKeys},
		{"ThreadRef", testThreadRef},
		{"SearchItems", testSearchItems},
	})
}

// seed stores a baseline poll of both sides' feeds and then the given
// items as news, and returns them with IDs, by GUID.
func seed(t *testing.T, s store.Store, its ...match.Item) map[string]match.Item {
	t.Helper()
	ctx := context.Background()
	for _, f := range []store.Feed{
		{Name: "sre", Side: "mx", URL: "https://sre.example/", Kind: "html"},
		{Name: "state", Side: "us", URL: "https://state.example/feed", Kind: "rss"},
	} {
		if err := s.EnsureFeed(ctx, f); err != nil {
			t.Fatalf("EnsureFeed: %v", err)
		}
		record(t, s, okPoll(f.Name, at(-100)))
	}
	byFeed := map[string][]match.Item{}
	for _, it := range its {
		byFeed[it.Feed] = append(byFeed[it.Feed], it)
	}
	out := map[string]match.Item{}
	for _, feed := range []string{"sre", "state"} {
		if len(byFeed[feed]) == 0 {
			continue
		}
		res := record(t, s, okPoll(feed, at(0)), byFeed[feed]...)
		for _, it := range res.New {
			out[it.GUID] = it
		}
	}
	return out
}

// claimItems are a Spanish claim, an English counterpart and an unrelated
// English item.
func claimItems() []match.Item {
	c := newItem("sre", "mx", "c-1", "México y Estados Unidos acordaron un operativo contra el tráfico de armas", at(-2))
	c.Content = "Ambos gobiernos acordaron un operativo conjunto contra el tráfico de armas en Reynosa."
	d := newItem("sre", "mx", "c-2", "Reunión sobre migración", at(-1))
	u := newItem("state", "us", "u-1", "Secretary meets Mexican Foreign Secretary on arms trafficking", at(-1))
	u.Content = "The United States and Mexico agreed to a joint operation against arms trafficking."
	v := newItem("state", "us", "u-2", "Statement on trade", at(-0.5))
	return []match.Item{c, d, u, v}
}

func decisionOf(it match.Item, st match.Status, final bool, considered ...match.Item) match.Decision {
	d := match.Decision{Feed: it.Feed, GUID: it.GUID, Title: it.Title, Side: it.Side, Published: it.Published,
		Status: st, Final: final, Deadline: it.Published.Add(168 * time.Hour), Matches: []match.Ref{}}
	for i, c := range considered {
		d.Considered = append(d.Considered, match.CandidateScore{Ref: match.RefOf(c), Title: c.Title,
			Published: c.Published, Score: float64(10 - i), SameEvent: i == 0})
		if i == 0 {
			d.Matches = append(d.Matches, match.RefOf(c))
		}
	}
	d.Units = []match.UnitResult{{Unit: match.Unit{Action: "joint", Objects: []string{"arms_trafficking"}}, Outcome: match.Stated}}
	return d
}

func msgs(event string, channels ...string) []store.OutboxMessage {
	out := make([]store.OutboxMessage, 0, len(channels))
	for _, ch := range channels {
		out = append(out, store.OutboxMessage{Channel: ch, Platform: "console", Event: event,
			Payload: json.RawMessage(`{"event":"` + event + `"}`)})
	}
	return out
}

func save(t *testing.T, s store.Store, u store.ClaimUpdate) store.UpdateResult {
	t.Helper()
	res, err := s.SaveDecision(context.Background(), u)
	if err != nil {
		t.Fatalf("SaveDecision(%s, %s): %v", u.Item.GUID, u.Event, err)
	}
	return res
}

func outbox(t *testing.T, s store.Store, q store.OutboxQuery) []store.OutboxMessage {
	t.Helper()
	out, err := s.Outbox(context.Background(), q)
	if err != nil {
		t.Fatalf("Outbox(%+v): %v", q, err)
	}
	return out
}

func keys(ms []store.OutboxMessage) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Key)
	}
	return out
}

func testDecisionWithOutbox(t *testing.T, s store.Store) {
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	res := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim",
		At: at(0), Outbox: msgs("new_claim", "news", "desk")})
	if !res.Applied || res.Enqueued != 2 {
		t.Fatalf("first save: applied %v, enqueued %d; want true, 2", res.Applied, res.Enqueued)
	}
	if res.Claim.ID == 0 || res.Claim.Item.ID != c.ID || res.Claim.Status() != match.Pending || res.Claim.LastEvent != "new_claim" {
		t.Errorf("saved claim = id %d item %d status %s event %q", res.Claim.ID, res.Claim.Item.ID, res.Claim.Status(), res.Claim.LastEvent)
	}
	sameTime(t, "Created", res.Claim.Created, at(0))
	got := outbox(t, s, store.OutboxQuery{})
	want := []string{store.ClaimKey(res.Claim.ID, "new_claim", "news"), store.ClaimKey(res.Claim.ID, "new_claim", "desk")}
	if !slices.Equal(keys(got), want) {
		t.Fatalf("outbox keys = %v, want %v", keys(got), want)
	}
	for _, m := range got {
		if m.State != store.OutboxPending || m.ClaimID != res.Claim.ID || m.Event != "new_claim" || m.Attempts != 0 {
			t.Errorf("message %s = state %s claim %d event %s attempts %d", m.Key, m.State, m.ClaimID, m.Event, m.Attempts)
		}
		if string(m.Payload) != `{"event":"new_claim"}` {
			t.Errorf("payload = %s", m.Payload)
		}
		sameTime(t, "NextAttempt", m.NextAttempt, at(0))
	}
	// A later event updates the same claim.
	res2 := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Confirmed, false, its["u-1"]),
		Event: "confirmed", At: at(1), Outbox: msgs("confirmed", "news")})
	if res2.Claim.ID != res.Claim.ID || res2.Claim.Status() != match.Confirmed || !res2.Applied {
		t.Errorf("second save = claim %d status %s applied %v", res2.Claim.ID, res2.Claim.Status(), res2.Applied)
	}
	sameTime(t, "Updated", res2.Claim.Updated, at(1))
	sameTime(t, "Created after update", res2.Claim.Created, at(0))
	if n := len(outbox(t, s, store.OutboxQuery{ClaimID: res.Claim.ID})); n != 3 {
		t.Errorf("outbox has %d messages of the claim, want 3", n)
	}
	byItem, err := s.ClaimByItem(context.Background(), c.ID)
	if err != nil || byItem.ID != res.Claim.ID {
		t.Errorf("ClaimByItem = %d, %v; want %d", byItem.ID, err, res.Claim.ID)
	}
	if _, err := s.ClaimByItem(context.Background(), its["c-2"].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ClaimByItem(not a claim) error = %v, want ErrNotFound", err)
	}
}

func testEventKeyIsIdempotent(t *testing.T, s store.Store) {
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	first := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim",
		At: at(0), Outbox: msgs("new_claim", "news")})
	save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Unconfirmed, true), Event: "final",
		At: at(168), Outbox: msgs("final", "news")})
	// A replay of the first event, as after a restart: nothing changes.
	again := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim",
		At: at(0), Outbox: msgs("new_claim", "news", "added-later")})
	if again.Applied || again.Enqueued != 0 {
		t.Errorf("replayed event: applied %v enqueued %d, want false 0", again.Applied, again.Enqueued)
	}
	if again.Claim.ID != first.Claim.ID || again.Claim.Status() != match.Unconfirmed || !again.Claim.Final() {
		t.Errorf("replayed event changed the claim: status %s final %v", again.Claim.Status(), again.Claim.Final())
	}
	if n := len(outbox(t, s, store.OutboxQuery{})); n != 2 {
		t.Errorf("outbox has %d messages, want 2", n)
	}
	// A repeatable event with its own key is saved each time.
	for rev := 1; rev <= 2; rev++ {
		r := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Unconfirmed, true), Event: "revised",
			EventKey: "revised:" + string(rune('0'+rev)), At: at(170), Outbox: msgs("revised", "news")})
		if !r.Applied || r.Enqueued != 1 {
			t.Errorf("revision %d: applied %v enqueued %d", rev, r.Applied, r.Enqueued)
		}
	}
}

func testDecisionIsAtomic(t *testing.T, s store.Store) {
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	bad := msgs("new_claim", "news")
	bad = append(bad, store.OutboxMessage{Event: "new_claim"}) // no channel
	if _, err := s.SaveDecision(context.Background(), store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false),
		Event: "new_claim", At: at(0), Outbox: bad}); err == nil {
		t.Fatal("SaveDecision with a message without channel succeeded")
	}
	if _, err := s.ClaimByItem(context.Background(), c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("claim saved despite the failed transaction: %v", err)
	}
	if n := len(outbox(t, s, store.OutboxQuery{})); n != 0 {
		t.Errorf("outbox has %d messages after a failed transaction", n)
	}
	// The same event then saves normally.
	if r := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim",
		At: at(0), Outbox: msgs("new_claim", "news")}); !r.Applied || r.Enqueued != 1 {
		t.Errorf("retry: applied %v enqueued %d", r.Applied, r.Enqueued)
	}
	if _, err := s.SaveDecision(context.Background(), store.ClaimUpdate{Item: match.Item{ID: 99999}, Event: "new_claim"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveDecision of an unknown item: %v, want ErrNotFound", err)
	}
}

func testClaimEvidence(t *testing.T, s store.Store) {
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	d := decisionOf(c, match.Confirmed, false, its["u-1"], its["u-2"])
	r := save(t, s, store.ClaimUpdate{Item: c, Decision: d, Event: "confirmed", At: at(0)})
	got, err := s.Claim(context.Background(), r.Claim.ID)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	if g := guids(got.Evidence); !slices.Equal(g, []string{"u-1", "u-2"}) {
		t.Errorf("evidence = %v, want [u-1 u-2] (the considered items, best first)", g)
	}
	checkItem(t, "claim item", got.Item, c)
	if got.Decision.Status != match.Confirmed || len(got.Decision.Considered) != 2 || got.Decision.Units[0].Outcome != match.Stated ||
		!slices.Equal(got.Decision.Matches, []match.Ref{match.RefOf(its["u-1"])}) {
		t.Errorf("decision did not round-trip: %+v", got.Decision)
	}
	// A later decision replaces the evidence.
	save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Unconfirmed, true), Event: "final", At: at(168)})
	got, err = s.Claim(context.Background(), r.Claim.ID)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	if len(got.Evidence) != 0 {
		t.Errorf("evidence after a decision that considered nothing = %v", guids(got.Evidence))
	}
	if _, err := s.Claim(context.Background(), 4242); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Claim(absent) error = %v, want ErrNotFound", err)
	}
}

func testClaimQuery(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	ids := map[string]int64{}
	for _, x := range []struct {
		guid   string
		status match.Status
		final  bool
	}{
		{"c-1", match.Unconfirmed, true},
		{"c-2", match.Pending, false},
		{"u-1", match.Partial, true},
	} {
		it := its[x.guid]
		ids[x.guid] = save(t, s, store.ClaimUpdate{Item: it, Decision: decisionOf(it, x.status, x.final), Event: "new_claim", At: at(0)}).Claim.ID
	}
	if _, err := s.Resolve(ctx, ids["u-1"], store.Resolution{Kind: store.ResolvedDismissed, Reason: "not a claim", By: "cli:ana", At: at(1)},
		store.Action{Kind: store.ActionDismiss, Actor: "cli:ana", At: at(1)}, nil); err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	yes, no := true, false
	cases := []struct {
		name string
		q    store.ClaimQuery
		want []string
	}{
		{"all newest first", store.ClaimQuery{}, []string{"u-1", "c-2", "c-1"}},
		{"gaps", store.ClaimQuery{Statuses: []match.Status{match.Partial, match.Unconfirmed}}, []string{"u-1", "c-1"}},
		{"side", store.ClaimQuery{Side: "mx"}, []string{"c-2", "c-1"}},
		{"feed", store.ClaimQuery{Feed: "state"}, []string{"u-1"}},
		{"open", store.ClaimQuery{State: store.OpenClaims}, []string{"c-2"}},
		{"final", store.ClaimQuery{State: store.FinalClaims}, []string{"u-1", "c-1"}},
		{"resolved", store.ClaimQuery{Resolved: &yes}, []string{"u-1"}},
		{"unresolved", store.ClaimQuery{Resolved: &no}, []string{"c-2", "c-1"}},
		{"since", store.ClaimQuery{Since: at(-1.5)}, []string{"u-1", "c-2"}},
		{"terms", store.ClaimQuery{Terms: []string{"trafico", "trafficking"}}, []string{"u-1", "c-1"}},
		{"terms no match", store.ClaimQuery{Terms: []string{"aranceles"}}, nil},
		{"limit", store.ClaimQuery{Limit: 1}, []string{"u-1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Claims(ctx, c.q)
			if err != nil {
				t.Fatalf("Claims: %v", err)
			}
			var g []string
			for _, cl := range got {
				g = append(g, cl.Item.GUID)
			}
			if !slices.Equal(g, c.want) {
				t.Errorf("Claims(%+v) = %v, want %v", c.q, g, c.want)
			}
		})
	}
}

func testResolveAndActions(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	id := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Unconfirmed, true), Event: "final", At: at(0)}).Claim.ID
	res := store.Resolution{Kind: store.ResolvedConfirmed, URL: "https://news.example/call", Note: "phone call with the embassy",
		By: "slack:U1", At: at(2)}
	act := store.Action{Kind: store.ActionConfirm, Actor: "slack:U1", Channel: "slack:C9",
		Args: map[string]string{"url": res.URL, "note": res.Note}, At: at(2)}
	cl, err := s.Resolve(ctx, id, res, act, msgs("resolved", "news"))
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if cl.Resolution == nil || cl.Resolution.Kind != store.ResolvedConfirmed || cl.Resolution.URL != res.URL ||
		cl.Resolution.Note != res.Note || cl.Resolution.By != "slack:U1" {
		t.Fatalf("resolution = %+v", cl.Resolution)
	}
	sameTime(t, "resolution time", cl.Resolution.At, at(2))
	if k := keys(outbox(t, s, store.OutboxQuery{ClaimID: id})); !slices.Equal(k, []string{store.ClaimKey(id, "resolved", "news")}) {
		t.Errorf("resolution messages = %v", k)
	}
	if _, err := s.RecordAction(ctx, store.Action{ClaimID: id, Kind: store.ActionShow, Actor: "cli:ana", At: at(3)}); err != nil {
		t.Fatalf("RecordAction: %v", err)
	}
	if _, err := s.RecordAction(ctx, store.Action{Kind: store.ActionSubscribe, Actor: "discord:42", Channel: "discord:7", At: at(3)}); err != nil {
		t.Fatalf("RecordAction: %v", err)
	}
	acts, err := s.Actions(ctx, id)
	if err != nil {
		t.Fatalf("Actions: %v", err)
	}
	if len(acts) != 2 || acts[0].Kind != store.ActionConfirm || acts[0].Args["url"] != res.URL ||
		acts[0].Channel != "slack:C9" || acts[1].Kind != store.ActionShow || acts[1].Actor != "cli:ana" {
		t.Fatalf("actions = %+v", acts)
	}
	sameTime(t, "action time", acts[0].At, at(2))
	none, err := s.Actions(ctx, 0)
	if err != nil || len(none) != 1 || none[0].Kind != store.ActionSubscribe {
		t.Errorf("actions on no claim = %+v, %v", none, err)
	}
	if _, err := s.Resolve(ctx, 999, res, act, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Resolve(absent) error = %v, want ErrNotFound", err)
	}
}

func testMute(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	id := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim", At: at(0),
		Outbox: msgs("new_claim", "news", "desk")}).Claim.ID
	if err := s.SetMute(ctx, id, "news", true, store.Action{Actor: "slack:U1", Channel: "news", At: at(1)}); err != nil {
		t.Fatalf("SetMute: %v", err)
	}
	if m, err := s.Muted(ctx, id, "news"); err != nil || !m {
		t.Errorf("Muted(news) = %v, %v", m, err)
	}
	if m, err := s.Muted(ctx, id, "desk"); err != nil || m {
		t.Errorf("Muted(desk) = %v, %v", m, err)
	}
	// The pending message in the muted channel is held back.
	due, err := s.ClaimDue(ctx, "", at(2), time.Minute, 10)
	if err != nil {
		t.Fatalf("ClaimDue: %v", err)
	}
	if len(due) != 1 || due[0].Channel != "desk" {
		t.Errorf("due while muted = %v, want only desk's", keys(due))
	}
	// New events are not enqueued for the muted channel.
	r := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Unconfirmed, true), Event: "final", At: at(3),
		Outbox: msgs("final", "news", "desk")})
	if r.Enqueued != 1 {
		t.Errorf("enqueued %d messages with one channel muted, want 1", r.Enqueued)
	}
	if err := s.SetMute(ctx, id, "news", false, store.Action{Actor: "slack:U1", Channel: "news", At: at(4)}); err != nil {
		t.Fatalf("unmute: %v", err)
	}
	acts, err := s.Actions(ctx, id)
	if err != nil || len(acts) != 2 || acts[0].Kind != store.ActionMute || acts[1].Kind != store.ActionUnmute {
		t.Errorf("mute actions = %+v, %v", acts, err)
	}
	due, err = s.ClaimDue(ctx, "news", at(5), time.Minute, 10)
	if err != nil || len(due) != 1 || due[0].Event != "new_claim" {
		t.Errorf("due after unmute = %v, %v; want the held new_claim", keys(due), err)
	}
	if err := s.SetMute(ctx, 999, "news", true, store.Action{At: at(1)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetMute(absent) error = %v, want ErrNotFound", err)
	}
}

func testSubscriptions(t *testing.T, s store.Store) {
	ctx := context.Background()
	ch := store.ChannelKey{Platform: "slack", Target: "C024BE91L"}
	sub, err := s.Subscribe(ctx, store.Subscription{Channel: ch, Language: "es",
		Filters: store.Filters{Sides: []string{"mx"}, Statuses: []string{"unconfirmed"}, MinImportance: 2}, By: "slack:U1", At: at(0)})
	if err != nil || sub.ID == 0 {
		t.Fatalf("Subscribe = %+v, %v", sub, err)
	}
	other := store.ChannelKey{Platform: "discord", Target: "80351110224678912"}
	if _, err := s.Subscribe(ctx, store.Subscription{Channel: other, By: "discord:9", At: at(1)}); err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	// Subscribing again replaces the filters.
	again, err := s.Subscribe(ctx, store.Subscription{Channel: ch, Filters: store.Filters{Keywords: []string{"armas"}}, By: "slack:U2", At: at(2)})
	if err != nil || again.ID != sub.ID {
		t.Fatalf("re-Subscribe = %+v, %v; want the same ID %d", again, err, sub.ID)
	}
	subs, err := s.Subscriptions(ctx)
	if err != nil {
		t.Fatalf("Subscriptions: %v", err)
	}
	if len(subs) != 2 || subs[0].Channel != ch || subs[1].Channel != other {
		t.Fatalf("subscriptions = %+v", subs)
	}
	if !slices.Equal(subs[0].Filters.Keywords, []string{"armas"}) || len(subs[0].Filters.Sides) != 0 || subs[0].By != "slack:U2" {
		t.Errorf("replaced subscription = %+v", subs[0])
	}
	sameTime(t, "subscription time", subs[0].At, at(2))
	if err := s.Unsubscribe(ctx, ch); err != nil {
		t.Fatalf("Unsubscribe: %v", err)
	}
	if err := s.Unsubscribe(ctx, ch); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Unsubscribe error = %v, want ErrNotFound", err)
	}
	if subs, _ := s.Subscriptions(ctx); len(subs) != 1 || subs[0].Channel != other {
		t.Errorf("subscriptions after unsubscribe = %+v", subs)
	}
}

func feedMsgs(n int, channel string) []store.OutboxMessage {
	out := make([]store.OutboxMessage, n)
	for i := range out {
		out[i] = store.OutboxMessage{Key: "feed:cbp:feed_down:" + string(rune('a'+i)) + ":" + channel, Channel: channel,
			Platform: "webhook", Target: "https://hooks.example/secret", Event: "feed_down", Feed: "cbp", CreatedAt: at(0)}
	}
	return out
}

func testOutboxLease(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Enqueue(ctx, append(feedMsgs(3, "news"), feedMsgs(1, "desk")...)); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	first, err := s.ClaimDue(ctx, "news", at(1), time.Minute, 2)
	if err != nil || len(first) != 2 {
		t.Fatalf("ClaimDue = %d messages, %v; want 2", len(first), err)
	}
	if first[0].ID >= first[1].ID || first[0].Target != "https://hooks.example/secret" || first[0].Feed != "cbp" {
		t.Errorf("leased = %+v", first)
	}
	second, err := s.ClaimDue(ctx, "news", at(1), time.Minute, 10)
	if err != nil || len(second) != 1 || second[0].ID == first[0].ID || second[0].ID == first[1].ID {
		t.Fatalf("second ClaimDue = %v, %v; want only the third message", keys(second), err)
	}
	if chs, err := s.DueChannels(ctx, at(1)); err != nil || !slices.Equal(chs, []string{"desk"}) {
		t.Errorf("DueChannels while news is leased = %v, %v; want [desk]", chs, err)
	}
	if more, _ := s.ClaimDue(ctx, "news", at(1), time.Minute, 10); len(more) != 0 {
		t.Errorf("leased messages returned again before the lease ended: %v", keys(more))
	}
	// Nothing due before next_attempt; after the lease, unsent messages come back.
	if due, _ := s.ClaimDue(ctx, "desk", at(-1), time.Minute, 10); len(due) != 0 {
		t.Errorf("message due before its next attempt: %v", keys(due))
	}
	if err := s.MarkSent(ctx, first[0].ID, "ts-1", at(1)); err != nil {
		t.Fatalf("MarkSent: %v", err)
	}
	if chs, err := s.DueChannels(ctx, at(1).Add(2*time.Minute)); err != nil || !slices.Equal(chs, []string{"desk", "news"}) {
		t.Errorf("DueChannels = %v, %v; want [desk news]", chs, err)
	}
	back, err := s.ClaimDue(ctx, "news", at(1).Add(2*time.Minute), time.Minute, 10)
	if err != nil || len(back) != 2 || back[0].ID != first[1].ID {
		t.Errorf("after the lease = %v, %v; want the two unsent ones", keys(back), err)
	}
	all, err := s.ClaimDue(ctx, "", at(1).Add(2*time.Minute), time.Minute, 10)
	if err != nil || len(all) != 1 || all[0].Channel != "desk" {
		t.Errorf("ClaimDue(any channel) = %v, %v", keys(all), err)
	}
	sent := outbox(t, s, store.OutboxQuery{State: store.OutboxSent})
	if len(sent) != 1 || sent[0].Receipt != "ts-1" {
		t.Errorf("sent = %+v", sent)
	}
	sameTime(t, "SentAt", sent[0].SentAt, at(1))
}

func testOutboxClaimOrder(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	c, u := its["c-1"], its["u-1"]
	id := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim", At: at(0),
		Outbox: msgs("new_claim", "news")}).Claim.ID
	save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Confirmed, false), Event: "confirmed", At: at(0),
		Outbox: msgs("confirmed", "news")})
	save(t, s, store.ClaimUpdate{Item: u, Decision: decisionOf(u, match.Pending, false), Event: "new_claim", At: at(0),
		Outbox: msgs("new_claim", "news")})
	due, err := s.ClaimDue(ctx, "news", at(1), time.Minute, 10)
	if err != nil {
		t.Fatalf("ClaimDue: %v", err)
	}
	// One message per claim: the confirmation waits for the heads-up.
	if len(due) != 2 || due[0].ClaimID != id || due[0].Event != "new_claim" || due[1].ClaimID == id {
		t.Fatalf("due = %v, want the two claims' first messages", keys(due))
	}
	// A failed first message holds back the claim's update.
	if err := s.MarkFailed(ctx, due[0].ID, "status 502", at(1).Add(time.Hour), false); err != nil {
		t.Fatalf("MarkFailed: %v", err)
	}
	if more, _ := s.ClaimDue(ctx, "news", at(1).Add(2*time.Minute), time.Minute, 10); len(more) != 1 || more[0].ClaimID == id {
		t.Errorf("due while the first message waits to retry = %v", keys(more))
	}
	if err := s.MarkFailed(ctx, due[0].ID, "status 410", at(2), true); err != nil {
		t.Fatalf("MarkFailed dead: %v", err)
	}
	next, err := s.ClaimDue(ctx, "news", at(3), time.Minute, 10)
	if err != nil || len(next) != 2 || next[0].ClaimID != id || next[0].Event != "confirmed" {
		t.Errorf("due after the first went dead = %v, %v; want the confirmation", keys(next), err)
	}
}

func testOutboxFailures(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Enqueue(ctx, feedMsgs(1, "news")); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	m, err := s.ClaimDue(ctx, "news", at(1), time.Minute, 1)
	if err != nil || len(m) != 1 {
		t.Fatalf("ClaimDue: %v, %v", m, err)
	}
	id := m[0].ID
	if err := s.MarkFailed(ctx, id, "status 503", at(2), false); err != nil {
		t.Fatalf("MarkFailed: %v", err)
	}
	if err := s.Postpone(ctx, id, at(3), "rate limited for 1h"); err != nil {
		t.Fatalf("Postpone: %v", err)
	}
	if err := s.Postpone(ctx, id, at(3), ""); err != nil {
		t.Fatalf("Postpone without note: %v", err)
	}
	got := outbox(t, s, store.OutboxQuery{})[0]
	if got.Attempts != 1 || got.State != store.OutboxPending || got.LastError != "rate limited for 1h" {
		t.Errorf("after a failure and a postponement: %+v", got)
	}
	sameTime(t, "NextAttempt", got.NextAttempt, at(3))
	if due, _ := s.ClaimDue(ctx, "news", at(2.5), time.Minute, 1); len(due) != 0 {
		t.Errorf("postponed message due early")
	}
	if err := s.MarkFailed(ctx, id, "status 410", at(4), true); err != nil {
		t.Fatalf("MarkFailed dead: %v", err)
	}
	dead := outbox(t, s, store.OutboxQuery{State: store.OutboxDead})
	if len(dead) != 1 || dead[0].Attempts != 2 || dead[0].LastError != "status 410" {
		t.Errorf("dead = %+v", dead)
	}
	if due, _ := s.ClaimDue(ctx, "", at(10), time.Minute, 10); len(due) != 0 {
		t.Errorf("dead message due again")
	}
	if err := s.MarkSent(ctx, 999, "x", at(1)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkSent(absent) error = %v, want ErrNotFound", err)
	}
	if err := s.MarkFailed(ctx, id, "again", at(5), false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkFailed(dead) error = %v, want ErrNotFound (a dead message stays dead)", err)
	}
}

func testEnqueueKeys(t *testing.T, s store.Store) {
	ctx := context.Background()
	n, err := s.Enqueue(ctx, feedMsgs(2, "news"))
	if err != nil || n != 2 {
		t.Fatalf("Enqueue = %d, %v", n, err)
	}
	n, err = s.Enqueue(ctx, feedMsgs(3, "news"))
	if err != nil || n != 1 {
		t.Errorf("Enqueue with two existing keys = %d, %v; want 1", n, err)
	}
	if _, err := s.Enqueue(ctx, []store.OutboxMessage{{Channel: "news", Event: "digest"}}); err == nil {
		t.Error("Enqueue without key succeeded")
	}
	if n := len(outbox(t, s, store.OutboxQuery{Channel: "news"})); n != 3 {
		t.Errorf("outbox has %d messages, want 3", n)
	}
	if got := outbox(t, s, store.OutboxQuery{Newest: true, Limit: 1}); len(got) != 1 || got[0].Key != feedMsgs(3, "news")[2].Key {
		t.Errorf("newest = %v", keys(got))
	}
}

func testThreadRef(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	c := its["c-1"]
	id := save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Pending, false), Event: "new_claim", At: at(0),
		Outbox: msgs("new_claim", "news", "desk")}).Claim.ID
	if ref, err := s.ThreadRef(ctx, id, "news"); err != nil || ref != "" {
		t.Errorf("ThreadRef before delivery = %q, %v", ref, err)
	}
	due, err := s.ClaimDue(ctx, "", at(1), time.Minute, 10)
	if err != nil || len(due) != 2 {
		t.Fatalf("ClaimDue: %v, %v", keys(due), err)
	}
	for _, m := range due {
		if err := s.MarkSent(ctx, m.ID, "ref-"+m.Channel, at(1)); err != nil {
			t.Fatalf("MarkSent: %v", err)
		}
	}
	save(t, s, store.ClaimUpdate{Item: c, Decision: decisionOf(c, match.Confirmed, false), Event: "confirmed", At: at(2),
		Outbox: msgs("confirmed", "news")})
	up, _ := s.ClaimDue(ctx, "news", at(3), time.Minute, 10)
	if len(up) != 1 {
		t.Fatalf("update due = %v", keys(up))
	}
	if err := s.MarkSent(ctx, up[0].ID, "reply-1", at(3)); err != nil {
		t.Fatalf("MarkSent: %v", err)
	}
	for ch, want := range map[string]string{"news": "ref-news", "desk": "ref-desk", "other": ""} {
		if ref, err := s.ThreadRef(ctx, id, ch); err != nil || ref != want {
			t.Errorf("ThreadRef(%s) = %q, %v; want %q", ch, ref, err, want)
		}
	}
}

func testSearchItems(t *testing.T, s store.Store) {
	ctx := context.Background()
	its := seed(t, s, claimItems()...)
	cases := []struct {
		name  string
		terms []string
		want  []string
	}{
		{"accent folded", []string{"trafico"}, []string{"c-1"}},
		{"both languages", []string{"tráfico", "trafficking"}, []string{"c-1", "u-1"}},
		{"prefix", []string{"acord"}, []string{"c-1"}},
		{"phrase", []string{"joint operation"}, []string{"u-1"}},
		{"phrase not adjacent", []string{"operation joint"}, nil},
		{"case", []string{"REYNOSA"}, []string{"c-1"}},
		{"quotes and stars are literal", []string{`"trade*`}, []string{"u-2"}},
		{"none", []string{"aranceles"}, nil},
		{"empty", []string{" ", `""`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.SearchItems(ctx, c.terms, 10)
			if err != nil {
				t.Fatalf("SearchItems(%q): %v", c.terms, err)
			}
			g := guids(got)
			slices.Sort(g)
			if !slices.Equal(g, c.want) {
				t.Errorf("SearchItems(%q) = %v, want %v", c.terms, g, c.want)
			}
		})
	}
	if got, err := s.SearchItems(ctx, []string{"trafficking", "trafico", "reunion", "statement"}, 2); err != nil || len(got) != 2 {
		t.Errorf("limit: %d items, %v", len(got), err)
	}
	// An edited item is found by its new words only.
	edited := its["u-2"]
	edited.Title = "Statement on tariffs"
	edited.Summary, edited.Content = "Tariffs.", "On tariffs."
	record(t, s, okPoll("state", at(1)), edited)
	if got, _ := s.SearchItems(ctx, []string{"tariffs"}, 10); len(got) != 1 || got[0].GUID != "u-2" {
		t.Errorf("edited item not found by its new title: %v", guids(got))
	}
	if got, _ := s.SearchItems(ctx, []string{"trade"}, 10); len(got) != 0 {
		t.Errorf("edited item still found by its old title: %v", guids(got))
	}
}
