package alert_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
)

// TestLifecycleEndToEnd runs the stories through the real poller, store,
// engine, outbox and two sinks on a fake clock: the baseline is not
// alerted, new claims are announced, a confirmation threads under its
// claim's first message, and the deadline raises the gap alert, in both
// newsroom languages and filtered per channel.
func TestLifecycleEndToEnd(t *testing.T) {
	var console bytes.Buffer
	gaps := &recorder{}
	desk := &recorder{}
	h := newHarness(t, harnessOptions{
		routes: []alert.Route{
			consoleRoute("console"),
			{Channel: alert.Channel{Name: "desk", Platform: "test"}},
			{Channel: alert.Channel{Name: "gaps", Platform: "test"}, Language: "es",
				Filters: store.Filters{Sides: []string{"mx"}, Statuses: []string{"partial", "unconfirmed", "unverified"}}},
		},
		sinks: map[string]alert.Sink{"console": alert.NewConsoleSink(&console), "desk": desk, "gaps": gaps},
	})
	steps := []struct {
		name  string
		do    func()
		desk  []string
		gaps  []string
		total int
	}{
		{"baseline is never alerted", func() { h.pollAt(-24) }, nil, nil, 0},
		{"new claims", func() { h.pollAt(2) },
			[]string{"new_claim:sre-arms", "new_claim:sre-water"}, nil, 4},
		{"nothing before the deadline", func() { h.tickAt(100) }, nil, nil, 4},
		{"confirmation threads under the claim", func() { h.pollAt(21) },
			// One message per claim at a time: the readout's own
			// confirmation waits for its heads-up, the claim's does not.
			[]string{"new_claim:state-readout", "confirmed:sre-arms^ref-", "confirmed:state-readout^ref-"}, nil, 10},
		{"deadline: the gap alert, confirmed claims stay quiet", func() { h.tickAt(170) },
			[]string{"final:sre-water^ref-"}, []string{"final:sre-water"}, 13},
		{"a second tick changes nothing", func() { h.tickAt(171) }, nil, nil, 13},
	}
	seenDesk, seenGaps := 0, 0
	for _, s := range steps {
		s.do()
		h.flush()
		got := summary(desk.sent()[seenDesk:])
		seenDesk = len(desk.sent())
		if !sameRefs(got, s.desk) {
			t.Errorf("%s: desk got %v, want %v", s.name, got, s.desk)
		}
		got = summary(gaps.sent()[seenGaps:])
		seenGaps = len(gaps.sent())
		if !sameRefs(got, s.gaps) {
			t.Errorf("%s: gaps got %v, want %v", s.name, got, s.gaps)
		}
		if n := len(h.outbox(store.OutboxQuery{State: store.OutboxSent})); n != s.total {
			t.Errorf("%s: %d messages sent in all, want %d", s.name, n, s.total)
		}
	}
	if n := len(h.outbox(store.OutboxQuery{State: store.OutboxPending})); n != 0 {
		t.Errorf("%d messages left pending", n)
	}
	// The confirmation replies in the thread of the claim's first message.
	var first, conf alert.Message
	for _, m := range desk.sent() {
		if m.Claim != nil && m.Claim.Item.GUID == "sre-arms" {
			switch m.Event {
			case alert.EventNewClaim:
				first = m
			case alert.EventConfirmed:
				conf = m
			}
		}
	}
	if conf.ThreadRef == "" || conf.ThreadRef != "ref-"+itoa(first.OutboxID) {
		t.Errorf("confirmation thread ref = %q, want the first message's receipt ref-%d", conf.ThreadRef, first.OutboxID)
	}
	if conf.Claim == nil || conf.Claim.Decision.Status.String() != "confirmed" || len(conf.Claim.Evidence) == 0 {
		t.Errorf("confirmation carries claim %+v", conf.Claim)
	}
	if first.Claim == nil || first.Claim.Decision.Status.String() != "pending" {
		t.Errorf("the first message carries the decision at its event, got %v", first.Claim.Decision.Status)
	}
	// The Spanish channel reads Spanish.
	if g := gaps.sent(); len(g) != 1 || !strings.Contains(g[0].Text, "VENCIÓ EL PLAZO") || g[0].Language != "es" {
		t.Errorf("gaps channel message = %+v", g)
	}
	// The console prints the same lifecycle as plain text, updates marked
	// as replies to the claim's first message.
	out := console.String()
	for _, want := range []string{
		"── #console · new_claim · claim 1\n   NEW CLAIM — sre says: “México y Estados Unidos acuerdan inspecciones",
		"Watching us for a confirmation until 2026-03-09 12:00 UTC.",
		"── #console · confirmed · claim 1 · in thread console-1\n   CONFIRMED — sre says",
		"Confirmed by state https://press.example/state/state-readout",
		"── #console · final · claim 2 · in thread console-3\n   DEADLINE PASSED — sre says: “Acuerdo sobre entregas de agua”",
		"UNCONFIRMED — sre published 2026-03-02 13:00 UTC",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sre-old") || strings.Contains(out, "aduanas") {
		t.Errorf("the baseline was alerted:\n%s", out)
	}
}

// sameRefs compares summaries, a trailing "ref-" in want standing for any
// receipt.
func sameRefs(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if strings.HasSuffix(want[i], "^ref-") {
			if !strings.HasPrefix(got[i], want[i]) {
				return false
			}
			continue
		}
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRestartSendsNothingTwice stops the pipeline half way through the
// stories, starts a new one on the same database (Restore), and finishes:
// every message is sent once, and the restart itself enqueues nothing.
func TestRestartSendsNothingTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapwatch.db")
	rec := &recorder{}
	opts := harnessOptions{path: path, routes: []alert.Route{{Channel: alert.Channel{Name: "desk", Platform: "test"}}},
		sinks: map[string]alert.Sink{"desk": rec}}
	h := newHarness(t, opts)
	h.pollAt(-24)
	h.pollAt(2)
	h.pollAt(21)
	h.flush()
	before := len(h.outbox(store.OutboxQuery{}))
	h.st.Close()

	h2 := newHarness(t, opts) // restores from the stored items
	h2.clock.Set(at(22))
	if err := h2.pipe.Restore(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := len(h2.outbox(store.OutboxQuery{})); after != before {
		t.Errorf("restart enqueued %d messages, want none", after-before)
	}
	h2.pollAt(22)
	h2.tickAt(170)
	h2.flush()
	keys := map[string]int{}
	for _, m := range rec.sent() {
		keys[m.Key]++
	}
	for k, n := range keys {
		if n != 1 {
			t.Errorf("%s delivered %d times", k, n)
		}
	}
	if got := summary(rec.sent()); !slices.Contains(got, "final:sre-water^ref-"+itoa(firstID(rec.sent(), "sre-water"))) {
		t.Errorf("after the restart the deadline alert was not sent in the claim's thread: %v", got)
	}
}

func firstID(ms []alert.Message, guid string) int64 {
	for _, m := range ms {
		if m.Claim != nil && m.Claim.Item.GUID == guid {
			return m.OutboxID
		}
	}
	return 0
}

// TestMutedClaimStaysQuiet: a claim muted in one channel gets no update
// there, and still does elsewhere.
func TestMutedClaimStaysQuiet(t *testing.T) {
	a, b := &recorder{}, &recorder{}
	h := newHarness(t, harnessOptions{
		routes: []alert.Route{{Channel: alert.Channel{Name: "a", Platform: "test"}}, {Channel: alert.Channel{Name: "b", Platform: "test"}}},
		sinks:  map[string]alert.Sink{"a": a, "b": b},
	})
	h.pollAt(-24)
	h.pollAt(2)
	h.flush()
	ctx := context.Background()
	c, err := h.st.Claims(ctx, store.ClaimQuery{Terms: []string{"agua"}})
	if err != nil || len(c) != 1 {
		t.Fatalf("water claim: %v %v", c, err)
	}
	if err := h.st.SetMute(ctx, c[0].ID, "a", true, store.Action{Actor: "cli:test", Channel: "a", At: at(3)}); err != nil {
		t.Fatal(err)
	}
	h.tickAt(170)
	h.flush()
	has := func(r *recorder) bool {
		return slices.Contains(summary(r.sent()), "final:sre-water^ref-"+itoa(firstID(r.sent(), "sre-water")))
	}
	if has(a) {
		t.Error("muted channel got the claim's update")
	}
	if !has(b) {
		t.Errorf("other channel missed the update: %v", summary(b.sent()))
	}
}

// TestWithdrawnClaim: a claim whose page the publisher removed is reported
// withdrawn once, in its thread; a closed window is not checked.
func TestWithdrawnClaim(t *testing.T) {
	var mu sync.Mutex
	gone := map[string]bool{}
	checked := map[string]int{}
	rec := &recorder{}
	h := newHarness(t, harnessOptions{
		routes: []alert.Route{{Channel: alert.Channel{Name: "desk", Platform: "test"}}},
		sinks:  map[string]alert.Sink{"desk": rec},
		checkGone: func(ctx context.Context, link string) (bool, error) {
			mu.Lock()
			defer mu.Unlock()
			checked[link]++
			return gone[link], nil
		},
	})
	h.pollAt(-24)
	h.pollAt(2)
	h.tickAt(3)
	h.flush()
	if n := len(rec.sent()); n != 2 {
		t.Fatalf("%d messages before the withdrawal, want the 2 new claims", n)
	}
	mu.Lock()
	gone["https://press.example/sre/sre-water"] = true
	mu.Unlock()
	h.tickAt(3.5) // checked at most hourly: nothing yet
	h.tickAt(4)
	h.tickAt(6)
	h.flush()
	got := summary(rec.sent()[2:])
	if want := "withdrawn:sre-water^ref-" + itoa(firstID(rec.sent(), "sre-water")); !slices.Equal(got, []string{want}) {
		t.Errorf("after the page went: %v, want [%s]", got, want)
	}
	mu.Lock()
	if n := checked["https://press.example/sre/sre-water"]; n != 2 {
		t.Errorf("page checked %d times in 3h, want 2 (hourly, and not after the withdrawal)", n)
	}
	mu.Unlock()
	h.tickAt(200)
	mu.Lock()
	before := checked["https://press.example/sre/sre-arms"]
	mu.Unlock()
	h.tickAt(202)
	mu.Lock()
	defer mu.Unlock()
	if checked["https://press.example/sre/sre-arms"] != before {
		t.Error("a claim whose window closed is still checked")
	}
}

// TestActionMessages: a newsroom confirmation is announced, in its thread,
// to every channel that was told about the claim, written with the
// resolution in one transaction; a mute announces nothing.
func TestActionMessages(t *testing.T) {
	a, b, c := &recorder{}, &recorder{}, &recorder{}
	h := newHarness(t, harnessOptions{
		routes: []alert.Route{
			{Channel: alert.Channel{Name: "a", Platform: "test"}},
			{Channel: alert.Channel{Name: "b", Platform: "test"}, Language: "es"},
			{Channel: alert.Channel{Name: "c", Platform: "test"}, Filters: store.Filters{Sides: []string{"us"}}},
		},
		sinks: map[string]alert.Sink{"a": a, "b": b, "c": c},
	})
	h.pollAt(-24)
	h.pollAt(2)
	h.flush()
	ctx := context.Background()
	cl, err := h.st.Claims(ctx, store.ClaimQuery{Terms: []string{"agua"}})
	if err != nil || len(cl) != 1 {
		t.Fatalf("water claim: %v %v", cl, err)
	}
	claim := cl[0]
	act := store.Action{ClaimID: claim.ID, Kind: store.ActionConfirm, Actor: "slack:U1", At: at(3),
		Args: map[string]string{"url": "https://news.example/call"}}
	claim.Resolution = &store.Resolution{Kind: store.ResolvedConfirmed, URL: "https://news.example/call", By: "slack:U1", At: at(3)}
	msgs, err := h.pipe.ActionMessages(ctx, claim, act)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.Resolve(ctx, claim.ID, *claim.Resolution, act, msgs); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(at(3))
	h.flush()
	want := "resolved:sre-water^ref-"
	for name, r := range map[string]*recorder{"a": a, "b": b} {
		got := summary(r.sent())
		if len(got) != 3 || !strings.HasPrefix(got[2], want+itoa(firstID(r.sent(), "sre-water"))) {
			t.Errorf("channel %s: %v, want the resolution in the claim's thread", name, got)
		}
	}
	if len(c.sent()) != 0 {
		t.Errorf("channel never told about the claim got %v", summary(c.sent()))
	}
	if bs := b.sent(); len(bs) < 3 {
		t.Fatalf("Spanish channel got %v", summary(bs))
	}
	if last := b.sent()[2]; !strings.Contains(last.Text, "CONFIRMADO POR LA REDACCIÓN") || last.Claim.Resolution == nil {
		t.Errorf("Spanish channel's resolution message: %q", last.Text)
	}
	mute := store.Action{ClaimID: claim.ID, Kind: store.ActionMute, Actor: "slack:U1", At: at(4)}
	if msgs, err := h.pipe.ActionMessages(ctx, claim, mute); err != nil || len(msgs) != 0 {
		t.Errorf("mute messages = %v, %v; want none", msgs, err)
	}
}

// TestRevisedClaim: an edit of a claim's release is an update in its
// thread, once per revision; an edit that makes an item a claim is only a
// new claim.
func TestRevisedClaim(t *testing.T) {
	rec := &recorder{}
	h := newHarness(t, harnessOptions{routes: []alert.Route{{Channel: alert.Channel{Name: "desk", Platform: "test"}}},
		sinks: map[string]alert.Sink{"desk": rec}})
	h.pollAt(-24)
	h.pollAt(2)
	h.flush()
	h.feeds.edit("sre-water", "Acuerdo sobre entregas de agua (actualizado)",
		"El gobierno de México y el gobierno de Estados Unidos acordaron ampliar las entregas de agua del río Bravo durante el verano y el otoño.")
	h.pollAt(5)
	h.pollAt(6) // unchanged: nothing more
	h.flush()
	got := summary(rec.sent()[2:])
	if want := "revised:sre-water^ref-" + itoa(firstID(rec.sent(), "sre-water")); !slices.Equal(got, []string{want}) {
		t.Fatalf("after the edit: %v, want [%s]", got, want)
	}
	// The consular notice becomes a claim when edited: a new claim only.
	h.feeds.edit("sre-consular", "Acuerdo sobre el consulado en Tucson",
		"México y Estados Unidos acordaron ampliar el horario del puerto fronterizo de Nogales para el tráfico de carga.")
	h.pollAt(7)
	h.flush()
	if got := summary(rec.sent()[3:]); !slices.Equal(got, []string{"new_claim:sre-consular"}) {
		t.Errorf("after an edit into a claim: %v, want only the new claim", got)
	}
	if m := rec.sent()[2]; !strings.Contains(m.Text, "EDITED") || !strings.Contains(m.Text, "(revision 1)") ||
		m.Claim.Item.Title != "Acuerdo sobre entregas de agua (actualizado)" {
		t.Errorf("revision message: %q, item %q", m.Text, m.Claim.Item.Title)
	}
}
