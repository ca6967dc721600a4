package alert

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("mismatch with %s\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestRenderGolden renders the pipeline's own messages (those that do not
// embed the engine's explanation) in both languages.
func TestRenderGolden(t *testing.T) {
	pub := time.Date(2026, 5, 4, 16, 30, 0, 0, time.UTC)
	it := match.Item{ID: 9, Feed: "sre", Side: "mx", GUID: "c-9", Title: "México y Estados Unidos acuerdan un\n  grupo binacional sobre aduanas",
		Link: "https://sre.example/c-9", Published: pub, Revision: 2}
	d := match.Decision{Feed: "sre", GUID: "c-9", Side: "mx", Published: pub, Deadline: pub.Add(168 * time.Hour), Status: match.Unconfirmed,
		Final: true, Abstain: match.Unverified,
		Units: []match.UnitResult{{Unit: match.Unit{Text: "Ambos gobiernos acordaron instalar un grupo de trabajo binacional sobre aduanas en Tijuana."}}}}
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	feed := store.FeedState{Feed: store.Feed{Name: "cbp", Side: "us"}}
	var b strings.Builder
	for _, lang := range []string{"en", "es"} {
		for _, c := range []claimText{
			{Event: EventNewClaim, Item: it, Decision: d, Other: "United States"},
			{Event: EventRevised, Item: it, Decision: d},
			{Event: EventWithdrawn, Item: it, Decision: d},
			{Event: EventResolved, Item: it, Decision: d, Resolution: &store.Resolution{Kind: store.ResolvedConfirmed,
				URL: "https://news.example/call", Note: "embassy confirmed\nby phone", By: "slack:U1"}},
			{Event: EventResolved, Item: it, Decision: d, Resolution: &store.Resolution{Kind: store.ResolvedDismissed,
				Reason: "a readout, not a claim", By: "discord:42"}},
		} {
			b.WriteString("[" + lang + " " + c.Event + "]\n" + renderClaim(c, lang, loc) + "\n\n")
		}
		b.WriteString("[" + lang + " feed_down]\n" + renderFeed(FeedHealth{Feed: feed, Down: true, Since: pub,
			Reason: "failing for 4h0m0s (12 polls): status 503"}, lang, loc) + "\n\n")
		b.WriteString("[" + lang + " feed_recovered]\n" + renderFeed(FeedHealth{Feed: feed, Since: pub}, lang, nil) + "\n\n")
	}
	golden(t, "render.golden", b.String())
}

// TestRenderExplainedEvents checks the parts the pipeline adds around the
// engine's explanation: the head, the link and the counterpart's link.
func TestRenderExplainedEvents(t *testing.T) {
	pub := time.Date(2026, 5, 4, 16, 30, 0, 0, time.UTC)
	it := match.Item{Feed: "sre", Side: "mx", GUID: "c-9", Title: "Acuerdo", Link: "https://sre.example/c-9", Published: pub}
	u := match.Ref{Feed: "state", GUID: "u-1"}
	d := match.Decision{Feed: "sre", GUID: "c-9", Status: match.Confirmed, Matches: []match.Ref{u},
		Considered: []match.CandidateScore{{Ref: u, SameEvent: true}}, LateMatch: &u}
	links := map[match.Ref]string{u: "https://state.example/u-1"}
	cases := []struct {
		event, lang string
		want        []string
	}{
		{EventConfirmed, "en", []string{"CONFIRMED — sre says: “Acuerdo”", "Confirmed by state https://state.example/u-1"}},
		{EventConfirmed, "es", []string{"CONFIRMADO — sre afirma: “Acuerdo”", "Confirmado por state https://state.example/u-1"}},
		{EventConfirmedLate, "en", []string{"CONFIRMED LATE", "Confirmed after the deadline by state https://state.example/u-1"}},
		{EventFinal, "es", []string{"VENCIÓ EL PLAZO — sre afirma", "Enlace (state): https://state.example/u-1"}},
		{EventUnverified, "en", []string{"UNVERIFIED — sre says", "Link: https://sre.example/c-9"}},
	}
	for _, c := range cases {
		got := renderClaim(claimText{Event: c.event, Item: it, Decision: d, Links: links}, c.lang, time.UTC)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s/%s lacks %q:\n%s", c.event, c.lang, w, got)
			}
		}
	}
}
