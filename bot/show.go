package bot

import (
	"fmt"
	"strings"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// outcomeWords say what the other side did with one commitment.
var outcomeWords = map[match.Outcome]string{
	match.Absent:       "not stated by the other side",
	match.Discussed:    "only discussed by the other side",
	match.Contradicted: "contradicted by the other side",
	match.Stated:       "stated by the other side",
}

// actionWords name a commitment's kind.
var actionWords = map[match.CueClass]string{
	match.CueAgree: "Agreement", match.CueCommit: "Commitment", match.CueDecide: "Decision", match.CueSign: "Signing",
	match.CueJoint: "Joint action", match.CueImplement: "Action", match.CuePosition: "Position", match.CueHedge: "Weak commitment",
}

// ClaimReply lays out a claim's evidence for a journalist's check: the
// claim, its commitments and what the other side did with each, the other
// side's items (same event or nearest) with the topics they share, what is
// missing, any blind spot, and the newsroom's resolution and actions. lang
// ("en" or "es") picks the language of the engine's labels.
func ClaimReply(cl store.Claim, actions []store.Action, lang string) Reply {
	x := cl.Decision.Explanation
	label := func(ids []string) string {
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			l, ok := x.Labels[id]
			switch {
			case !ok:
				out = append(out, strings.ReplaceAll(id, "_", " "))
			case lang == "es" && l.ES != "":
				out = append(out, l.ES)
			case l.EN != "":
				out = append(out, l.EN)
			default:
				out = append(out, strings.ReplaceAll(id, "_", " "))
			}
		}
		return strings.Join(out, ", ")
	}
	it := cl.Item
	r := Reply{
		Title: fmt.Sprintf("#%d %s — %s", cl.ID, statusLabel(cl), it.Title),
		Tone:  toneOf(cl),
	}
	head := Section{Fields: []Field{
		{Name: "Side", Value: it.Side, Inline: true},
		{Name: "Feed", Value: it.Feed, Inline: true},
		{Name: "Published", Value: Stamp(it.Published), Inline: true},
		{Name: deadlineName(cl), Value: Stamp(cl.Decision.Deadline), Inline: true},
	}}
	if it.Link != "" {
		head.Links = append(head.Links, Link{Text: "Claim: " + it.Feed + " release", URL: it.Link})
	}
	r.Sections = append(r.Sections, head)
	if cl.Decision.Denied {
		r.Text = "The other side contradicts the claim."
	}

	// Commitments and what became of each.
	var commits, missing []string
	for i, u := range x.Units {
		line := fmt.Sprintf("%d. %s", i+1, actionWords[u.Action])
		if len(u.Objects) > 0 {
			line += " · " + label(u.Objects)
		}
		if len(u.Places) > 0 {
			line += " · " + label(u.Places)
		}
		line += " — " + outcomeWords[u.Outcome]
		if u.Evidence != "" && u.Outcome != match.Absent {
			line += " in " + u.Evidence
		}
		line += ": “" + OneLine(u.Quote) + "”"
		commits = append(commits, line)
		if u.Outcome != match.Stated {
			m := fmt.Sprintf("%d. %s", i+1, OneLine(u.Quote))
			if len(u.Missing) > 0 {
				m += " (missing: " + label(u.Missing) + ")"
			}
			missing = append(missing, m)
		}
	}
	if len(commits) > 0 {
		r.Sections = append(r.Sections, Section{Heading: "Commitments", Lines: commits})
	}

	// The other side's items.
	same := map[match.Ref]match.CandidateScore{}
	for _, c := range x.SameEvent {
		same[c.Ref] = c
	}
	ev := Section{Heading: "Other side's items"}
	for _, o := range cl.Evidence {
		ref := match.RefOf(o)
		line := fmt.Sprintf("%s · %s · %s", o.Feed, Stamp(o.Published), o.Title)
		switch c, ok := same[ref]; {
		case ok:
			line += " — same event"
			if shared := sharedText(c, label); shared != "" {
				line += "; shares " + shared
			}
		case cl.Decision.LateMatch != nil && *cl.Decision.LateMatch == ref:
			line += " — confirms it, after the deadline"
		case x.Nearest != nil && x.Nearest.Ref == ref:
			line += " — not linked"
			if x.Nearest.Reason != "" {
				line += " (" + x.Nearest.Reason + ")"
			}
		default:
			line += " — considered"
		}
		ev.Lines = append(ev.Lines, line)
		if o.Link != "" {
			ev.Links = append(ev.Links, Link{Text: o.Feed + ": " + o.Title, URL: o.Link})
		}
	}
	if len(ev.Lines) == 0 {
		ev.Lines = []string{"None of the other side's items in the window covers the same event."}
	}
	r.Sections = append(r.Sections, ev)
	if len(missing) > 0 {
		r.Sections = append(r.Sections, Section{Heading: "Not confirmed by the other side", Lines: missing})
	}
	if len(x.Outages) > 0 {
		var lines []string
		for _, o := range x.Outages {
			lines = append(lines, fmt.Sprintf("%s feed failing %.0f of %.0f hours of the window", o.Feed, o.Failing.Hours(), o.Watched.Hours()))
		}
		r.Sections = append(r.Sections, Section{Heading: "Blind spot", Lines: lines})
	}
	if d := cl.Decision; d.ConfirmedLate && d.LateMatch != nil {
		line := "By " + d.LateMatch.Feed + " item " + d.LateMatch.GUID
		for _, o := range cl.Evidence {
			if match.RefOf(o) == *d.LateMatch {
				line = fmt.Sprintf("By %s · %s · %s", o.Feed, Stamp(o.Published), o.Title)
			}
		}
		r.Sections = append(r.Sections, Section{Heading: "Confirmed late", Lines: []string{line}})
	}
	r.Sections = append(r.Sections, Section{Heading: "Window", Lines: []string{Stamp(x.WindowFrom) + " → " + Stamp(x.WindowTo)}})

	// The newsroom's part.
	var news Section
	news.Heading = "Newsroom"
	if res := cl.Resolution; res != nil {
		switch res.Kind {
		case store.ResolvedConfirmed:
			line := fmt.Sprintf("Confirmed by %s on %s", res.By, Stamp(res.At))
			if res.Note != "" {
				line += ": " + res.Note
			}
			news.Lines = append(news.Lines, line)
			news.Links = append(news.Links, Link{Text: "Confirmation", URL: res.URL})
		case store.ResolvedDismissed:
			news.Lines = append(news.Lines, fmt.Sprintf("Dismissed by %s on %s: %s", res.By, Stamp(res.At), res.Reason))
		}
	}
	const maxActions = 5
	start := 0
	var shown []store.Action
	for _, a := range actions {
		if a.Kind == store.ActionShow || a.Kind == store.ActionList || a.Kind == store.ActionSearch {
			continue
		}
		shown = append(shown, a)
	}
	if len(shown) > maxActions {
		start = len(shown) - maxActions
	}
	for _, a := range shown[start:] {
		line := fmt.Sprintf("%s %s %s", Stamp(a.At), a.Actor, a.Kind)
		if a.Channel != "" {
			line += " in " + a.Channel
		}
		news.Lines = append(news.Lines, line)
	}
	if len(news.Lines) > 0 {
		r.Sections = append(r.Sections, news)
	}
	return r
}

// sharedText lists what a same-event item shares with the claim.
func sharedText(c match.CandidateScore, label func([]string) string) string {
	var parts []string
	add := func(name string, ids []string) {
		if len(ids) > 0 {
			parts = append(parts, name+": "+label(ids))
		}
	}
	add("topics", c.Concepts)
	add("people", c.People)
	add("agencies", c.Agencies)
	add("places", c.Places)
	if len(c.Dates) > 0 {
		parts = append(parts, "dates: "+strings.Join(c.Dates, ", "))
	}
	return strings.Join(parts, "; ")
}
