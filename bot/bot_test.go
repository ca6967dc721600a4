package bot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// now is the fixed clock of every command test.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// testLexicon loads the small bilingual lexicon written for these tests.
func testLexicon(t testing.TB) *match.Lexicon {
	t.Helper()
	lex, err := match.LoadLexicon(os.DirFS(filepath.Join("testdata", "lexicon")))
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// recordingNotifier is the alert pipeline's stand-in: it returns one
// "resolved" message per action and remembers what it was told.
type recordingNotifier struct {
	mu    sync.Mutex
	calls []store.Action
	seen  []store.Claim
}

func (n *recordingNotifier) ActionMessages(_ context.Context, c store.Claim, a store.Action) ([]store.OutboxMessage, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.calls = append(n.calls, a)
	n.seen = append(n.seen, c)
	return []store.OutboxMessage{{
		Key:      fmt.Sprintf("claim:%d:%s:newsroom", c.ID, a.Kind),
		Channel:  "newsroom",
		Platform: "console",
		Event:    "resolved",
		ClaimID:  c.ID,
		Payload:  []byte(`{}`),
	}}, nil
}

// fixture is a SQLite store filled with two sides' items and four claims,
// and a bot over it.
type fixture struct {
	st       store.Store
	bot      *Bot
	notifier *recordingNotifier
	ids      map[string]int64 // claim name → claim ID
}

type seedItem struct {
	name  string // fixture name; a claim when decision is set
	item  match.Item
	claim func(items map[string]match.Item) match.Decision
}

func day(d float64) time.Time { return now.Add(time.Duration(d * 24 * float64(time.Hour))) }

func item(feed, side, lang, guid, title string, published time.Time) match.Item {
	return match.Item{Feed: feed, Side: side, Language: lang, GUID: guid, Title: title,
		Link: "https://" + feed + ".example/" + guid, Published: published, FirstSeen: published}
}

var labels = map[string]match.Label{
	"tariffs":          {EN: "tariffs", ES: "aranceles"},
	"steel":            {EN: "steel", ES: "acero"},
	"arms_trafficking": {EN: "arms trafficking", ES: "tráfico de armas"},
}

func decision(claim match.Item, st match.Status, final bool, units []match.ExplainedUnit, considered ...match.CandidateScore) match.Decision {
	d := match.Decision{Feed: claim.Feed, GUID: claim.GUID, Title: claim.Title, Side: claim.Side, Published: claim.Published,
		Status: st, Final: final, Deadline: claim.Published.Add(7 * 24 * time.Hour), Matches: []match.Ref{}, Considered: considered}
	x := match.Explanation{Status: st, ClaimFeed: claim.Feed, ClaimTitle: claim.Title, ClaimLink: claim.Link, Published: claim.Published,
		Units: units, WindowFrom: claim.Published.Add(-48 * time.Hour), WindowTo: d.Deadline, Labels: labels}
	for _, c := range considered {
		if c.SameEvent {
			d.Matches = append(d.Matches, c.Ref)
			x.SameEvent = append(x.SameEvent, c)
		} else if x.Nearest == nil {
			cc := c
			x.Nearest = &cc
		}
	}
	d.Explanation = x
	return d
}

func candidate(it match.Item, same bool, reason string, concepts ...string) match.CandidateScore {
	return match.CandidateScore{Ref: match.RefOf(it), Title: it.Title, Published: it.Published, Score: 7, SameEvent: same,
		Reason: reason, Concepts: concepts}
}

// hostileTitle is a feed title trying every trick on every platform.
const hostileTitle = "<!channel> @everyone <@U024BE7LH> [Confirmado](https://evil.example) ||x|| **y**"

var seedItems = []seedItem{
	{name: "steel", item: item("sre", "mx", "es", "sre-acero", "México y Estados Unidos acordaron reducir los aranceles al acero", day(-2)),
		claim: func(its map[string]match.Item) match.Decision {
			return decision(its["steel"], match.Pending, false, []match.ExplainedUnit{{Action: match.CueAgree,
				Quote: "acordaron reducir los aranceles al acero", Objects: []string{"tariffs", "steel"}, Outcome: match.Discussed,
				Evidence: "state “Secretary’s call on steel tariffs”", Missing: []string{"tariffs"}}},
				candidate(its["state-steel"], true, "", "steel", "tariffs"))
		}},
	{name: "state-steel", item: item("state", "us", "en", "state-steel", "Secretary’s call on steel tariffs with Mexico", day(-1.8))},
	{name: "arms", item: item("sre", "mx", "es", "sre-armas", "Acuerdo bilateral contra el tráfico de armas", day(-10)),
		claim: func(its map[string]match.Item) match.Decision {
			return decision(its["arms"], match.Unconfirmed, true, []match.ExplainedUnit{{Action: match.CueAgree,
				Quote: "acordaron combatir el tráfico de armas", Objects: []string{"arms_trafficking"}, Outcome: match.Absent,
				Missing: []string{"arms_trafficking"}}},
				candidate(its["state-guns"], false, "no party of the claimant's side (unilateral)", "arms_trafficking"))
		}},
	{name: "state-guns", item: item("state", "us", "en", "state-guns", "Statement on gun smuggling", day(-9.5))},
	{name: "us", item: item("state", "us", "en", "state-inspections", "United States and Mexico agreed to expand inspections", day(-9)),
		claim: func(its map[string]match.Item) match.Decision {
			return decision(its["us"], match.Partial, true, []match.ExplainedUnit{{Action: match.CueAgree,
				Quote: "agreed to expand inspections", Outcome: match.Discussed}})
		}},
	{name: "hostile", item: item("sre", "mx", "es", "sre-hostil", hostileTitle, day(-0.5)),
		claim: func(its map[string]match.Item) match.Decision {
			return decision(its["hostile"], match.Pending, false, []match.ExplainedUnit{{Action: match.CueAgree,
				Quote: hostileTitle, Outcome: match.Absent}})
		}},
}

// newFixture opens a fresh SQLite store, fills it and builds a bot with
// opts (Queries, Actions, Notifier, Now and Lexicon filled when unset).
func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, notifier: &recordingNotifier{}, ids: map[string]int64{}}
	byFeed := map[string][]match.Item{}
	for _, s := range seedItems {
		byFeed[s.item.Feed] = append(byFeed[s.item.Feed], s.item)
	}
	for _, feed := range []store.Feed{{Name: "sre", Side: "mx", URL: "https://sre.example/rss", Kind: "rss"},
		{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}} {
		if err := st.EnsureFeed(ctx, feed); err != nil {
			t.Fatal(err)
		}
		poll := store.Poll{Feed: feed.Name, Started: day(-11), Finished: day(-11), OK: true, Status: 200}
		if _, err := st.RecordPoll(ctx, poll, byFeed[feed.Name]); err != nil {
			t.Fatal(err)
		}
	}
	stored := map[string]match.Item{}
	for _, s := range seedItems {
		it, err := st.ItemByGUID(ctx, s.item.Feed, s.item.GUID)
		if err != nil {
			t.Fatal(err)
		}
		stored[s.name] = it
	}
	for _, s := range seedItems {
		if s.claim == nil {
			continue
		}
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: stored[s.name], Decision: s.claim(stored), Event: "new_claim", At: s.item.Published})
		if err != nil {
			t.Fatal(err)
		}
		f.ids[s.name] = res.Claim.ID
	}
	if opts.Queries == nil {
		opts.Queries = st
	}
	if opts.Actions == nil {
		opts.Actions = st
	}
	if opts.Notifier == nil {
		opts.Notifier = f.notifier
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return now }
	}
	if opts.Lexicon == nil {
		opts.Lexicon = testLexicon(t)
	}
	f.bot, err = New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// expand replaces {name} with the fixture's claim IDs.
func (f *fixture) expand(s string) string {
	for name, id := range f.ids {
		s = strings.ReplaceAll(s, "{"+name+"}", fmt.Sprint(id))
	}
	return s
}

// actions returns the actions recorded on a claim.
func (f *fixture) actions(t *testing.T, claimID int64) []store.Action {
	t.Helper()
	as, err := f.st.Actions(context.Background(), claimID)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// lastAction is the latest action of a kind on a claim, failing if none.
func (f *fixture) lastAction(t *testing.T, claimID int64, kind store.ActionKind) store.Action {
	t.Helper()
	as := f.actions(t, claimID)
	for i := len(as) - 1; i >= 0; i-- {
		if as[i].Kind == kind {
			return as[i]
		}
	}
	t.Fatalf("no %s action recorded on claim %d: %+v", kind, claimID, as)
	return store.Action{}
}

// checkRecorded checks who and when an action was recorded with.
func checkRecorded(t *testing.T, a store.Action, actor, channel string) {
	t.Helper()
	if a.Actor != actor || a.Channel != channel || !a.At.Equal(now) {
		t.Errorf("action %s recorded as actor %q channel %q at %s; want %q, %q, %s", a.Kind, a.Actor, a.Channel, a.At, actor, channel, now)
	}
}

// slackReq is a request from Slack user U1 in channel C1.
func slackReq(text string) Request {
	return Request{Platform: "slack", User: "U1", UserName: "ana", Channel: "C1", Text: text}
}

// assertSafe renders r on every platform and checks that no untrusted
// markup survives.
func assertSafe(t *testing.T, r Reply) {
	t.Helper()
	slack := SlackText(r, 0)
	for _, l := range strings.Split(slack, "\n") {
		rest := l
		if i := strings.Index(rest, "<http"); i >= 0 && strings.HasPrefix(l, "→ ") {
			rest = rest[:i] // gapwatch's own link: "→ <url|text>"
		}
		if strings.Contains(rest, "<") {
			t.Errorf("Slack rendering keeps markup: %q", l)
		}
	}
	discord := DiscordText(r, 0)
	if n, ours := strings.Count(discord, "]("), strings.Count(discord, "](<http"); n != ours {
		t.Errorf("Discord rendering has %d masked links, %d of them gapwatch's:\n%s", n, ours, discord)
	}
	low := strings.ToLower(slack + discord)
	for _, w := range []string{"@everyone", "@here", "@channel"} {
		if strings.Contains(low, w) {
			t.Errorf("rendering keeps %q:\n%s", w, low)
		}
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		// want are substrings of the plain-text reply ({name} = claim ID);
		// unwanted must be absent.
		want     []string
		unwanted []string
		tone     Tone
		public   bool
		check    func(t *testing.T, f *fixture, r Reply)
	}{
		{name: "empty text is help", req: slackReq(""), want: []string{"gapwatch commands", "confirm ID URL [note]", "subscribe", "digest"}, tone: ToneInfo},
		{name: "help for one command", req: slackReq("help dismiss"), want: []string{"dismiss ID REASON", "feedback"}},
		{name: "help for an unknown command", req: slackReq("help frob"), want: []string{`There is no command "frob"`}, tone: ToneError},
		{name: "unknown command answers with help", req: slackReq("frobnicate 1 2"), want: []string{"Unknown command: frobnicate", "list [status]"}, tone: ToneError},
		{name: "a question is not a command", req: slackReq("what's unconfirmed this week?"), want: []string{"Unknown command: what's", "list [status]"}},
		{name: "unterminated quote", req: slackReq(`dismiss 1 "oops`), want: []string{"unterminated quote"}, tone: ToneError},
		{name: "list open gaps, newest first", req: slackReq("list"),
			want:     []string{"Open gaps: 4", "#{hostile} · PENDING · sre", "#{steel} · PENDING", "#{arms} · UNCONFIRMED", "#{us} · PARTIAL · state"},
			unwanted: []string{"CONFIRMED BY"},
			check: func(t *testing.T, f *fixture, r Reply) {
				var order []string
				for _, s := range r.Sections {
					order = append(order, s.Heading)
				}
				if len(order) != 4 || !strings.HasPrefix(order[0], f.expand("#{hostile} ")) || !strings.HasPrefix(order[3], f.expand("#{arms} ")) {
					t.Errorf("list order (want newest publication first): %q", order)
				}
				checkRecorded(t, f.lastAction(t, 0, store.ActionList), "slack:U1", "slack:C1")
			}},
		{name: "list by status", req: slackReq("list unconfirmed"), want: []string{"Open gaps (unconfirmed): 1", "#{arms}"}, unwanted: []string{"#{steel} ", "#{us} "}},
		{name: "list by status in Spanish and side", req: slackReq("list parcial US"), want: []string{"Open gaps (partial, side us): 1", "#{us}"}},
		{name: "list by side", req: slackReq("list mx"), want: []string{"Open gaps (side mx): 3"}, unwanted: []string{"#{us} "}},
		{name: "list by feed", req: slackReq("list feed:state"), want: []string{"Open gaps (feed state): 1", "#{us}"}},
		{name: "list finds nothing", req: slackReq("list confirmed"), want: []string{"Open gaps (confirmed): none", "list all"}},
		{name: "list with an unknown filter", req: slackReq("list soon"), want: []string{`I do not know the filter "soon"`, "Usage", "list [status] [side]"}, tone: ToneError},
		{name: "list two sides", req: slackReq("list mx us"), want: []string{"one side at most"}, tone: ToneError},
		{name: "list --public is public", req: slackReq("list --public"), want: []string{"Open gaps: 4"}, public: true},
		{name: "public request", req: Request{Platform: "slack", User: "U1", Channel: "C1", Text: "feeds", Public: true}, want: []string{"Feeds: 2"}, public: true},
		{name: "show a claim's evidence", req: slackReq("show #{steel}"),
			want: []string{
				"#{steel} PENDING — México y Estados Unidos acordaron reducir los aranceles al acero",
				"Side: mx", "Feed: sre", "Deadline: 2026-03-15 12:00 UTC",
				"Claim: sre release: https://sre.example/sre-acero",
				"1. Agreement · tariffs, steel — only discussed by the other side in state “Secretary’s call on steel tariffs”",
				"Other side's items",
				"state · 2026-03-08 16:48 UTC · Secretary’s call on steel tariffs with Mexico — same event; shares topics: steel, tariffs",
				"https://state.example/state-steel",
				"Not confirmed by the other side", "(missing: tariffs)",
			},
			tone: TonePending,
			check: func(t *testing.T, f *fixture, r Reply) {
				checkRecorded(t, f.lastAction(t, f.ids["steel"], store.ActionShow), "slack:U1", "slack:C1")
			}},
		{name: "show a final claim with the nearest item", req: slackReq("show {arms}"),
			want: []string{"#{arms} UNCONFIRMED", "Window closed", "not stated by the other side", "Statement on gun smuggling — not linked (no party of the claimant's side (unilateral))", "(missing: arms trafficking)"},
			tone: ToneUnconfirmed},
		{name: "show an unknown claim", req: slackReq("show 9999"), want: []string{"There is no claim #9999."}, tone: ToneError},
		{name: "show a word", req: slackReq("show abc"), want: []string{`"abc" is not a claim ID`, "show ID"}, tone: ToneError},
		{name: "show without an ID", req: slackReq("show"), want: []string{"Wrong number of arguments", "show ID"}, tone: ToneError},
		{name: "a Spanish query finds an English item", req: slackReq("search aranceles"),
			want: []string{"Also searched in both languages for: tariffs / aranceles", "state (us) · 2026-03-08 16:48 UTC · Secretary’s call on steel tariffs with Mexico",
				"#{steel} PENDING · sre"},
			check: func(t *testing.T, f *fixture, r Reply) {
				a := f.lastAction(t, 0, store.ActionSearch)
				checkRecorded(t, a, "slack:U1", "slack:C1")
				if a.Args["text"] != "aranceles" || !strings.Contains(a.Args["terms"], "tariffs") {
					t.Errorf("search action args: %v", a.Args)
				}
			}},
		{name: "an English query finds a Spanish claim", req: slackReq("search gun smuggling"),
			want: []string{"arms trafficking / tráfico de armas", "#{arms} UNCONFIRMED", "sre (mx) · 2026-02-28 12:00 UTC · Acuerdo bilateral contra el tráfico de armas — claim #{arms}"}},
		{name: "search finds nothing", req: slackReq("search zzzqqq"), want: []string{"0 items, 0 claims", "Nothing found."}},
		{name: "search without text", req: slackReq("search"), want: []string{"Wrong number of arguments"}, tone: ToneError},
		{name: "feeds", req: slackReq("feeds"), want: []string{"Feeds: 2", "sre (mx): ok", "state (us): ok", "Items: 3", "Every polled feed answered"}},
		{name: "confirm", req: slackReq("confirm {arms} https://www.reuters.example/a called the embassy"),
			want: []string{"Claim #{arms} marked confirmed", "Confirmation: https://www.reuters.example/a", "Note: called the embassy", "By: ana (slack:U1)"},
			tone: ToneConfirmed,
			check: func(t *testing.T, f *fixture, r Reply) {
				ctx := context.Background()
				a := f.lastAction(t, f.ids["arms"], store.ActionConfirm)
				checkRecorded(t, a, "slack:U1", "slack:C1")
				if a.Args["url"] != "https://www.reuters.example/a" || a.Args["note"] != "called the embassy" {
					t.Errorf("confirm args: %v", a.Args)
				}
				cl, err := f.st.Claim(ctx, f.ids["arms"])
				if err != nil {
					t.Fatal(err)
				}
				if res := cl.Resolution; res == nil || res.Kind != store.ResolvedConfirmed || res.By != "slack:U1" || !res.At.Equal(now) || res.URL != "https://www.reuters.example/a" {
					t.Errorf("resolution: %+v", cl.Resolution)
				}
				if len(f.notifier.seen) != 1 || f.notifier.seen[0].Resolution == nil || f.notifier.calls[0].Kind != store.ActionConfirm {
					t.Fatalf("notifier calls: %+v", f.notifier.calls)
				}
				msgs, err := f.st.Outbox(ctx, store.OutboxQuery{ClaimID: f.ids["arms"]})
				if err != nil || len(msgs) != 1 || msgs[0].Event != "resolved" {
					t.Errorf("outbox after confirm: %+v %v", msgs, err)
				}
				// The claim is no longer an open gap.
				r2, _ := f.bot.Handle(ctx, slackReq("list"))
				if strings.Contains(PlainText(r2), f.expand("#{arms} ")) {
					t.Errorf("a confirmed claim is still listed as open:\n%s", PlainText(r2))
				}
				r3, _ := f.bot.Handle(ctx, slackReq(f.expand("show {arms}")))
				if !strings.Contains(PlainText(r3), "CONFIRMED BY NEWSROOM") || !strings.Contains(PlainText(r3), "Confirmed by slack:U1 on 2026-03-10 12:00 UTC: called the embassy") {
					t.Errorf("show after confirm:\n%s", PlainText(r3))
				}
			}},
		{name: "confirm needs an http URL", req: slackReq("confirm {arms} ftp://x.example/a"), want: []string{"http or https URL", "confirm ID URL [note]"}, tone: ToneError,
			check: func(t *testing.T, f *fixture, r Reply) {
				if as := f.actions(t, f.ids["arms"]); len(as) != 0 || len(f.notifier.calls) != 0 {
					t.Errorf("a refused confirm was recorded: %+v", as)
				}
			}},
		{name: "confirm refuses user info in the URL", req: slackReq("confirm {arms} https://state.gov@evil.example/"), want: []string{"http or https URL"}, tone: ToneError},
		{name: "confirm an unknown claim", req: slackReq("confirm 424242 https://x.example/"), want: []string{"There is no claim #424242."}, tone: ToneError},
		{name: "dismiss", req: slackReq(`dismiss {us} "a readout, not an agreement"`),
			want: []string{"Claim #{us} dismissed", "Reason: a readout, not an agreement"}, tone: ToneDismissed,
			check: func(t *testing.T, f *fixture, r Reply) {
				a := f.lastAction(t, f.ids["us"], store.ActionDismiss)
				checkRecorded(t, a, "slack:U1", "slack:C1")
				if a.Args["reason"] != "a readout, not an agreement" {
					t.Errorf("dismiss args: %v", a.Args)
				}
				r2, _ := f.bot.Handle(context.Background(), slackReq("list all"))
				if !strings.Contains(PlainText(r2), f.expand("#{us} · DISMISSED")) {
					t.Errorf("list all after dismiss:\n%s", PlainText(r2))
				}
			}},
		{name: "dismiss without a reason", req: slackReq("dismiss {us}"), want: []string{"Wrong number of arguments", "dismiss ID REASON"}, tone: ToneError},
		{name: "mute", req: slackReq("mute {steel}"), want: []string{"Claim #{steel} muted in this channel", "unmute {steel}"},
			check: func(t *testing.T, f *fixture, r Reply) {
				muted, err := f.st.Muted(context.Background(), f.ids["steel"], "slack:C1")
				if err != nil || !muted {
					t.Errorf("claim not muted in slack:C1: %v %v", muted, err)
				}
				checkRecorded(t, f.lastAction(t, f.ids["steel"], store.ActionMute), "slack:U1", "slack:C1")
				if len(f.notifier.calls) != 1 || f.notifier.calls[0].Kind != store.ActionMute {
					t.Errorf("notifier not told of the mute: %+v", f.notifier.calls)
				}
				r2, _ := f.bot.Handle(context.Background(), slackReq(f.expand("unmute {steel}")))
				muted, _ = f.st.Muted(context.Background(), f.ids["steel"], "slack:C1")
				if muted || !strings.Contains(PlainText(r2), "unmuted") {
					t.Errorf("unmute: muted=%v\n%s", muted, PlainText(r2))
				}
				checkRecorded(t, f.lastAction(t, f.ids["steel"], store.ActionUnmute), "slack:U1", "slack:C1")
			}},
		{name: "mute from the CLI needs a channel", req: Request{Platform: "cli", User: "ana", Text: "mute {steel}"}, want: []string{"Say which channel"}, tone: ToneError},
		{name: "mute from the CLI names the channel", req: Request{Platform: "cli", User: "ana", Channel: "newsroom", Text: "mute {steel}"}, want: []string{"muted"},
			check: func(t *testing.T, f *fixture, r Reply) {
				muted, _ := f.st.Muted(context.Background(), f.ids["steel"], "newsroom")
				if !muted {
					t.Error("claim not muted in newsroom")
				}
				checkRecorded(t, f.lastAction(t, f.ids["steel"], store.ActionMute), "cli:ana", "newsroom")
			}},
		{name: "subscribe", req: slackReq("subscribe mx unconfirmed partial keyword:aranceles,acero importance:2 lang:es"),
			want: []string{"This channel is subscribed", "Sides: mx", "Statuses: unconfirmed, partial", "Keywords: aranceles, acero", "Importance: at least 2"},
			check: func(t *testing.T, f *fixture, r Reply) {
				subs, err := f.st.Subscriptions(context.Background())
				if err != nil || len(subs) != 1 {
					t.Fatalf("subscriptions: %+v %v", subs, err)
				}
				s := subs[0]
				if s.Channel != (store.ChannelKey{Platform: "slack", Target: "C1"}) || s.Language != "es" || s.By != "slack:U1" ||
					strings.Join(s.Filters.Statuses, ",") != "unconfirmed,partial" || s.Filters.MinImportance != 2 {
					t.Errorf("subscription stored as %+v", s)
				}
				checkRecorded(t, f.lastAction(t, 0, store.ActionSubscribe), "slack:U1", "slack:C1")
				r2, _ := f.bot.Handle(context.Background(), slackReq("unsubscribe"))
				if !strings.Contains(PlainText(r2), "unsubscribed") {
					t.Errorf("unsubscribe:\n%s", PlainText(r2))
				}
				checkRecorded(t, f.lastAction(t, 0, store.ActionUnsubscribe), "slack:U1", "slack:C1")
				r3, _ := f.bot.Handle(context.Background(), slackReq("unsubscribe"))
				if !strings.Contains(PlainText(r3), "no subscription") {
					t.Errorf("second unsubscribe:\n%s", PlainText(r3))
				}
			}},
		{name: "subscribe with every alert", req: slackReq("subscribe"), want: []string{"Every alert."}},
		{name: "subscribe to an unknown concept", req: slackReq("subscribe concept:weather"), want: []string{`Unknown concept "weather"`}, tone: ToneError},
		{name: "subscribe with a bad filter", req: slackReq("subscribe soon"), want: []string{`I do not know the filter "soon"`}, tone: ToneError},
		{name: "subscribe from the CLI", req: Request{Platform: "cli", User: "ana", Text: "subscribe"}, want: []string{"from the chat channel"}, tone: ToneError},
		{name: "digest not configured", req: slackReq("digest"), want: []string{"Digests are not configured"}},
		{name: "hostile arguments are shown escaped", req: slackReq("dismiss {hostile} <!channel> @everyone [x](https://evil.example)"),
			want: []string{"Reason: <!channel> @everyone [x](https://evil.example)"}},
		{name: "hostile claim title", req: slackReq("show {hostile}"), want: []string{hostileTitle}},
		{name: "hostile command name", req: slackReq("<!here> @everyone"), want: []string{"Unknown command: <!here>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			req := tt.req
			req.Text = f.expand(req.Text)
			r, err := f.bot.Handle(context.Background(), req)
			if err != nil {
				t.Fatalf("Handle(%q): %v", req.Text, err)
			}
			text := PlainText(r)
			for _, w := range tt.want {
				if w = f.expand(w); !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.unwanted {
				if w = f.expand(w); strings.Contains(text, w) {
					t.Errorf("reply has %q:\n%s", w, text)
				}
			}
			if tt.tone != "" && r.Tone != tt.tone {
				t.Errorf("tone %q, want %q", r.Tone, tt.tone)
			}
			if r.Public != tt.public {
				t.Errorf("public = %v, want %v", r.Public, tt.public)
			}
			assertSafe(t, r)
			if tt.check != nil {
				tt.check(t, f, r)
			}
		})
	}
}

func TestCommandTableAndHelp(t *testing.T) {
	f := newFixture(t, Options{})
	help, _ := f.bot.Handle(context.Background(), slackReq("help"))
	text := PlainText(help)
	for _, name := range []string{"list", "show", "search", "feeds", "confirm", "dismiss", "mute", "unmute", "subscribe", "unsubscribe", "digest", "help"} {
		c, ok := f.bot.Lookup(name)
		if !ok {
			t.Errorf("no %s command", name)
			continue
		}
		if c.Usage == "" || c.Help == "" || c.Run == nil {
			t.Errorf("command %s lacks usage, help or run: %+v", name, c)
		}
		if !strings.Contains(text, c.Usage+" — "+c.Help) {
			t.Errorf("help lacks %s's line", name)
		}
	}
	if c, ok := f.bot.Lookup("GAPS"); !ok || c.Name != "list" {
		t.Errorf("alias gaps does not reach list: %+v", c)
	}
}

func TestDigester(t *testing.T) {
	d := DigesterFunc(func(_ context.Context, at time.Time) (DigestPreview, error) {
		return DigestPreview{Title: "Week of " + at.Format("2006-01-02") + ": 2 gaps", Text: "Two claims went unconfirmed.", URL: "https://gapwatch.example/digest"}, nil
	})
	f := newFixture(t, Options{Digester: d})
	r, err := f.bot.Handle(context.Background(), slackReq("digest"))
	if err != nil {
		t.Fatal(err)
	}
	if text := PlainText(r); !strings.Contains(text, "Week of 2026-03-10: 2 gaps") || !strings.Contains(text, "Full digest: https://gapwatch.example/digest") {
		t.Errorf("digest preview:\n%s", text)
	}
}

// failingQueries fails every read with an error carrying internals.
type failingQueries struct{ Queries }

var errInternal = errors.New("sqlite: database is locked at /var/lib/gapwatch/gapwatch.db (token xoxb-secret-123)")

func (failingQueries) Claims(context.Context, store.ClaimQuery) ([]store.Claim, error) {
	return nil, errInternal
}

func (failingQueries) Claim(context.Context, int64) (store.Claim, error) {
	return store.Claim{}, errInternal
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	f := newFixture(t, Options{})
	b, err := New(Options{Queries: failingQueries{f.st}, Actions: f.st, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"list", "show 1", "confirm 1 https://x.example/"} {
		r, err := b.Handle(context.Background(), slackReq(text))
		if !errors.Is(err, errInternal) {
			t.Errorf("%s: Handle returned %v, want the internal error for the log", text, err)
		}
		shown := PlainText(r) + SlackText(r, 0) + DiscordText(r, 0)
		for _, leak := range []string{"sqlite", "/var/lib", "xoxb", "locked"} {
			if strings.Contains(shown, leak) {
				t.Errorf("%s: reply leaks %q:\n%s", text, leak, shown)
			}
		}
		if r.Tone != ToneError || !strings.Contains(shown, "reference") || r.Public {
			t.Errorf("%s: reply is not an ephemeral error with a reference:\n%s", text, shown)
		}
		// The reference in the reply is the one in the error.
		ref := strings.Fields(strings.SplitAfter(PlainText(r), "reference ")[1])[0]
		if !strings.Contains(err.Error(), "ref "+strings.TrimSuffix(ref, ".")) {
			t.Errorf("%s: reply reference %q not in the error %v", text, ref, err)
		}
	}
}

func TestChannelNameMapsConfiguredChannels(t *testing.T) {
	f := newFixture(t, Options{ChannelName: func(k store.ChannelKey) string {
		if k == (store.ChannelKey{Platform: "slack", Target: "C1"}) {
			return "newsroom"
		}
		return k.String()
	}})
	if _, err := f.bot.Handle(context.Background(), slackReq(f.expand("mute {steel}"))); err != nil {
		t.Fatal(err)
	}
	muted, err := f.st.Muted(context.Background(), f.ids["steel"], "newsroom")
	if err != nil || !muted {
		t.Errorf("mute from slack C1 did not reach the configured channel newsroom: %v %v", muted, err)
	}
}

func TestSpanishLabels(t *testing.T) {
	f := newFixture(t, Options{Language: "es"})
	r, err := f.bot.Handle(context.Background(), slackReq(f.expand("show {steel}")))
	if err != nil {
		t.Fatal(err)
	}
	if text := PlainText(r); !strings.Contains(text, "Agreement · aranceles, acero") || !strings.Contains(text, "(missing: aranceles)") {
		t.Errorf("labels not in Spanish:\n%s", text)
	}
}

func TestExpand(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct {
		query   string
		terms   []string
		entries []string
	}{
		{"aranceles", []string{"aranceles", "arancel", "tariffs", "import duties"}, []string{"tariffs"}},
		{"Gun smuggling", []string{"gun", "smuggling", "trafico de armas", "contrabando de armas", "arms trafficking"}, []string{"arms_trafficking"}},
		{"acero y Ana Rivera", []string{"acero", "steel", "ana rivera"}, []string{"ana_rivera", "steel"}},
		{"zzzqqq", []string{"zzzqqq"}, nil},
		{"aranceles México", []string{"aranceles", "tariffs", "mexico"}, []string{"tariffs"}},
	}
	for _, tt := range tests {
		x := f.bot.Expand(tt.query)
		for _, w := range tt.terms {
			found := false
			for _, term := range x.Terms {
				found = found || term == w
			}
			if !found {
				t.Errorf("Expand(%q) terms %q lack %q", tt.query, x.Terms, w)
			}
		}
		for _, term := range x.Terms {
			if term == "gobierno de mexico" || term == "mexican government" {
				t.Errorf("Expand(%q) expands a government's names: %q", tt.query, x.Terms)
			}
		}
		if strings.Join(x.Entries, ",") != strings.Join(tt.entries, ",") {
			t.Errorf("Expand(%q) entries %q, want %q", tt.query, x.Entries, tt.entries)
		}
		if len(x.Terms) > maxTerms {
			t.Errorf("Expand(%q) has %d terms", tt.query, len(x.Terms))
		}
	}
	long := strings.Repeat("aranceles acero tráfico de armas palabra ", 50)
	if n := len(f.bot.Expand(long).Terms); n > maxTerms {
		t.Errorf("a long query expands to %d terms", n)
	}
}

// FuzzHandle sends arbitrary text through the router on a filled store:
// every input must get a ready, safe reply and no internal error.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"list partial mx", "show 1", "search aranceles acero", `confirm 2 https://x.example/ "a note"`,
		"dismiss 3 <!channel>", "mute 1", "subscribe mx keyword:acero", "unsubscribe", "digest", "help show", "",
		"\x00\xff", `show "1`, "list feed:", "subscribe importance:9", "confirm 1 https://a@b.example/", "search \u202e"} {
		f.Add(s)
	}
	fx := newFixture(f, Options{})
	f.Fuzz(func(t *testing.T, text string) {
		r, err := fx.bot.Handle(context.Background(), slackReq(text))
		if err != nil {
			t.Fatalf("Handle(%q): internal error %v", text, err)
		}
		if r.Title == "" {
			t.Fatalf("Handle(%q): reply without a title: %+v", text, r)
		}
		plain := PlainText(r)
		if strings.ContainsFunc(plain, unsafeRune) {
			t.Fatalf("Handle(%q): plain reply keeps control characters: %q", text, plain)
		}
		assertSafe(t, r)
	})
}

func TestSuggest(t *testing.T) {
	f := newFixture(t, Options{})
	if _, err := f.bot.Handle(context.Background(), slackReq(f.expand("dismiss {us} a readout"))); err != nil {
		t.Fatal(err)
	}
	before := len(f.actions(t, 0))
	tests := []struct {
		typed string
		want  []string // claim names, in order
	}{
		// Open gaps first (newest first), then the resolved one.
		{"", []string{"hostile", "steel", "arms", "us"}},
		{"ARMAS", []string{"arms"}},
		{"acero", []string{"steel"}},
		{"#" + fmt.Sprint(f.ids["us"]), []string{"us"}},
		{"nothing like it", nil},
	}
	for _, tt := range tests {
		got, err := f.bot.Suggest(context.Background(), tt.typed, 25)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range got {
			for name, id := range f.ids {
				if id == s.ID {
					names = append(names, name)
				}
			}
			if n := utf8.RuneCountInString(s.Label); n > 100 || !strings.HasPrefix(s.Label, fmt.Sprintf("#%d ", s.ID)) {
				t.Errorf("label %q (%d runes)", s.Label, n)
			}
		}
		if strings.Join(names, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Suggest(%q) = %v, want %v", tt.typed, names, tt.want)
		}
	}
	if got, _ := f.bot.Suggest(context.Background(), "", 2); len(got) != 2 {
		t.Errorf("Suggest with limit 2 returned %d", len(got))
	}
	if after := len(f.actions(t, 0)); after != before {
		t.Errorf("Suggest recorded %d actions", after-before)
	}
}

func TestLongInputIsCutInReplies(t *testing.T) {
	f := newFixture(t, Options{})
	long := strings.Repeat("palabra", 500)
	for _, text := range []string{long, "show " + long, "list " + long, "confirm 1 " + long, "subscribe " + long, "search " + long} {
		r, err := f.bot.Handle(context.Background(), slackReq(text))
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(r.Title); n > 200 {
			t.Errorf("%.20s…: a %d-rune title echoes the input", text, n)
		}
	}
}
