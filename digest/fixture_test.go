package digest_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// mexico is the newsroom's zone in these tests: weeks run Monday to Sunday
// there, six hours behind UTC in November.
var mexico = mustZone("America/Mexico_City")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// local is a time in Mexico City.
func local(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, mexico)
}

// week47 is the week the fixture fills: Monday 16 to Sunday 22 November 2026.
var week47 = digest.Week{Year: 2026, Num: 47}

// desk is the channel the fixture's digests go to.
var desk = digest.Channel{Name: "desk", Platform: "console", Language: "en", Location: mexico}

func openStore(t testing.TB, path string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	return st
}

func tempStore(t testing.TB) (store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gapwatch.db")
	st := openStore(t, path)
	t.Cleanup(func() { st.Close() })
	return st, path
}

func newBuilder(st store.Digests) *digest.Builder {
	return digest.NewBuilder(st, digest.Options{Sides: []string{"mx", "us"},
		SideNames: map[string]string{"mx": "Mexico", "us": "United States"}})
}

// claimSpec is one claim of the fixture and what happens to it.
type claimSpec struct {
	guid, feed, side, title string
	published               time.Time
	// events are saved in order: kind, status, final, at.
	events []event
	// resolution, when set, is recorded after the events.
	resolution *store.Resolution
}

type event struct {
	kind   string
	status match.Status
	final  bool
	at     time.Time
}

func newClaim(at time.Time) event { return event{"new_claim", match.Pending, false, at} }

// weekClaims is a week with every kind of claim: confirmed in the week,
// still open (pending, unconfirmed, partial), confirmed and dismissed by
// hand, an old claim confirmed late this week, old gaps still open, and
// claims just outside the week on both ends (in Mexico City time).
func weekClaims() []claimSpec {
	return []claimSpec{
		{guid: "sre-a", feed: "sre", side: "mx", title: "México y Estados Unidos acuerdan operativo conjunto contra el tráfico de armas",
			published: local(11, 16, 12, 0), events: []event{newClaim(local(11, 16, 12, 5)),
				{"confirmed", match.Confirmed, false, local(11, 17, 10, 0)}}},
		{guid: "state-b", feed: "state", side: "us", title: "Mexico agreed to expand inspections at northern ports of entry",
			published: local(11, 17, 9, 30), events: []event{newClaim(local(11, 17, 9, 35))}},
		{guid: "sre-c", feed: "sre", side: "mx", title: "Ambos gobiernos se comprometieron a reforzar la cooperación consular",
			published: local(11, 18, 8, 0), events: []event{newClaim(local(11, 18, 8, 5)),
				{"final", match.Unconfirmed, true, local(11, 20, 8, 5)}}},
		{guid: "state-d", feed: "state", side: "us", title: "The two governments agreed on a joint fentanyl precursor task force",
			published: local(11, 19, 16, 0), events: []event{newClaim(local(11, 19, 16, 5)),
				{"final", match.Partial, true, local(11, 21, 16, 5)}}},
		{guid: "sre-e", feed: "sre", side: "mx", title: "Estados Unidos se comprometió a agilizar las visas de trabajo temporal",
			published: local(11, 20, 11, 0), events: []event{newClaim(local(11, 20, 11, 5))},
			resolution: &store.Resolution{Kind: store.ResolvedConfirmed, URL: "https://news.example/visas-call",
				Note: "confirmed by the embassy by phone", By: "slack:U024BE7LH", At: local(11, 21, 10, 0)}},
		{guid: "state-f", feed: "state", side: "us", title: "Mexico will host the next security dialogue",
			published: local(11, 21, 13, 0), events: []event{newClaim(local(11, 21, 13, 5))},
			resolution: &store.Resolution{Kind: store.ResolvedDismissed, Reason: "an invitation, not a commitment",
				By: "cli:ana", At: local(11, 22, 9, 0)}},
		{guid: "sre-k", feed: "sre", side: "mx", title: "Acuerdan mesa binacional sobre agua del río Bravo",
			published: local(11, 22, 23, 30), events: []event{newClaim(local(11, 22, 23, 35))}},
		// Earlier weeks.
		{guid: "sre-g", feed: "sre", side: "mx", title: "Estados Unidos acordó donar equipo de detección",
			published: local(10, 1, 10, 0), events: []event{newClaim(local(10, 1, 10, 5)),
				{"final", match.Unconfirmed, true, local(10, 8, 10, 5)},
				{"confirmed_late", match.Confirmed, true, local(11, 18, 15, 0)}}},
		{guid: "state-h", feed: "state", side: "us", title: "Mexico committed to deploy additional troops to the border",
			published: local(10, 20, 14, 0), events: []event{newClaim(local(10, 20, 14, 5)),
				{"final", match.Unconfirmed, true, local(10, 27, 14, 5)}}},
		{guid: "sre-i", feed: "sre", side: "mx", title: "Ambos países acordaron un programa de repatriación ordenada",
			published: local(9, 15, 9, 0), events: []event{newClaim(local(9, 15, 9, 5)),
				{"final", match.Partial, true, local(9, 22, 9, 5)}}},
		{guid: "sre-l", feed: "sre", side: "mx", title: "Acuerdan intercambio de información aduanera",
			published: local(11, 15, 21, 0), events: []event{newClaim(local(11, 15, 21, 5)),
				{"confirmed", match.Confirmed, false, local(11, 15, 23, 0)}}},
		// Next week.
		{guid: "state-j", feed: "state", side: "us", title: "Mexico agreed to share biometric data",
			published: local(11, 24, 10, 0), events: []event{newClaim(local(11, 24, 10, 5))}},
	}
}

// fill stores the fixture's feeds, polls and claims: sre polled three
// times in the week (one failure), state twice, cbp twice with nothing
// published.
func fill(t testing.TB, st store.Store, specs []claimSpec) {
	t.Helper()
	ctx := context.Background()
	feeds := []store.Feed{{Name: "cbp", Side: "us", URL: "https://cbp.example/rss", Kind: "rss"},
		{Name: "sre", Side: "mx", URL: "https://sre.example/prensa", Kind: "html"},
		{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}}
	poll := func(feed string, at time.Time, ok bool, items ...match.Item) store.SaveResult {
		p := store.Poll{Feed: feed, Started: at.Add(-time.Second), Finished: at, OK: ok, Status: 200, FetchPath: "http"}
		if !ok {
			p.Status, p.ErrorClass, p.Error = 503, "status", "503 Service Unavailable"
		}
		res, err := st.RecordPoll(ctx, p, items)
		if err != nil {
			t.Fatalf("RecordPoll %s: %v", feed, err)
		}
		return res
	}
	byFeed := map[string][]match.Item{}
	for _, f := range feeds {
		if err := st.EnsureFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
		poll(f.Name, local(9, 1, 0, 0), true)
	}
	for _, s := range specs {
		byFeed[s.feed] = append(byFeed[s.feed], match.Item{Feed: s.feed, Side: s.side, GUID: s.guid, Title: s.title,
			Link: "https://press.example/" + s.guid, Published: s.published, Summary: s.title,
			Language: map[string]string{"mx": "es", "us": "en"}[s.side]})
	}
	stored := map[string]match.Item{}
	for _, f := range feeds {
		for _, it := range poll(f.Name, local(9, 1, 1, 0), true, byFeed[f.Name]...).New {
			stored[it.GUID] = it
		}
	}
	poll("sre", local(11, 16, 0, 10), true)
	poll("sre", local(11, 18, 6, 0), false)
	poll("sre", local(11, 21, 6, 0), true)
	for _, f := range []string{"state", "cbp"} {
		poll(f, local(11, 17, 0, 0), true)
		poll(f, local(11, 20, 0, 0), true)
	}
	for _, s := range specs {
		it := stored[s.guid]
		var id int64
		for _, ev := range s.events {
			d := match.Decision{Feed: it.Feed, GUID: it.GUID, Title: it.Title, Side: it.Side, Published: it.Published,
				Status: ev.status, Final: ev.final, Deadline: it.Published.Add(7 * 24 * time.Hour),
				ConfirmedLate: ev.kind == "confirmed_late"}
			res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: ev.kind, At: ev.at})
			if err != nil {
				t.Fatalf("SaveDecision %s %s: %v", s.guid, ev.kind, err)
			}
			id = res.Claim.ID
		}
		if r := s.resolution; r != nil {
			kind := store.ActionConfirm
			if r.Kind == store.ResolvedDismissed {
				kind = store.ActionDismiss
			}
			if _, err := st.Resolve(ctx, id, *r, store.Action{ClaimID: id, Kind: kind, Actor: r.By, At: r.At}, nil); err != nil {
				t.Fatalf("Resolve %s: %v", s.guid, err)
			}
		}
	}
}
