package alert_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

func TestMatchClaim(t *testing.T) {
	it := match.Item{Feed: "sre", Side: "mx", Title: "Acuerdo contra el TRÁFICO de armas", Content: "Operativo en Nogales."}
	unit := func(mod match.Modality, objects ...string) match.UnitResult {
		return match.UnitResult{Unit: match.Unit{Modality: mod, Objects: objects}}
	}
	unconfirmed := match.Decision{Status: match.Unconfirmed, Units: []match.UnitResult{unit(match.ModalityStated, "arms_trafficking")}}
	pending := match.Decision{Status: match.Pending, Units: unconfirmed.Units}
	unverified := match.Decision{Status: match.Unconfirmed, Abstain: match.Unverified, Units: unconfirmed.Units}
	hedged := match.Decision{Status: match.Unconfirmed, Units: []match.UnitResult{unit(match.ModalityHedged, "water_deliveries")}}
	denied := match.Decision{Status: match.Partial, Denied: true, Units: unconfirmed.Units}
	cases := []struct {
		name string
		f    store.Filters
		d    match.Decision
		want bool
	}{
		{"no filter", store.Filters{}, pending, true},
		{"side matches", store.Filters{Sides: []string{"us", "mx"}}, pending, true},
		{"side differs", store.Filters{Sides: []string{"us"}}, pending, false},
		{"feed differs", store.Filters{Feeds: []string{"state"}}, pending, false},
		{"status matches", store.Filters{Statuses: []string{"unconfirmed"}}, unconfirmed, true},
		{"status not yet", store.Filters{Statuses: []string{"unconfirmed"}}, pending, false},
		{"abstention by name", store.Filters{Statuses: []string{"unverified"}}, unverified, true},
		{"abstention keeps its verdict too", store.Filters{Statuses: []string{"unconfirmed"}}, unverified, true},
		{"concept", store.Filters{Concepts: []string{"arms_trafficking"}}, pending, true},
		{"other concept", store.Filters{Concepts: []string{"water_deliveries"}}, pending, false},
		{"keyword folded", store.Filters{Keywords: []string{"trafico"}}, pending, true},
		{"keyword in body", store.Filters{Keywords: []string{"nogales"}}, pending, true},
		{"keyword absent", store.Filters{Keywords: []string{"agua"}}, pending, false},
		{"importance normal", store.Filters{MinImportance: 2}, unconfirmed, true},
		{"importance high needed", store.Filters{MinImportance: 3}, unconfirmed, false},
		{"denial is high", store.Filters{MinImportance: 3}, denied, true},
		{"hedged is low", store.Filters{MinImportance: 2}, hedged, false},
		{"all must hold", store.Filters{Sides: []string{"mx"}, Statuses: []string{"partial"}}, unconfirmed, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := alert.MatchClaim(c.f, it, c.d); got != c.want {
				t.Errorf("MatchClaim(%+v) = %v, want %v", c.f, got, c.want)
			}
		})
	}
}

func TestMatchFeed(t *testing.T) {
	cases := []struct {
		sides []string
		side  string
		want  bool
	}{
		{nil, "us", true},
		{[]string{"mx"}, "us", true}, // us feeds confirm mx claims
		{[]string{"mx"}, "mx", true},
		{[]string{"mx"}, "ca", false},
	}
	for _, c := range cases {
		if got := alert.MatchFeed(store.Filters{Sides: c.sides, Statuses: []string{"partial"}}, c.side); got != c.want {
			t.Errorf("MatchFeed(%v, %s) = %v, want %v", c.sides, c.side, got, c.want)
		}
	}
}

// TestRouterAddsSubscriptions: a subscription made from chat is a route
// at once; one that duplicates a configured destination is not doubled.
func TestRouterAddsSubscriptions(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := alert.Router{Static: []alert.Route{
		{Channel: alert.Channel{Name: "desk", Platform: "slack", Target: "C1"}},
	}, Store: st}
	for _, ch := range []store.ChannelKey{{Platform: "discord", Target: "99"}, {Platform: "slack", Target: "C1"}} {
		if _, err := st.Subscribe(ctx, store.Subscription{Channel: ch, Filters: store.Filters{Sides: []string{"mx"}}, At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	routes, err := r.Routes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, rt := range routes {
		names = append(names, rt.Channel.Name)
	}
	if !slices.Equal(names, []string{"desk", "discord:99"}) {
		t.Errorf("routes = %v, want [desk discord:99]", names)
	}
	if routes[1].Filters.Sides[0] != "mx" || routes[1].Channel.Target != "99" {
		t.Errorf("subscription route = %+v", routes[1])
	}
}

// TestFeedHealth: a feed failing for longer than FeedDownAfter raises one
// feed_down per outage to the channels that follow its side, even across a
// restart, and feed_recovered when it works again.
func TestFeedHealth(t *testing.T) {
	all, mxOnly, caOnly := &recorder{}, &recorder{}, &recorder{}
	h := newHarness(t, harnessOptions{
		routes: []alert.Route{
			{Channel: alert.Channel{Name: "all", Platform: "test"}},
			{Channel: alert.Channel{Name: "mx", Platform: "test"}, Filters: store.Filters{Sides: []string{"mx"}}},
			{Channel: alert.Channel{Name: "ca", Platform: "test"}, Filters: store.Filters{Sides: []string{"ca"}}},
		},
		sinks: map[string]alert.Sink{"all": all, "mx": mxOnly, "ca": caOnly},
	})
	h.pollAt(-24)
	h.pollAt(2)
	h.flush()
	base := len(all.sent())
	h.feeds.fail("state", true)
	for hr := 3.0; hr <= 4.5; hr += 0.5 {
		h.pollAt(hr)
		h.tickAt(hr)
	}
	h.flush()
	if n := len(all.sent()) - base; n != 0 {
		t.Fatalf("feed failing 1.5h already alerted (%d messages)", n)
	}
	for hr := 5.0; hr <= 7; hr += 0.5 {
		h.pollAt(hr)
		h.tickAt(hr)
	}
	h.flush()
	down := summary(all.sent()[base:])
	if !slices.Equal(down, []string{"feed_down:state"}) {
		t.Fatalf("after 4h failing: %v, want one feed_down", down)
	}
	if got := summary(mxOnly.sent()); !slices.Contains(got, "feed_down:state") {
		t.Errorf("channel following mx claims missed the us feed's outage: %v", got)
	}
	if len(caOnly.sent()) != 0 {
		t.Errorf("unrelated channel alerted: %v", summary(caOnly.sent()))
	}
	m := all.sent()[base]
	if !m.Feed.Down || !m.Feed.Since.Equal(at(3)) || m.Feed.Feed.Name != "state" {
		t.Errorf("feed_down view = %+v", m.Feed)
	}
	// A restart re-detects the same outage: nothing new is enqueued.
	before := len(h.outbox(store.OutboxQuery{}))
	p2, err := alert.NewPipeline(alert.Options{Engine: mustEngine(t), Store: h.st, Router: alert.Router{Static: []alert.Route{
		{Channel: alert.Channel{Name: "all", Platform: "test"}}}}, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := p2.Restore(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := p2.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := len(h.outbox(store.OutboxQuery{})); after != before {
		t.Errorf("restart re-raised the outage: %d new messages", after-before)
	}
	h.feeds.fail("state", false)
	// The poller's backoff decides when it tries again; by 12h it has.
	for hr := 8.0; hr <= 12; hr++ {
		h.pollAt(hr)
	}
	// The restarted pipeline remembers the outage and announces the end.
	if err := p2.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.flush()
	if got := summary(all.sent()[base:]); !slices.Equal(got, []string{"feed_down:state", "feed_recovered:state"}) {
		t.Errorf("after recovery: %v", got)
	}
}

func mustEngine(t testing.TB) *match.Engine {
	t.Helper()
	e, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestBlindSpot: when the other side's feed failed for much of a claim's
// window, the deadline message says unverified instead of alerting a gap.
func TestBlindSpot(t *testing.T) {
	rec := &recorder{}
	h := newHarness(t, harnessOptions{routes: []alert.Route{{Channel: alert.Channel{Name: "desk", Platform: "test"}}},
		sinks: map[string]alert.Sink{"desk": rec}})
	h.pollAt(-24)
	h.pollAt(2)
	h.feeds.fail("state", true)
	for hr := 3.0; hr < 100; hr += 6 {
		h.pollAt(hr)
	}
	h.feeds.fail("state", false)
	h.pollAt(100)
	h.tickAt(170)
	h.flush()
	var final alert.Message
	for _, m := range rec.sent() {
		if m.Claim != nil && m.Claim.Item.GUID == "sre-water" && m.Event != alert.EventNewClaim {
			final = m
		}
	}
	if final.Event != alert.EventUnverified || final.Claim.Decision.Abstain != match.Unverified {
		t.Fatalf("deadline message = %s (%v), want unverified", final.Event, final.Claim)
	}
	if len(final.Claim.Decision.Explanation.Outages) == 0 || final.Claim.Decision.Explanation.Outages[0].Feed != "state" {
		t.Errorf("explanation names no outage: %+v", final.Claim.Decision.Explanation.Outages)
	}
	if f := final.Claim.Decision.Explanation.Outages[0]; f.Failing < 90*time.Hour {
		t.Errorf("failing time = %s, want about 97h", f.Failing)
	}
}
