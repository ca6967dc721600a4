// Package alerttest helps test alert sinks (console, webhook, Slack,
// Discord): a recording sink, sample messages for every event, including
// one whose untrusted text tries mentions and link markup, and a check that
// no secret reached an output.
package alerttest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Recorder is a sink that records what it is sent. Fail, when set, decides
// an error for the n-th call (1-based); the message is recorded only when
// it returns nil.
type Recorder struct {
	Fail func(m alert.Message, n int) error

	mu   sync.Mutex
	n    int
	msgs []alert.Message
}

// Send records m, or returns Fail's error.
func (r *Recorder) Send(ctx context.Context, m alert.Message) (alert.Receipt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if r.Fail != nil {
		if err := r.Fail(m, r.n); err != nil {
			return alert.Receipt{}, err
		}
	}
	r.msgs = append(r.msgs, m)
	return alert.Receipt{Ref: fmt.Sprintf("rec-%d", m.OutboxID)}, nil
}

// Messages returns the recorded messages.
func (r *Recorder) Messages() []alert.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]alert.Message(nil), r.msgs...)
}

// Calls returns how many times Send was called.
func (r *Recorder) Calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// Hostile is untrusted text that tries every markup a chat platform might
// obey: mass mentions, user, role and channel mentions, links and HTML.
const Hostile = "<!channel> <!here> <!everyone> @everyone @here <@U024BE7LH> <@&123456> <#C024BE91L> " +
	"<https://evil.example|click> [click](https://evil.example) <b>bold</b> & *bold* _it_ ~strike~ `code`"

// Published is the sample claim's publication time.
var Published = time.Date(2026, 2, 12, 20, 15, 0, 0, time.UTC)

// Message returns a complete sample message of event ("new_claim",
// "confirmed", "final", ... or "feed_down"/"feed_recovered") to channel:
// a claim with its evidence item, decision, explanation and thread ref.
// With hostile set, every untrusted text field (titles, quotes, notes,
// feed errors) carries Hostile.
func Message(event string, channel alert.Channel, hostile bool) alert.Message {
	text := func(s string) string {
		if hostile {
			return s + " " + Hostile
		}
		return s
	}
	m := alert.Message{OutboxID: 42, Key: store.ClaimKey(7, event, channel.Name), Channel: channel, Event: event,
		Language: "en", At: Published.Add(time.Hour)}
	if event == alert.EventFeedDown || event == alert.EventFeedRecovered {
		m.Key = "feed:cbp:" + event + ":1:" + channel.Name
		m.Feed = &alert.FeedHealth{Feed: store.FeedState{Feed: store.Feed{Name: "cbp", Side: "us"}, ErrorCount: 12,
			LastError: text("status 503"), LastErrorClass: "status"}, Down: event == alert.EventFeedDown,
			Since: Published, Reason: text("failing for 4h: status 503")}
		m.Text = text("FEED DOWN — cbp (us)")
		return m
	}
	claim := match.Item{ID: 11, Feed: "sre", Side: "mx", GUID: "c-7", Language: "es", Published: Published,
		Title: text("Canciller se reúne con el secretario de Estado; acuerdan operativo contra el tráfico de armas"),
		Link:  "https://sre.example/prensa/c-7"}
	other := match.Item{ID: 12, Feed: "state", Side: "us", GUID: "u-3", Language: "en", Published: Published.Add(3 * time.Hour),
		Title: text("Secretary's Meeting with Mexican Foreign Secretary"), Link: "https://state.example/u-3"}
	ref := match.RefOf(other)
	status := map[string]match.Status{alert.EventNewClaim: match.Pending, alert.EventConfirmed: match.Confirmed,
		alert.EventConfirmedLate: match.Unconfirmed, alert.EventFinal: match.Partial, alert.EventUnverified: match.Unconfirmed}[event]
	d := match.Decision{Feed: claim.Feed, GUID: claim.GUID, Title: claim.Title, Side: "mx", Published: Published,
		Status: status, Final: status != match.Pending && status != match.Confirmed, Deadline: Published.Add(168 * time.Hour),
		Matches: []match.Ref{ref},
		Units: []match.UnitResult{{Unit: match.Unit{Action: "joint", Objects: []string{"arms_trafficking"},
			Places: []string{"nogales_crossing"}, Text: text("Acordaron un operativo conjunto contra el tráfico de armas en Nogales.")},
			Outcome: match.Absent, Missing: []string{"arms_trafficking", "nogales_crossing"}}},
		Considered: []match.CandidateScore{{Ref: ref, Title: other.Title, Published: other.Published, Score: 9, SameEvent: true}},
	}
	if event == alert.EventUnverified {
		d.Abstain = match.Unverified
	}
	if event == alert.EventConfirmedLate {
		d.ConfirmedLate, d.LateMatch = true, &ref
	}
	d.Explanation = match.Explanation{Status: d.Status, Abstain: d.Abstain, ClaimFeed: "sre", ClaimTitle: claim.Title,
		ClaimLink: claim.Link, Published: Published, WindowFrom: Published.Add(-48 * time.Hour), WindowTo: d.Deadline,
		Units:     []match.ExplainedUnit{{Action: "joint", Quote: d.Units[0].Unit.Text, Objects: []string{"arms_trafficking"}, Outcome: match.Absent}},
		SameEvent: d.Considered}
	c := &store.Claim{ID: 7, Item: claim, Decision: d, LastEvent: event, Created: Published, Updated: m.At,
		Evidence: []match.Item{other}}
	if event == alert.EventResolved {
		c.Resolution = &store.Resolution{Kind: store.ResolvedConfirmed, URL: "https://news.example/call",
			Note: text("confirmed by phone"), By: "slack:U1", At: m.At}
	}
	m.Claim = c
	if event != alert.EventNewClaim {
		m.ThreadRef = "1700000000.000100"
	}
	m.Text = text(strings.ToUpper(strings.ReplaceAll(event, "_", " ")) + " — sre says: “" + claim.Title + "”")
	return m
}

// Events lists every event kind a sink must render.
var Events = []string{alert.EventNewClaim, alert.EventConfirmed, alert.EventFinal, alert.EventConfirmedLate,
	alert.EventUnverified, alert.EventRevised, alert.EventWithdrawn, alert.EventResolved,
	alert.EventFeedDown, alert.EventFeedRecovered}

// AssertNoSecretLeak fails t for every output (named) that contains one of
// secrets, as is or URL-escaped.
func AssertNoSecretLeak(t testing.TB, secrets []string, outputs map[string]string) {
	t.Helper()
	for name, out := range outputs {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			if strings.Contains(out, s) {
				t.Errorf("%s shows a secret (%d characters starting %q)", name, len(s), s[:min(3, len(s))])
			}
		}
	}
}
