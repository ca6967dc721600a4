package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// richClaim is a claim with every part show lays out: stated and missing
// commitments, a same-event item, a nearest unlinked one, a blind spot, a
// late confirmation, a resolution and actions.
func richClaim() (store.Claim, []store.Action) {
	claim := item("sre", "mx", "es", "sre-42", "SRE: México y EE.UU. acordaron aranceles cero al acero y combatir el tráfico de armas", day(-12))
	same := item("state", "us", "en", "state-7", "Joint statement on steel", day(-11.5))
	near := item("cbp", "us", "en", "cbp-3", "CBP seizes weapons at Nogales", day(-11))
	late := item("state", "us", "en", "state-9", "Update on arms trafficking cooperation", day(-2))
	units := []match.ExplainedUnit{
		{Action: match.CueAgree, Quote: "acordaron aranceles cero al acero", Objects: []string{"tariffs", "steel"}, Outcome: match.Stated,
			Evidence: "state “Joint statement on steel”", Sentence: "We agreed to zero tariffs on steel."},
		{Action: match.CueJoint, Quote: "combatir   el tráfico\nde armas", Objects: []string{"arms_trafficking"}, Places: []string{"nogales"},
			Outcome: match.Absent, Missing: []string{"arms_trafficking", "nogales"}},
	}
	d := decision(claim, match.Partial, true, units,
		candidate(same, true, "", "steel", "tariffs"),
		candidate(near, false, "no party of the claimant's side (unilateral)", "arms_trafficking"))
	d.Explanation.SameEvent[0].People = []string{"ana_rivera"}
	d.Explanation.SameEvent[0].Dates = []string{"2026-02-26"}
	d.Explanation.Labels["ana_rivera"] = match.Label{EN: "Ana Rivera", ES: "Ana Rivera"}
	d.Explanation.Outages = []match.FeedCoverage{{Feed: "cbp", Side: "us", Watched: 168 * time.Hour, Failing: 31 * time.Hour}}
	d.ConfirmedLate = true
	ref := match.RefOf(late)
	d.LateMatch = &ref
	d.Denied = true
	cl := store.Claim{ID: 42, Item: claim, Decision: d, Evidence: []match.Item{same, near, late},
		Resolution: &store.Resolution{Kind: store.ResolvedConfirmed, URL: "https://news.example/call", Note: "the embassy confirmed by phone",
			By: "slack:U1", At: now}}
	acts := []store.Action{
		{ClaimID: 42, Kind: store.ActionShow, Actor: "slack:U2", Channel: "slack:C1", At: day(-1)},
		{ClaimID: 42, Kind: store.ActionMute, Actor: "discord:99", Channel: "discord:123", At: day(-0.5)},
		{ClaimID: 42, Kind: store.ActionConfirm, Actor: "slack:U1", Channel: "newsroom", At: now},
	}
	return cl, acts
}

func TestClaimReplyGolden(t *testing.T) {
	cl, acts := richClaim()
	for _, lang := range []string{"en", "es"} {
		r := ClaimReply(cl, acts, lang)
		golden(t, "show-"+lang+".txt", PlainText(r))
		if lang == "en" {
			golden(t, "show.slack", SlackText(r, 0))
			golden(t, "show.discord", DiscordText(r, 0))
		}
		if r.Tone != ToneConfirmed {
			t.Errorf("tone of a claim confirmed by the newsroom: %q", r.Tone)
		}
		if strings.Contains(PlainText(r), "slack:U2 show") {
			t.Error("show lists reads (show actions) among the newsroom's actions")
		}
	}
}

func TestClaimReplyStatus(t *testing.T) {
	base, _ := richClaim()
	tests := []struct {
		name  string
		edit  func(c *store.Claim)
		label string
		tone  Tone
	}{
		{"pending", func(c *store.Claim) {
			c.Resolution, c.Decision.Status, c.Decision.Denied, c.Decision.ConfirmedLate = nil, match.Pending, false, false
		}, "PENDING", TonePending},
		{"unverified", func(c *store.Claim) {
			c.Resolution, c.Decision.Status, c.Decision.Abstain, c.Decision.Denied, c.Decision.ConfirmedLate = nil, match.Unconfirmed, match.Unverified, false, false
		}, "UNCONFIRMED (UNVERIFIED: blind spot)", ToneUnconfirmed},
		{"needs review", func(c *store.Claim) {
			c.Resolution, c.Decision.Abstain, c.Decision.Denied, c.Decision.ConfirmedLate = nil, match.NeedsReview, false, false
		}, "PARTIAL (NEEDS REVIEW)", TonePartial},
		{"denied and late", func(c *store.Claim) { c.Resolution = nil }, "PARTIAL · DENIED · CONFIRMED LATE", TonePartial},
		{"confirmed by the engine", func(c *store.Claim) {
			c.Resolution, c.Decision.Status, c.Decision.Denied, c.Decision.ConfirmedLate = nil, match.Confirmed, false, false
		}, "CONFIRMED", ToneConfirmed},
		{"dismissed", func(c *store.Claim) {
			c.Resolution = &store.Resolution{Kind: store.ResolvedDismissed, Reason: "a readout", By: "cli:ana", At: now}
		}, "DISMISSED", ToneDismissed},
	}
	for _, tt := range tests {
		c := base
		d := base.Decision
		c.Decision = d
		tt.edit(&c)
		r := ClaimReply(c, nil, "en")
		if want := "#42 " + tt.label + " — "; !strings.HasPrefix(r.Title, want) {
			t.Errorf("%s: title %q, want prefix %q", tt.name, r.Title, want)
		}
		if r.Tone != tt.tone {
			t.Errorf("%s: tone %q, want %q", tt.name, r.Tone, tt.tone)
		}
	}
}
