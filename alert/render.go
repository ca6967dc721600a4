package alert

import (
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// words are the fixed phrases of plain-text messages.
type words struct {
	newClaim, confirmed, final, late, unverified, revised, withdrawn, resolvedOK, dismissed string
	feedDown, feedUp                                                                        string
	says, watching, until, confirmedBy, lateBy, link, evidence, revision, verdict           string
	noLonger, by, note, reason, since, commitments                                          string
}

var vocab = map[string]words{
	"en": {
		newClaim: "NEW CLAIM", confirmed: "CONFIRMED", final: "DEADLINE PASSED", late: "CONFIRMED LATE",
		unverified: "UNVERIFIED", revised: "EDITED", withdrawn: "WITHDRAWN", resolvedOK: "CONFIRMED BY THE NEWSROOM",
		dismissed: "DISMISSED", feedDown: "FEED DOWN", feedUp: "FEED RECOVERED",
		says: "says", watching: "Watching %s for a confirmation until %s.", until: "until",
		confirmedBy: "Confirmed by", lateBy: "Confirmed after the deadline by", link: "Link", evidence: "Evidence",
		revision: "The publisher edited the claim (revision %d).", verdict: "Current verdict",
		noLonger: "The claim is no longer in the %s feed.", by: "by", note: "note", reason: "reason",
		since: "since", commitments: "Commitments",
	},
	"es": {
		newClaim: "NUEVA AFIRMACIÓN", confirmed: "CONFIRMADO", final: "VENCIÓ EL PLAZO", late: "CONFIRMADO TARDE",
		unverified: "SIN VERIFICAR", revised: "EDITADO", withdrawn: "RETIRADO", resolvedOK: "CONFIRMADO POR LA REDACCIÓN",
		dismissed: "DESCARTADO", feedDown: "FUENTE CAÍDA", feedUp: "FUENTE RECUPERADA",
		says: "afirma", watching: "Se vigila a %s en espera de confirmación hasta el %s.", until: "hasta",
		confirmedBy: "Confirmado por", lateBy: "Confirmado después del plazo por", link: "Enlace", evidence: "Evidencia",
		revision: "La fuente editó la afirmación (versión %d).", verdict: "Veredicto actual",
		noLonger: "La afirmación ya no aparece en la fuente %s.", by: "por", note: "nota", reason: "motivo",
		since: "desde", commitments: "Compromisos",
	},
}

func vocabFor(lang string) words {
	if lang == "es" {
		return vocab["es"]
	}
	return vocab["en"]
}

// claimText is what a plain-text claim message needs.
type claimText struct {
	Event    string
	Item     match.Item
	Decision match.Decision
	// Other names the side being watched ("us").
	Other string
	// Links maps the other side's items to their links.
	Links map[match.Ref]string
	// Resolution is set for a resolved event.
	Resolution *store.Resolution
	// EvidenceURL is the evidence page ("" if none).
	EvidenceURL string
}

// RenderClaim renders a claim event as plain text in lang, with times in loc.
func renderClaim(c claimText, lang string, loc *time.Location) string {
	w := vocabFor(lang)
	d, it := c.Decision, c.Item
	var b strings.Builder
	head := map[string]string{
		EventNewClaim: w.newClaim, EventConfirmed: w.confirmed, EventFinal: w.final, EventConfirmedLate: w.late,
		EventUnverified: w.unverified, EventRevised: w.revised, EventWithdrawn: w.withdrawn,
	}[c.Event]
	if c.Event == EventResolved && c.Resolution != nil {
		head = w.resolvedOK
		if c.Resolution.Kind == store.ResolvedDismissed {
			head = w.dismissed
		}
	}
	fmt.Fprintf(&b, "%s — %s %s: “%s”\n", head, it.Feed, w.says, oneLine(it.Title))
	if it.Link != "" {
		fmt.Fprintf(&b, "%s: %s\n", w.link, it.Link)
	}
	switch c.Event {
	case EventNewClaim:
		b.WriteString(w.commitments + ":\n")
		for i, u := range d.Units {
			fmt.Fprintf(&b, "  %d. “%s”\n", i+1, clip(u.Unit.Text, 240))
		}
		fmt.Fprintf(&b, w.watching+"\n", c.Other, stamp(d.Deadline, loc))
	case EventConfirmed:
		for _, r := range d.Matches {
			fmt.Fprintf(&b, "%s %s %s\n", w.confirmedBy, r.Feed, c.Links[r])
		}
		b.WriteString(d.ExplanationText(lang) + "\n")
	case EventConfirmedLate:
		if d.LateMatch != nil {
			fmt.Fprintf(&b, "%s %s %s\n", w.lateBy, d.LateMatch.Feed, c.Links[*d.LateMatch])
		}
		b.WriteString(d.ExplanationText(lang) + "\n")
	case EventFinal, EventUnverified:
		b.WriteString(d.ExplanationText(lang) + "\n")
		for _, cs := range d.Considered {
			if l := c.Links[cs.Ref]; l != "" && cs.SameEvent {
				fmt.Fprintf(&b, "%s (%s): %s\n", w.link, cs.Ref.Feed, l)
			}
		}
	case EventRevised:
		fmt.Fprintf(&b, w.revision+"\n", it.Revision)
		fmt.Fprintf(&b, "%s: %s\n", w.verdict, statusWord(StatusName(d), lang))
	case EventWithdrawn:
		fmt.Fprintf(&b, w.noLonger+"\n", it.Feed)
	case EventResolved:
		if r := c.Resolution; r != nil {
			fmt.Fprintf(&b, "%s %s", w.by, r.By)
			if r.URL != "" {
				fmt.Fprintf(&b, " — %s", r.URL)
			}
			if r.Note != "" {
				fmt.Fprintf(&b, " (%s: %s)", w.note, oneLine(r.Note))
			}
			if r.Reason != "" {
				fmt.Fprintf(&b, " (%s: %s)", w.reason, oneLine(r.Reason))
			}
			b.WriteString("\n")
		}
	}
	if c.EvidenceURL != "" {
		fmt.Fprintf(&b, "%s: %s\n", w.evidence, c.EvidenceURL)
	}
	return strings.TrimRight(b.String(), "\n")
}

// renderFeed renders a feed alert as plain text.
func renderFeed(h FeedHealth, lang string, loc *time.Location) string {
	w := vocabFor(lang)
	head := w.feedUp
	if h.Down {
		head = w.feedDown
	}
	s := fmt.Sprintf("%s — %s (%s) %s %s", head, h.Feed.Name, h.Feed.Side, w.since, stamp(h.Since, loc))
	if h.Reason != "" {
		s += ": " + h.Reason
	}
	return s
}

// statusWords are the Spanish status names; English upper-cases the ID.
var statusWords = map[string]string{"pending": "PENDIENTE", "confirmed": "CONFIRMADO", "partial": "PARCIAL",
	"unconfirmed": "NO CONFIRMADO", "unverified": "SIN VERIFICAR", "needs_review": "REQUIERE REVISIÓN"}

func statusWord(status, lang string) string {
	if w, ok := statusWords[status]; ok && lang == "es" {
		return w
	}
	return strings.ToUpper(strings.ReplaceAll(status, "_", " "))
}

func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "?"
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	s = oneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
