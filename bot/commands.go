package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// table is the one command table: help is built from it, adapters register
// it with their platform, and Handle routes through it.
func (b *Bot) table() []Command {
	return []Command{
		{Name: "list", Aliases: []string{"gaps"}, Usage: "list [status] [side] [feed:NAME] [open|final] [all]",
			Help:    "Open gaps: pending, partial and unconfirmed claims no one resolved yet; filter by status, side or feed (all: every status, resolved too).",
			MaxArgs: 6, Run: b.runList},
		{Name: "show", Aliases: []string{"evidence"}, Usage: "show ID",
			Help:    "A claim's evidence: both sides' items, the topics they share, the commitments the other side left out.",
			MinArgs: 1, MaxArgs: 1, Run: b.runShow},
		{Name: "search", Usage: "search TEXT",
			Help:    "Find items and claims in both languages (a Spanish query finds English items, and back).",
			MinArgs: 1, MaxArgs: -1, Run: b.runSearch},
		{Name: "feeds", Usage: "feeds", Help: "Each feed's health: last success, failures, items stored.",
			MaxArgs: 0, Run: b.runFeeds},
		{Name: "confirm", Usage: "confirm ID URL [note]",
			Help:    "Record that the claim was confirmed elsewhere (a call, another publication), with a link and a note.",
			MinArgs: 2, MaxArgs: -1, Run: b.runConfirm},
		{Name: "dismiss", Usage: "dismiss ID REASON",
			Help:    "Mark an item as not a claim (kept as feedback for the engine's evaluation).",
			MinArgs: 2, MaxArgs: -1, Run: b.runDismiss},
		{Name: "mute", Usage: "mute ID", Help: "Stop a claim's updates in this channel.",
			MinArgs: 1, MaxArgs: 1, Run: b.muteRunner(true)},
		{Name: "unmute", Usage: "unmute ID", Help: "Resume a muted claim's updates in this channel.",
			MinArgs: 1, MaxArgs: 1, Run: b.muteRunner(false)},
		{Name: "subscribe", Usage: "subscribe [side] [status] [feed:NAME] [concept:ID] [keyword:WORD] [importance:1-3] [lang:en|es]",
			Help:    "Send this channel the alerts that match the filters (none: every alert).",
			MaxArgs: -1, Run: b.runSubscribe},
		{Name: "unsubscribe", Usage: "unsubscribe", Help: "Stop this channel's subscription.",
			MaxArgs: 0, Run: b.runUnsubscribe},
		{Name: "digest", Usage: "digest", Help: "Preview this week's digest.",
			MaxArgs: 0, Run: b.runDigest},
		{Name: "help", Aliases: []string{"ayuda", "?"}, Usage: "help [command]", Help: "This list, or one command's details.",
			MaxArgs: 1, Run: func(_ context.Context, c Call) (Reply, error) {
				if len(c.Args) == 1 {
					if _, ok := b.Lookup(c.Args[0]); !ok {
						return Reply{}, Userf("There is no command %q.", echo(c.Args[0]))
					}
					return b.helpReply(c.Args[0]), nil
				}
				return b.helpReply(""), nil
			}},
	}
}

// statusWords maps what a newsroom types to a status (English and Spanish).
var statusWords = map[string]match.Status{
	"pending": match.Pending, "pendiente": match.Pending, "pendientes": match.Pending,
	"partial": match.Partial, "parcial": match.Partial, "parciales": match.Partial,
	"unconfirmed": match.Unconfirmed, "noconfirmado": match.Unconfirmed, "no-confirmado": match.Unconfirmed,
	"confirmed": match.Confirmed, "confirmado": match.Confirmed, "confirmados": match.Confirmed,
}

// openStatuses are the statuses of an open gap.
var openStatuses = []match.Status{match.Pending, match.Partial, match.Unconfirmed}

func (b *Bot) isSide(s string) bool {
	for _, x := range b.opts.Sides {
		if x == s {
			return true
		}
	}
	return false
}

// splitFilter reads "key:value" or "key=value".
func splitFilter(arg string) (key, value string, ok bool) {
	i := strings.IndexAny(arg, ":=")
	if i <= 0 || i == len(arg)-1 {
		return "", "", false
	}
	return strings.ToLower(arg[:i]), arg[i+1:], true
}

// listQuery reads list's filters into a claim query, with the words that
// describe them.
func (b *Bot) listQuery(args []string) (q store.ClaimQuery, shown []string, all bool, err error) {
	q = store.ClaimQuery{Limit: b.opts.ListLimit}
	for _, a := range args {
		w := strings.ToLower(a)
		if st, ok := statusWords[w]; ok {
			q.Statuses = append(q.Statuses, st)
			shown = append(shown, st.String())
			continue
		}
		switch {
		case b.isSide(w):
			if q.Side != "" && q.Side != w {
				return q, nil, false, usageErr("Give one side at most.")
			}
			q.Side = w
			shown = append(shown, "side "+w)
		case w == "open" || w == "final":
			q.State = store.ClaimState(w)
			shown = append(shown, w)
		case w == "all":
			all = true
		default:
			k, v, ok := splitFilter(a)
			if !ok || k != "feed" {
				return q, nil, false, usageErr("I do not know the filter %q: use a status (%s), a side (%s), feed:NAME, open, final or all.",
					echo(a), "pending, partial, unconfirmed, confirmed", strings.Join(b.opts.Sides, ", "))
			}
			q.Feed = v
			shown = append(shown, "feed "+v)
		}
	}
	if len(q.Statuses) == 0 && !all {
		q.Statuses = openStatuses
	}
	if !all {
		resolved := false
		q.Resolved = &resolved
	}
	return q, shown, all, nil
}

// List runs the list command's query for req with list's arguments
// ("partial", "mx", "feed:sre", "all"…) and records the action, for
// callers that want the claims rather than a reply (gapwatch gaps --json).
// A bad filter is a *UserError.
func (b *Bot) List(ctx context.Context, req Request, args ...string) ([]store.Claim, error) {
	q, _, _, err := b.listQuery(args)
	if err != nil {
		return nil, err
	}
	return b.list(ctx, Call{Request: req, Args: args, Now: b.opts.Now()}, q)
}

func (b *Bot) list(ctx context.Context, c Call, q store.ClaimQuery) ([]store.Claim, error) {
	claims, err := b.opts.Queries.Claims(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list claims: %w", err)
	}
	if err := b.record(ctx, c, 0, store.ActionList, map[string]string{"filters": strings.Join(c.Args, " ")}); err != nil {
		return nil, err
	}
	return claims, nil
}

func (b *Bot) runList(ctx context.Context, c Call) (Reply, error) {
	q, shown, all, err := b.listQuery(c.Args)
	if err != nil {
		return Reply{}, err
	}
	claims, err := b.list(ctx, c, q)
	if err != nil {
		return Reply{}, err
	}
	what := "Open gaps"
	if all {
		what = "Claims"
	}
	if len(shown) > 0 {
		what += " (" + strings.Join(shown, ", ") + ")"
	}
	r := Reply{Tone: ToneInfo}
	if len(claims) == 0 {
		r.Title = what + ": none"
		r.Text = "Nothing matches. Try list all, or fewer filters."
		return r, nil
	}
	r.Title = fmt.Sprintf("%s: %d", what, len(claims))
	if len(claims) == q.Limit {
		r.Title = fmt.Sprintf("%s: the latest %d", what, len(claims))
	}
	for _, cl := range claims {
		r.Sections = append(r.Sections, claimSummary(cl))
	}
	r.Text = "Type show ID for a claim's evidence."
	return r, nil
}

// claimSummary is a claim as one entry of a list.
func claimSummary(cl store.Claim) Section {
	s := Section{
		Heading: fmt.Sprintf("#%d · %s · %s", cl.ID, statusLabel(cl), cl.Item.Feed),
		Lines:   []string{cl.Item.Title},
		Fields: []Field{
			{Name: "Published", Value: Stamp(cl.Item.Published), Inline: true},
			{Name: deadlineName(cl), Value: Stamp(cl.Decision.Deadline), Inline: true},
		},
	}
	if cl.Item.Link != "" {
		s.Links = []Link{{Text: cl.Item.Feed + " release", URL: cl.Item.Link}}
	}
	return s
}

func deadlineName(cl store.Claim) string {
	if cl.Final() {
		return "Window closed"
	}
	return "Deadline"
}

// statusLabel says where a claim stands, resolution first.
func statusLabel(cl store.Claim) string {
	if r := cl.Resolution; r != nil {
		switch r.Kind {
		case store.ResolvedConfirmed:
			return "CONFIRMED BY NEWSROOM"
		case store.ResolvedDismissed:
			return "DISMISSED"
		}
	}
	d := cl.Decision
	s := strings.ToUpper(d.Status.String())
	switch {
	case d.Abstain == match.Unverified:
		s += " (UNVERIFIED: blind spot)"
	case d.Abstain == match.NeedsReview:
		s += " (NEEDS REVIEW)"
	}
	if d.Denied {
		s += " · DENIED"
	}
	if d.ConfirmedLate {
		s += " · CONFIRMED LATE"
	}
	return s
}

// toneOf is the reply tone of a claim.
func toneOf(cl store.Claim) Tone {
	if r := cl.Resolution; r != nil {
		if r.Kind == store.ResolvedDismissed {
			return ToneDismissed
		}
		return ToneConfirmed
	}
	switch cl.Decision.Status {
	case match.Confirmed:
		return ToneConfirmed
	case match.Partial:
		return TonePartial
	case match.Unconfirmed:
		return ToneUnconfirmed
	}
	return TonePending
}

// Stamp is how chat messages show a time: UTC to the minute, "-" for
// none.
func Stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// parseID reads a claim ID ("42" or "#42").
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErr("%q is not a claim ID (a number, as in show 42).", echo(s))
	}
	return id, nil
}

// claim fetches a claim, turning an absent one into a user error.
func (b *Bot) claim(ctx context.Context, id int64) (store.Claim, error) {
	cl, err := b.opts.Queries.Claim(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Claim{}, Userf("There is no claim #%d.", id)
	}
	if err != nil {
		return store.Claim{}, fmt.Errorf("read claim %d: %w", id, err)
	}
	return cl, nil
}

// channelOf is the channel name a request's actions are about: a CLI
// request names it; a chat request is mapped from its platform and ID.
func (b *Bot) channelOf(req Request) string {
	if req.Channel == "" {
		return ""
	}
	if req.Platform == "cli" {
		return req.Channel
	}
	return b.opts.ChannelName(store.ChannelKey{Platform: req.Platform, Target: req.Channel})
}

// action builds the record of a request's action.
func (b *Bot) action(c Call, claimID int64, kind store.ActionKind, args map[string]string) store.Action {
	return store.Action{ClaimID: claimID, Kind: kind, Actor: c.Actor(), Channel: b.channelOf(c.Request), Args: args, At: c.Now}
}

// record records an action that changes nothing else.
func (b *Bot) record(ctx context.Context, c Call, claimID int64, kind store.ActionKind, args map[string]string) error {
	if _, err := b.opts.Actions.RecordAction(ctx, b.action(c, claimID, kind, args)); err != nil {
		return fmt.Errorf("record %s: %w", kind, err)
	}
	return nil
}

func (b *Bot) runShow(ctx context.Context, c Call) (Reply, error) {
	id, err := parseID(c.Args[0])
	if err != nil {
		return Reply{}, err
	}
	cl, err := b.claim(ctx, id)
	if err != nil {
		return Reply{}, err
	}
	acts, err := b.opts.Queries.Actions(ctx, id)
	if err != nil {
		return Reply{}, fmt.Errorf("read actions of claim %d: %w", id, err)
	}
	if err := b.record(ctx, c, id, store.ActionShow, nil); err != nil {
		return Reply{}, err
	}
	return ClaimReply(cl, acts, b.opts.Language), nil
}

func (b *Bot) runFeeds(ctx context.Context, c Call) (Reply, error) {
	states, err := b.opts.Queries.FeedStates(ctx)
	if err != nil {
		return Reply{}, fmt.Errorf("read feed states: %w", err)
	}
	r := Reply{Title: fmt.Sprintf("Feeds: %d", len(states)), Tone: ToneInfo}
	if len(states) == 0 {
		r.Text = "No feed has been recorded yet."
		return r, nil
	}
	failing := 0
	for _, st := range states {
		health := "ok"
		switch {
		case st.Polls == 0:
			health = "never polled"
		case st.ErrorCount > 0:
			failing++
			health = fmt.Sprintf("FAILING ×%d (%s) since %s: %s", st.ErrorCount, st.LastErrorClass, Stamp(st.LastErrorAt), OneLine(st.LastError))
		}
		last := "never"
		if !st.LastSuccessAt.IsZero() {
			last = Stamp(st.LastSuccessAt)
		}
		r.Sections = append(r.Sections, Section{
			Heading: fmt.Sprintf("%s (%s): %s", st.Name, st.Side, health),
			Fields: []Field{
				{Name: "Last success", Value: last, Inline: true},
				{Name: "Items", Value: strconv.Itoa(st.Items), Inline: true},
				{Name: "Polls", Value: fmt.Sprintf("%d (%d failed)", st.Polls, st.Failures), Inline: true},
			},
		})
	}
	if failing > 0 {
		r.Tone = ToneError
		r.Text = fmt.Sprintf("%d of %d feeds are failing.", failing, len(states))
	} else {
		r.Text = "Every polled feed answered at its last poll."
	}
	return r, nil
}

// resolve records a confirmation or dismissal with the lifecycle update.
func (b *Bot) resolve(ctx context.Context, c Call, id int64, res store.Resolution, a store.Action) (store.Claim, error) {
	cl, err := b.claim(ctx, id)
	if err != nil {
		return store.Claim{}, err
	}
	var msgs []store.OutboxMessage
	if b.opts.Notifier != nil {
		after := cl
		after.Resolution = &res
		msgs, err = b.opts.Notifier.ActionMessages(ctx, after, a)
		if err != nil {
			return store.Claim{}, fmt.Errorf("lifecycle update of claim %d: %w", id, err)
		}
	}
	out, err := b.opts.Actions.Resolve(ctx, id, res, a, msgs)
	if errors.Is(err, store.ErrNotFound) {
		return store.Claim{}, Userf("There is no claim #%d.", id)
	}
	if err != nil {
		return store.Claim{}, fmt.Errorf("record %s of claim %d: %w", a.Kind, id, err)
	}
	return out, nil
}

func (b *Bot) runConfirm(ctx context.Context, c Call) (Reply, error) {
	id, err := parseID(c.Args[0])
	if err != nil {
		return Reply{}, err
	}
	raw := strings.TrimSpace(c.Args[1])
	if _, ok := SafeURL(raw); !ok {
		return Reply{}, usageErr("The confirmation needs a link to it: an http or https URL, without user name or password (got %q).", echo(raw))
	}
	note := strings.Join(c.Args[2:], " ")
	res := store.Resolution{Kind: store.ResolvedConfirmed, URL: raw, Note: note, By: c.Actor(), At: c.Now}
	a := b.action(c, id, store.ActionConfirm, map[string]string{"url": raw, "note": note})
	cl, err := b.resolve(ctx, c, id, res, a)
	if err != nil {
		return Reply{}, err
	}
	r := Reply{Title: fmt.Sprintf("Claim #%d marked confirmed", id), Tone: ToneConfirmed,
		Text: cl.Item.Title,
		Sections: []Section{{
			Fields: []Field{{Name: "By", Value: who(c.Request), Inline: true}, {Name: "At", Value: Stamp(c.Now), Inline: true}},
			Links:  []Link{{Text: "Confirmation", URL: raw}},
		}}}
	if note != "" {
		r.Sections[0].Fields = append(r.Sections[0].Fields, Field{Name: "Note", Value: note})
	}
	return r, nil
}

func (b *Bot) runDismiss(ctx context.Context, c Call) (Reply, error) {
	id, err := parseID(c.Args[0])
	if err != nil {
		return Reply{}, err
	}
	reason := strings.TrimSpace(strings.Join(c.Args[1:], " "))
	if reason == "" {
		return Reply{}, usageErr("Say why it is not a claim: the reason is kept for the engine's evaluation.")
	}
	res := store.Resolution{Kind: store.ResolvedDismissed, Reason: reason, By: c.Actor(), At: c.Now}
	a := b.action(c, id, store.ActionDismiss, map[string]string{"reason": reason})
	cl, err := b.resolve(ctx, c, id, res, a)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Title: fmt.Sprintf("Claim #%d dismissed", id), Tone: ToneDismissed, Text: cl.Item.Title,
		Sections: []Section{{Fields: []Field{{Name: "Reason", Value: reason},
			{Name: "By", Value: who(c.Request), Inline: true}, {Name: "At", Value: Stamp(c.Now), Inline: true}}}}}, nil
}

func (b *Bot) muteRunner(muted bool) func(context.Context, Call) (Reply, error) {
	return func(ctx context.Context, c Call) (Reply, error) {
		id, err := parseID(c.Args[0])
		if err != nil {
			return Reply{}, err
		}
		channel := b.channelOf(c.Request)
		if channel == "" {
			return Reply{}, usageErr("Say which channel: mute works per channel.")
		}
		cl, err := b.claim(ctx, id)
		if err != nil {
			return Reply{}, err
		}
		kind := store.ActionMute
		if !muted {
			kind = store.ActionUnmute
		}
		a := b.action(c, id, kind, nil)
		if err := b.opts.Actions.SetMute(ctx, id, channel, muted, a); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return Reply{}, Userf("There is no claim #%d.", id)
			}
			return Reply{}, fmt.Errorf("%s claim %d: %w", kind, id, err)
		}
		if b.opts.Notifier != nil {
			msgs, err := b.opts.Notifier.ActionMessages(ctx, cl, a)
			if err != nil {
				return Reply{}, fmt.Errorf("lifecycle update of claim %d: %w", id, err)
			}
			if len(msgs) > 0 {
				if _, err := b.opts.Actions.Enqueue(ctx, msgs); err != nil {
					return Reply{}, fmt.Errorf("enqueue %s update of claim %d: %w", kind, id, err)
				}
			}
		}
		title := fmt.Sprintf("Claim #%d muted in this channel", id)
		text := "Its updates will not be posted here. Type unmute " + strconv.FormatInt(id, 10) + " to undo."
		if !muted {
			title = fmt.Sprintf("Claim #%d unmuted in this channel", id)
			text = "Its updates will be posted here again."
		}
		return Reply{Title: title, Tone: ToneInfo, Text: text,
			Sections: []Section{{Lines: []string{cl.Item.Title}}}}, nil
	}
}

// who names the person behind a request: the actor, with the display name
// when the platform gave one.
func who(req Request) string {
	if req.UserName != "" && req.UserName != req.User {
		return req.UserName + " (" + req.Actor() + ")"
	}
	return req.Actor()
}

// chatChannel is the channel a subscription from chat is for.
func chatChannel(req Request) (store.ChannelKey, error) {
	if req.Platform == "cli" || req.Platform == "" || req.Channel == "" {
		return store.ChannelKey{}, Userf("Subscriptions are made from the chat channel that should receive the alerts; configured channels live in the config file.")
	}
	return store.ChannelKey{Platform: req.Platform, Target: req.Channel}, nil
}

// parseFilters reads a subscription's filters.
func (b *Bot) parseFilters(args []string) (store.Filters, string, error) {
	var f store.Filters
	lang := ""
	for _, a := range args {
		w := strings.ToLower(a)
		if st, ok := statusWords[w]; ok {
			f.Statuses = appendNew(f.Statuses, st.String())
			continue
		}
		if b.isSide(w) {
			f.Sides = appendNew(f.Sides, w)
			continue
		}
		k, v, ok := splitFilter(a)
		if !ok {
			return f, "", usageErr("I do not know the filter %q.", echo(a))
		}
		for _, v := range strings.Split(v, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			switch k {
			case "side", "sides":
				if !b.isSide(strings.ToLower(v)) {
					return f, "", usageErr("Unknown side %q (%s).", echo(v), strings.Join(b.opts.Sides, ", "))
				}
				f.Sides = appendNew(f.Sides, strings.ToLower(v))
			case "status", "statuses":
				w := strings.ToLower(v)
				if w == "unverified" || w == "needs_review" {
					f.Statuses = appendNew(f.Statuses, w)
					continue
				}
				st, ok := statusWords[w]
				if !ok {
					return f, "", usageErr("Unknown status %q (pending, partial, unconfirmed, confirmed, unverified, needs_review).", echo(v))
				}
				f.Statuses = appendNew(f.Statuses, st.String())
			case "feed", "feeds":
				f.Feeds = appendNew(f.Feeds, v)
			case "concept", "concepts":
				if b.opts.Lexicon != nil && b.opts.Lexicon.Entry(v) == nil {
					return f, "", Userf("Unknown concept %q: concepts are the engine's IDs, such as those show lists.", echo(v))
				}
				f.Concepts = appendNew(f.Concepts, v)
			case "keyword", "keywords":
				f.Keywords = appendNew(f.Keywords, v)
			case "importance", "min_importance":
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > 3 {
					return f, "", usageErr("Importance is 1 (low), 2 (normal) or 3 (high).")
				}
				f.MinImportance = n
			case "lang", "language":
				if v != "en" && v != "es" {
					return f, "", usageErr("Language is en or es.")
				}
				lang = v
			default:
				return f, "", usageErr("I do not know the filter %q.", echo(k))
			}
		}
	}
	return f, lang, nil
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// describeFilters says in words what a subscription receives.
func describeFilters(f store.Filters) []string {
	var out []string
	add := func(name string, xs []string) {
		if len(xs) > 0 {
			out = append(out, name+": "+strings.Join(xs, ", "))
		}
	}
	add("Sides", f.Sides)
	add("Statuses", f.Statuses)
	add("Feeds", f.Feeds)
	add("Concepts", f.Concepts)
	add("Keywords", f.Keywords)
	if f.MinImportance > 0 {
		out = append(out, "Importance: at least "+strconv.Itoa(f.MinImportance))
	}
	if len(out) == 0 {
		out = []string{"Every alert."}
	}
	return out
}

func (b *Bot) runSubscribe(ctx context.Context, c Call) (Reply, error) {
	key, err := chatChannel(c.Request)
	if err != nil {
		return Reply{}, err
	}
	f, lang, err := b.parseFilters(c.Args)
	if err != nil {
		return Reply{}, err
	}
	sub, err := b.opts.Actions.Subscribe(ctx, store.Subscription{Channel: key, Language: lang, Filters: f, By: c.Actor(), At: c.Now})
	if err != nil {
		return Reply{}, fmt.Errorf("subscribe %s: %w", key.Platform, err)
	}
	desc := describeFilters(sub.Filters)
	if err := b.record(ctx, c, 0, store.ActionSubscribe, map[string]string{"filters": strings.Join(desc, "; "), "language": lang}); err != nil {
		return Reply{}, err
	}
	return Reply{Title: "This channel is subscribed", Tone: ToneInfo,
		Text:     "New claims, confirmations and deadline alerts that match will be posted here.",
		Sections: []Section{{Heading: "Filters", Lines: desc}}}, nil
}

func (b *Bot) runUnsubscribe(ctx context.Context, c Call) (Reply, error) {
	key, err := chatChannel(c.Request)
	if err != nil {
		return Reply{}, err
	}
	if err := b.opts.Actions.Unsubscribe(ctx, key); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return Reply{}, Userf("This channel has no subscription (alerts configured in the config file are changed there).")
		}
		return Reply{}, fmt.Errorf("unsubscribe %s: %w", key.Platform, err)
	}
	if err := b.record(ctx, c, 0, store.ActionUnsubscribe, nil); err != nil {
		return Reply{}, err
	}
	return Reply{Title: "This channel is unsubscribed", Tone: ToneInfo, Text: "Alerts from the subscription will no longer be posted here."}, nil
}

func (b *Bot) runDigest(ctx context.Context, c Call) (Reply, error) {
	if b.opts.Digester == nil {
		return Reply{Title: "Digests are not configured", Tone: ToneInfo,
			Text: "This gapwatch sends no periodic digest; list shows the open gaps now."}, nil
	}
	p, err := b.opts.Digester.Preview(ctx, c.Now)
	if err != nil {
		return Reply{}, fmt.Errorf("digest preview: %w", err)
	}
	r := Reply{Title: p.Title, Tone: ToneInfo, Text: p.Text, MoreURL: p.URL}
	if p.URL != "" {
		r.Sections = []Section{{Links: []Link{{Text: "Full digest", URL: p.URL}}}}
	}
	return r, nil
}

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
