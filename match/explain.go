package match

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Label is how an id reads in each newsroom language.
type Label struct {
	EN string `json:"en"`
	ES string `json:"es"`
}

// ExplainedUnit is one commitment as the explanation shows it.
type ExplainedUnit struct {
	Action   CueClass `json:"action"`
	Quote    string   `json:"quote"`
	Objects  []string `json:"objects,omitempty"`
	Places   []string `json:"places,omitempty"`
	Outcome  Outcome  `json:"outcome"`
	Evidence string   `json:"evidence,omitempty"`
	Sentence string   `json:"sentence,omitempty"`
	Missing  []string `json:"missing,omitempty"`
}

// Explanation is the evidence behind a decision, laid out for a journalist's
// 30-second check: the claim, its commitments, the other side's items that
// cover the same event and what they share, what is missing, the window and
// any blind spot.
type Explanation struct {
	Status        Status           `json:"status"`
	Abstain       Abstention       `json:"abstain"`
	Denied        bool             `json:"denied"`
	ConfirmedLate bool             `json:"confirmed_late"`
	ClaimFeed     string           `json:"claim_feed"`
	ClaimTitle    string           `json:"claim_title"`
	ClaimLink     string           `json:"claim_link"`
	Published     time.Time        `json:"published"`
	Units         []ExplainedUnit  `json:"units"`
	SameEvent     []CandidateScore `json:"same_event,omitempty"`
	Nearest       *CandidateScore  `json:"nearest,omitempty"`
	WindowFrom    time.Time        `json:"window_from"`
	WindowTo      time.Time        `json:"window_to"`
	Outages       []FeedCoverage   `json:"outages,omitempty"`
	// Watch lists the other side's offices searched and those not watched (watched.go).
	Watch *WatchNote `json:"watch,omitempty"`
	// Labels maps the ids shown to their words in each language.
	Labels map[string]Label `json:"labels,omitempty"`
	// Language is the newsroom language the engine was set up with, used
	// when Text is asked for no language.
	Language string `json:"language,omitempty"`
}

func (e *Engine) label(id string) Label {
	ent := e.lex.entries[id]
	if ent == nil {
		w := strings.ReplaceAll(id, "_", " ")
		return Label{EN: w, ES: w}
	}
	l := Label{EN: strings.ReplaceAll(id, "_", " "), ES: strings.ReplaceAll(id, "_", " ")}
	if len(ent.EN) > 0 {
		l.EN = ent.EN[0]
	}
	if len(ent.ES) > 0 {
		l.ES = ent.ES[0]
	}
	return l
}

func (e *Engine) explain(claim *Analysis, d Decision, cov Coverage) Explanation {
	it := claim.Item
	x := Explanation{Status: d.Status, Abstain: d.Abstain, Denied: d.Denied, ConfirmedLate: d.ConfirmedLate,
		ClaimFeed: it.Feed, ClaimTitle: it.Title, ClaimLink: it.Link, Published: it.Published,
		WindowFrom: it.Published.Add(-e.opts.Lookback), WindowTo: d.Deadline, Labels: map[string]Label{},
		Language: e.opts.Language}
	titles := map[Ref]string{}
	for _, c := range d.Considered {
		titles[c.Ref] = c.Title
		if c.SameEvent {
			x.SameEvent = append(x.SameEvent, c)
		} else if x.Nearest == nil {
			cc := c
			x.Nearest = &cc
		}
	}
	ids := map[string]bool{}
	for _, r := range d.Units {
		u := ExplainedUnit{Action: r.Unit.Action, Quote: r.Unit.Text, Objects: r.Unit.Objects, Places: r.Unit.Places,
			Outcome: r.Outcome, Sentence: r.Sentence, Missing: r.Missing}
		if r.Evidence != nil {
			u.Evidence = r.Evidence.Feed + " “" + titles[*r.Evidence] + "”"
		}
		for _, id := range append(append(append([]string{}, u.Objects...), u.Places...), u.Missing...) {
			ids[id] = true
		}
		x.Units = append(x.Units, u)
	}
	for _, c := range x.SameEvent {
		for _, id := range append(append(append(append([]string{}, c.Concepts...), c.People...), c.Places...), c.Agencies...) {
			ids[id] = true
		}
	}
	if x.Nearest != nil {
		for _, id := range append(append([]string{}, x.Nearest.Concepts...), x.Nearest.Places...) {
			ids[id] = true
		}
	}
	for id := range ids {
		x.Labels[id] = e.label(id)
	}
	if d.Abstain == Unverified {
		x.Outages = cov.below(Other(it.Side), e.opts.MinCoverage)
	}
	x.Watch = e.watchNote(claim, x.Labels)
	return x
}

// ExplanationText renders the decision's explanation in plain words, in
// lang ("en" or "es"; "" takes the engine's newsroom language).
func (d Decision) ExplanationText(lang string) string { return d.Explanation.Text(lang) }

type phrases struct {
	status                                          map[Status]string
	abstain                                         map[Abstention]string
	outcome                                         map[Outcome]string
	action                                          map[CueClass]string
	denied, late, commitments, same, none, matched  string
	nearest, notLinked, window, outage, publishedOn string
	missing, evidence, concepts, people, places     string
	agencies, dates                                 string
}

var texts = map[string]phrases{
	"en": {
		status:  map[Status]string{Pending: "PENDING", Confirmed: "CONFIRMED", Partial: "PARTIAL", Unconfirmed: "UNCONFIRMED"},
		abstain: map[Abstention]string{Unverified: "UNVERIFIED (blind spot)", NeedsReview: "NEEDS REVIEW (weak evidence)"},
		outcome: map[Outcome]string{Absent: "NOT STATED", Discussed: "ONLY DISCUSSED", Contradicted: "CONTRADICTED", Stated: "STATED"},
		action: map[CueClass]string{CueAgree: "AGREEMENT", CueCommit: "COMMITMENT", CueDecide: "DECISION", CueSign: "SIGNING",
			CueJoint: "JOINT ACTION", CueImplement: "ACTION", CuePosition: "POSITION", CueHedge: "WEAK COMMITMENT"},
		denied: "The other side contradicts the claim.", late: "Confirmed late by", commitments: "Commitments:",
		same: "Same event:", none: "Same event: none of the other side's items in the window covers it.",
		matched: "shares", nearest: "Nearest other item:", notLinked: "not linked", window: "Window:",
		outage: "Blind spot:", publishedOn: "published", missing: "missing", evidence: "in",
		concepts: "topics", people: "people", places: "places", agencies: "agencies", dates: "dates",
	},
	"es": {
		status:  map[Status]string{Pending: "PENDIENTE", Confirmed: "CONFIRMADO", Partial: "PARCIAL", Unconfirmed: "NO CONFIRMADO"},
		abstain: map[Abstention]string{Unverified: "SIN VERIFICAR (punto ciego)", NeedsReview: "REQUIERE REVISIÓN (evidencia débil)"},
		outcome: map[Outcome]string{Absent: "NO SE MENCIONA", Discussed: "SOLO SE CONVERSÓ", Contradicted: "LO CONTRADICE", Stated: "SE AFIRMA"},
		action: map[CueClass]string{CueAgree: "ACUERDO", CueCommit: "COMPROMISO", CueDecide: "DECISIÓN", CueSign: "FIRMA",
			CueJoint: "ACCIÓN CONJUNTA", CueImplement: "ACCIÓN", CuePosition: "POSTURA", CueHedge: "COMPROMISO DÉBIL"},
		denied: "La otra parte contradice lo afirmado.", late: "Confirmado tarde por", commitments: "Compromisos:",
		same: "Mismo evento:", none: "Mismo evento: ningún comunicado de la otra parte en la ventana lo aborda.",
		matched: "comparte", nearest: "Comunicado más cercano:", notLinked: "no vinculado", window: "Ventana:",
		outage: "Punto ciego:", publishedOn: "publicado", missing: "falta", evidence: "en",
		concepts: "temas", people: "personas", places: "lugares", agencies: "dependencias", dates: "fechas",
	},
}

// Text renders the explanation in lang ("en" or "es"; "" takes the
// engine's language, else English)
// in a fixed layout built only from the evidence.
func (x Explanation) Text(lang string) string {
	if lang == "" {
		lang = x.Language
	}
	if lang != "es" {
		lang = "en"
	}
	p := texts[lang]
	lbl := func(ids []string) string {
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			l, ok := x.Labels[id]
			switch {
			case !ok:
				out = append(out, strings.ReplaceAll(id, "_", " "))
			case lang == "es":
				out = append(out, l.ES)
			default:
				out = append(out, l.EN)
			}
		}
		return strings.Join(out, ", ")
	}
	var b strings.Builder
	head := p.status[x.Status]
	if a, ok := p.abstain[x.Abstain]; ok {
		head += " · " + a
	}
	fmt.Fprintf(&b, "%s — %s %s %s “%s”\n", head, x.ClaimFeed, p.publishedOn, stamp(x.Published), x.ClaimTitle)
	if x.Denied {
		b.WriteString(p.denied + "\n")
	}
	b.WriteString(p.commitments + "\n")
	for i, u := range x.Units {
		fmt.Fprintf(&b, "  %d. %s", i+1, p.action[u.Action])
		if len(u.Objects) > 0 {
			fmt.Fprintf(&b, " · %s", lbl(u.Objects))
		}
		if len(u.Places) > 0 {
			fmt.Fprintf(&b, " · %s", lbl(u.Places))
		}
		fmt.Fprintf(&b, " — %s", p.outcome[u.Outcome])
		if u.Evidence != "" && u.Outcome != Absent {
			fmt.Fprintf(&b, " %s %s", p.evidence, u.Evidence)
		}
		if len(u.Missing) > 0 && u.Outcome != Stated {
			fmt.Fprintf(&b, " (%s: %s)", p.missing, lbl(u.Missing))
		}
		fmt.Fprintf(&b, "\n     “%s”\n", clip(u.Quote, 220))
	}
	if len(x.SameEvent) == 0 {
		b.WriteString(p.none + "\n")
	}
	for _, c := range x.SameEvent {
		fmt.Fprintf(&b, "%s %s %s %s “%s” — %s %s\n", p.same, c.Ref.Feed, p.publishedOn, stamp(c.Published), c.Title,
			p.matched, anchors(p, lbl, c))
	}
	if x.Nearest != nil {
		fmt.Fprintf(&b, "%s %s %s %s “%s” — %s (%s)\n", p.nearest, x.Nearest.Ref.Feed, p.publishedOn, stamp(x.Nearest.Published),
			x.Nearest.Title, p.notLinked, x.Nearest.Reason)
	}
	for _, o := range x.Outages {
		fmt.Fprintf(&b, "%s %s\n", p.outage, outageText(lang, o))
	}
	b.WriteString(x.Watch.text(lang, x.Labels))
	fmt.Fprintf(&b, "%s %s → %s", p.window, stamp(x.WindowFrom), stamp(x.WindowTo))
	return b.String()
}

func anchors(p phrases, lbl func([]string) string, c CandidateScore) string {
	var parts []string
	add := func(name string, ids []string) {
		if len(ids) > 0 {
			parts = append(parts, name+": "+lbl(ids))
		}
	}
	add(p.concepts, c.Concepts)
	add(p.people, c.People)
	add(p.agencies, c.Agencies)
	add(p.places, c.Places)
	if len(c.Dates) > 0 {
		parts = append(parts, p.dates+": "+strings.Join(c.Dates, ", "))
	}
	return strings.Join(parts, " · ")
}

// outageText names an outage in plain words ("State feed failing 31 of
// 168 hours").
func outageText(lang string, o FeedCoverage) string {
	fail := int(o.Failing.Round(time.Hour).Hours())
	watched := int(o.Watched.Round(time.Hour).Hours())
	if lang == "es" {
		return fmt.Sprintf("la fuente %s falló %d de %d horas", o.Feed, fail, watched)
	}
	return fmt.Sprintf("%s feed failing %d of %d hours", o.Feed, fail, watched)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// sortRefs sorts refs by feed and GUID.
func sortRefs(rs []Ref) { sort.Slice(rs, func(i, j int) bool { return refLess(rs[i], rs[j]) }) }
