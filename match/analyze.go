package match

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Annotation is one lexicon entry recognised in a sentence, with its span.
type Annotation struct {
	// ID is the concept or gazetteer id.
	ID string `json:"id"`
	// Kind is KindConcept or the gazetteer kind.
	Kind string `json:"kind"`
	// Side is the gazetteer side (mx, us, both, "").
	Side string `json:"side,omitempty"`
	// Sentence is the sentence index; Tok and TokEnd the token range in it.
	Sentence int `json:"sentence"`
	Tok      int `json:"tok"`
	TokEnd   int `json:"tok_end"`
	// Start and End are byte offsets in the analysed text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Surface is the text as written.
	Surface string `json:"surface"`
	// AsPlace marks a government name used as a place ("headed to Mexico"),
	// which is not a party.
	AsPlace bool `json:"as_place,omitempty"`
}

// CueHit is one cue phrase found in a sentence.
type CueHit struct {
	Classes []CueClass `json:"classes"`
	Tok     int        `json:"tok"`
	TokEnd  int        `json:"tok_end"`
	Surface string     `json:"surface"`
	// Future marks a future-tense verb found by morphology ("aplicará",
	// "will apply").
	Future bool `json:"future,omitempty"`
}

func (c CueHit) has(class CueClass) bool { return hasClass(c.Classes, class) }

// Sentence is one sentence of an analysed item with its tokens, entries
// and cues.
type Sentence struct {
	Index  int          `json:"index"`
	Start  int          `json:"start"`
	End    int          `json:"end"`
	Text   string       `json:"text"`
	Tokens []Token      `json:"-"`
	Annots []Annotation `json:"annotations,omitempty"`
	Cues   []CueHit     `json:"cues,omitempty"`
	// Statement reports a sentence that states an action (an action cue
	// not negated, not conditional, not merely discussed).
	Statement bool `json:"statement,omitempty"`
	// Denial reports a sentence that denies or negates an action.
	Denial bool `json:"denial,omitempty"`
	// Discussion reports a sentence that only says something was discussed.
	Discussion bool `json:"discussion,omitempty"`
	// Paragraph groups sentences of one line or paragraph.
	Paragraph int `json:"paragraph"`
	// listed marks a list item that took its kind from the sentence
	// introducing the list.
	listed bool
}

// Modality says how firmly a commitment unit is stated.
type Modality string

// Modalities of a commitment unit.
const (
	ModalityStated Modality = "stated"
	ModalityFuture Modality = "future"
	ModalityHedged Modality = "hedged"
)

// Unit is one commitment a claim attributes to the other side: what action,
// by whom, about what, where, how much and when, with the sentence that
// says it.
type Unit struct {
	Sentence   int      `json:"sentence"`
	Action     CueClass `json:"action"`
	Cue        string   `json:"cue"`
	Modality   Modality `json:"modality"`
	Parties    []string `json:"parties"`
	Objects    []string `json:"objects,omitempty"`
	Places     []string `json:"places,omitempty"`
	Quantities []string `json:"quantities,omitempty"`
	Dates      []string `json:"dates,omitempty"`
	Text       string   `json:"text"`
	// Procedural marks a commitment whose only topics are forums the item
	// names ("report on progress at the next Dialogue"): only an agreement
	// or commitment sentence of the other side states it.
	Procedural bool `json:"procedural,omitempty"`
}

// Analysis is an item after normalisation and annotation: its sentences,
// recognised entries, stated dates and, for a claim, its commitment units.
type Analysis struct {
	Item      Item       `json:"item"`
	Lang      string     `json:"lang"`
	Text      string     `json:"-"`
	Sentences []Sentence `json:"sentences"`
	// Units are the commitments attributed to the other side; an item with
	// at least one is a claim.
	Units []Unit `json:"units,omitempty"`
	// Concepts counts topical concepts (event types excluded).
	Concepts map[string]int `json:"concepts,omitempty"`
	// Events lists event-type concepts (event_meeting…), sorted.
	Events []string `json:"events,omitempty"`
	// Entities counts gazetteer entries by id (places used as places too).
	Entities map[string]int `json:"entities,omitempty"`
	// Dates are the dates the text states (YYYY-MM-DD), sorted.
	Dates []string `json:"dates,omitempty"`
	// Quantities are the numbers the text states, sorted.
	Quantities []string `json:"quantities,omitempty"`
	// Parties lists the sides whose actors act in the text (mx, us, both).
	Parties []string `json:"parties,omitempty"`

	features []string
	// named are the concepts the text writes as a proper name ("the
	// High-Level Security Dialogue"): a named forum or programme.
	named       []string
	conceptKeys []string
	entityKeys  []string
	sites       map[string][]string
	days        []int64
	contactDays []int64
}

// IsClaim reports whether the item attributes at least one commitment to
// the other side.
func (a *Analysis) IsClaim() bool { return a != nil && len(a.Units) > 0 }

// Side is the side of the analysed item.
func (a *Analysis) Side() string { return a.Item.Side }

// Other returns the other side of a two-sided pair (mx ↔ us).
func Other(side string) string {
	switch side {
	case "mx":
		return "us"
	case "us":
		return "mx"
	}
	return ""
}

// Analyze normalises, annotates and extracts the claim units of one item.
func (e *Engine) Analyze(it Item) *Analysis {
	a := &Analysis{Item: it, Concepts: map[string]int{}, Entities: map[string]int{}}
	a.Text = it.Text()
	a.Lang = guardLang(it.Lang(), a.Text)
	para := 0
	for i, sp := range SplitSentences(a.Text) {
		if i > 0 && strings.Contains(a.Text[a.Sentences[i-1].End:sp.Start], "\n") {
			para++
		}
		s := Sentence{Index: i, Start: sp.Start, End: sp.End, Text: a.Text[sp.Start:sp.End], Paragraph: para}
		s.Tokens = Tokenize(s.Text, a.Lang, sp.Start)
		e.annotate(a, &s)
		a.Sentences = append(a.Sentences, s)
	}
	e.extractUnits(a)
	e.summarise(a)
	return a
}

// detectLang guesses es or en from function words, for items whose feed
// declares no language.
func detectLang(text string) string {
	if es, en := functionWords(text); es > en {
		return "es"
	}
	return "en"
}

// guardLang returns the language an item is analysed in: the declared one
// unless the text's function words clearly belong to the other language.
// Feeds declare one language for all their items, and the side's language
// is the fallback, but offices publish in both (a ministry's English
// version of a communiqué, an agency's release in Spanish); stemming such a
// text with the wrong language's rules finds neither its claim cues nor its
// concepts, and reads ordinary words as the other language's lower-case
// names ("del río" as the town Del Rio).
func guardLang(declared, text string) string {
	if declared != "es" && declared != "en" {
		return detectLang(text)
	}
	es, en := functionWords(text)
	own, other, flip := es, en, "en"
	if declared == "en" {
		own, other, flip = en, es, "es"
	}
	if other >= minLangEvidence && other > 2*own {
		return flip
	}
	return declared
}

// minLangEvidence is how many function words of the other language a text
// needs before its declared language is overridden: a title or a quoted
// name alone never flips it.
const minLangEvidence = 6

// functionWords counts Spanish-only and English-only function words.
func functionWords(text string) (es, en int) {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "el", "la", "los", "las", "de", "que", "y", "en", "del", "por", "para", "con", "una", "se":
			es++
		case "the", "of", "and", "to", "in", "that", "for", "with", "on", "from", "by", "will", "is", "was":
			en++
		}
	}
	return es, en
}

var determiners = setOf("el la los las un una the a an lo sus su its their his her this these este esta estos estas dicho dicha")

func (e *Engine) annotate(a *Analysis, s *Sentence) {
	lex := e.lex
	toks := s.Tokens
	terms := lex.terms[a.Lang]
	exact := lex.exact[a.Lang]
	cues := lex.cues[a.Lang]
	keys := make([]string, 0, 8)
	fkeys := make([]string, 0, 8)
	for i := 0; i < len(toks); {
		matched := 0
		keys, fkeys = keys[:0], fkeys[:0]
		var b, fb strings.Builder
		for n := 1; n <= lex.maxTerm && i+n <= len(toks); n++ {
			if n > 1 {
				b.WriteByte(' ')
				fb.WriteByte(' ')
			}
			b.WriteString(toks[i+n-1].Stem)
			fb.WriteString(toks[i+n-1].Fold)
			keys = append(keys, b.String())
			fkeys = append(fkeys, fb.String())
		}
		for n := len(keys); n >= 1; n-- {
			if n == 1 && toks[i].Stop {
				continue
			}
			id, ok := exact[fkeys[n-1]]
			cross := ok && lex.crossExact[a.Lang][fkeys[n-1]]
			if !ok {
				id, ok = terms[keys[n-1]]
				cross = ok && lex.crossTerms[a.Lang][keys[n-1]]
				if ok && n == 1 && lex.nameStems[a.Lang][keys[0]] && !toks[i].Upper {
					// A lower-case word that only shares its stem with a
					// one-word name is not the name.
					ok = false
				}
				if ok && n == 1 && lex.entries[id].Kind == KindConcept && hasClass(cues[fkeys[0]], CueDiscuss) {
					// A discussion verb is not the noun it shares a stem
					// with: "conversaron" is not "conversaciones",
					// "discussed" is not "discussions" (a dialogue).
					ok = false
				}
			}
			if !ok || cross && !toks[i].Upper && !toks[i].Num {
				// A name copied from the other language needs its
				// capital: in lower case it is this language's word.
				continue
			}
			ent := lex.entries[id]
			an := Annotation{ID: id, Kind: ent.Kind, Side: ent.Side, Sentence: s.Index, Tok: i, TokEnd: i + n,
				Start: toks[i].Start, End: toks[i+n-1].End, Surface: a.Text[toks[i].Start:toks[i+n-1].End]}
			s.Annots = append(s.Annots, an)
			matched = n
			break
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	composeParts(lex, a, s)
	for i := 0; i < len(toks); {
		matched := 0
		var b strings.Builder
		best := 0
		var bestClasses []CueClass
		for n := 1; n <= lex.maxCue && i+n <= len(toks); n++ {
			if n > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(toks[i+n-1].Fold)
			if cl, ok := cues[b.String()]; ok {
				best, bestClasses = n, cl
			}
		}
		if best > 0 {
			s.Cues = append(s.Cues, CueHit{Classes: bestClasses, Tok: i, TokEnd: i + best,
				Surface: a.Text[toks[i].Start:toks[i+best-1].End]})
			matched = best
		}
		if best == 0 && progressiveAt(toks, i, a.Lang) {
			// "is deploying", "están enviando": an action under way.
			s.Cues = append(s.Cues, CueHit{Classes: []CueClass{CueFact}, Tok: i, TokEnd: i + 2,
				Surface: a.Text[toks[i].Start:toks[i+1].End]})
			i += 2
			continue
		}
		if fut, n := futureAt(toks, i, a.Lang); fut && best == 0 && discussesAt(cues, toks, i, n) {
			// "will discuss", "conversarán": a talk to come, not a
			// commitment.
			s.Cues = append(s.Cues, CueHit{Classes: []CueClass{CueDiscuss}, Tok: i, TokEnd: i + n, Future: true,
				Surface: a.Text[toks[i].Start:toks[i+n-1].End]})
			matched = n
		} else if fut && best == 0 && !isSchedule(cues, toks, i, n) {
			s.Cues = append(s.Cues, CueHit{Classes: []CueClass{CueImplement}, Tok: i, TokEnd: i + n, Future: true,
				Surface: a.Text[toks[i].Start:toks[i+n-1].End]})
			matched = n
		} else if fut && best > 0 {
			last := &s.Cues[len(s.Cues)-1]
			last.Future = true
			if primaryAction(*last) == "" && !isSchedule(cues, toks, i, n) {
				// "would extend": a marker that is also a future.
				last.Classes = append(append([]CueClass{}, last.Classes...), CueImplement)
				last.TokEnd = i + n
				last.Surface = a.Text[toks[i].Start:toks[i+n-1].End]
				matched = n
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	// A government's name after a place preposition is a place.
	for k := range s.Annots {
		an := &s.Annots[k]
		if an.Kind != KindGovernment || an.Side == SideBoth || !bareName(toks[an.Tok:an.TokEnd]) {
			continue
		}
		j := an.Tok - 1
		// "northern Mexico", "el norte de México": a region of the
		// country is a place.
		if j >= 0 && regionWords[toks[j].Fold] || j >= 1 && toks[j].Fold == "de" && regionWords[toks[j-1].Fold] {
			an.AsPlace = true
			continue
		}
		for j >= 0 && determiners[toks[j].Fold] {
			j--
		}
		if j < 0 {
			continue
		}
		for _, c := range s.Cues {
			if c.TokEnd == j+1 && c.has(CuePlace) {
				an.AsPlace = true
			}
		}
	}
}

// composeParts adds the concepts whose parts the sentence names (Entry.Parts),
// spanning from the first part to the last.
func composeParts(lex *Lexicon, a *Analysis, s *Sentence) {
	for _, id := range lex.composed {
		ent := lex.entries[id]
		first, last := -1, -1
		for _, alts := range ent.Parts {
			k := -1
			for j := range s.Annots {
				if isIn(alts, s.Annots[j].ID) {
					k = j
					break
				}
			}
			if k < 0 {
				first = -1
				break
			}
			if first < 0 || s.Annots[k].Tok < s.Annots[first].Tok {
				first = k
			}
			if last < 0 || s.Annots[k].TokEnd > s.Annots[last].TokEnd {
				last = k
			}
		}
		if first < 0 || slices.ContainsFunc(s.Annots, func(an Annotation) bool { return an.ID == id }) {
			continue
		}
		f, l := s.Annots[first], s.Annots[last]
		s.Annots = append(s.Annots, Annotation{ID: id, Kind: ent.Kind, Side: ent.Side, Sentence: s.Index, Tok: f.Tok, TokEnd: l.TokEnd,
			Start: f.Start, End: l.End, Surface: a.Text[f.Start:l.End]})
	}
}

// isSchedule reports a future of a travel, meeting or being verb ("will
// travel", "viajará", "estará"): a plan, not a commitment.
func isSchedule(cues map[string][]CueClass, toks []Token, i, n int) bool {
	for j := i; j < i+n; j++ {
		if hasClass(cues[toks[j].Fold], CueSchedule) {
			return true
		}
	}
	if i+n < len(toks) && hasClass(cues[toks[i+n-1].Fold+" "+toks[i+n].Fold], CueSchedule) {
		return true
	}
	return false
}

// progressiveAt recognises a present progressive at token i ("is
// deploying", "are providing", "está enviando", "están apoyando"): an action
// under way, which makes its sentence a statement.
func progressiveAt(toks []Token, i int, lang string) bool {
	if i+1 >= len(toks) {
		return false
	}
	aux, verb := toks[i].Fold, toks[i+1].Fold
	if lang == "es" {
		return (aux == "esta" || aux == "estan") && len(verb) > 6 &&
			(strings.HasSuffix(verb, "ando") || strings.HasSuffix(verb, "iendo"))
	}
	return (aux == "is" || aux == "are") && len(verb) > 5 && strings.HasSuffix(verb, "ing") && !toks[i+1].Upper && !ingAdjectives[verb]
}

// ingAdjectives end like a progressive but describe ("is encouraging").
var ingAdjectives = setOf("interesting encouraging concerning promising ongoing outstanding missing willing worrying")

// regionWords name a part of a country ("northern Mexico", "el sur de
// Estados Unidos").
var regionWords = setOf(`northern southern eastern western central northeastern northwestern southeastern southwestern
	norte sur centro oriente occidente noreste noroeste sureste suroeste`)

// standingBefore reports a relation kept ("mantiene contacto permanente")
// right before token tok: a partner named after it is the partner of that
// relation, not of the sentence's action.
func standingBefore(s *Sentence, tok int) bool {
	noun := false
	for k := tok - 1; k >= 0 && k >= tok-4; k-- {
		f := s.Tokens[k].Fold
		if relationNouns[f] {
			noun = true
		}
		if keepVerbs[f] {
			return noun
		}
	}
	return false
}

// discussesAt reports a future whose verb is a discussion verb ("will
// discuss", "will review", "abordarán").
func discussesAt(cues map[string][]CueClass, toks []Token, i, n int) bool {
	for j := i; j < i+n; j++ {
		f := toks[j].Fold
		// The bare verb after "will" is listed by its past or third
		// person ("discussed", "reviews").
		if hasClass(cues[f], CueDiscuss) || hasClass(cues[f+"ed"], CueDiscuss) || hasClass(cues[f+"d"], CueDiscuss) ||
			hasClass(cues[f+"es"], CueDiscuss) || hasClass(cues[f+"s"], CueDiscuss) {
			return true
		}
	}
	if n == 1 {
		// A Spanish synthetic future whose preterite is listed
		// ("abordarán" / "abordaron", "conversará" / "conversó").
		f := toks[i].Fold
		for _, p := range [][2]string{{"aran", "aron"}, {"eran", "ieron"}, {"iran", "ieron"}, {"ara", "o"}, {"era", "io"}, {"ira", "io"}} {
			if stem, ok := strings.CutSuffix(f, p[0]); ok && stem != "" && hasClass(cues[stem+p[1]], CueDiscuss) {
				return true
			}
		}
	}
	return false
}

// bareName reports a name made only of capitalised words or acronyms
// ("Mexico", "Estados Unidos", "U.S."), which can be a place; a phrase such
// as "the Government of Mexico" or "autoridades mexicanas" is an actor.
func bareName(toks []Token) bool {
	for _, t := range toks {
		if !t.Upper {
			return false
		}
	}
	return true
}

// futureAt recognises a future-tense verb at token i: English "will"/
// "shall" + verb, Spanish synthetic futures (-rá, -rán, -remos) and
// "van a" + infinitive.
func futureAt(toks []Token, i int, lang string) (bool, int) {
	t := toks[i]
	if lang == "es" {
		low := strings.ToLower(t.Surface)
		if utf8.RuneCountInString(low) >= 6 {
			for _, suf := range []string{"ará", "erá", "irá", "arán", "erán", "irán", "aremos", "eremos", "iremos"} {
				if strings.HasSuffix(low, suf) {
					return true, 1
				}
			}
		}
		return false, 0
	}
	if t.Fold == "will" || t.Fold == "shall" || t.Fold == "would" {
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if toks[j].Fold == "not" || toks[j].Fold == "be" && j+1 < len(toks) && strings.HasSuffix(toks[j+1].Fold, "ed") {
				continue
			}
			if !toks[j].Stop && !toks[j].Num {
				return true, j - i + 1
			}
			if toks[j].Fold != "also" && toks[j].Fold != "now" && toks[j].Fold != "soon" && toks[j].Fold != "be" {
				return false, 0
			}
		}
	}
	return false, 0
}

// party is a party mention in a sentence.
type party struct {
	id, side, kind string
	tok, end       int
	// oblique marks a party inside a prepositional phrase ("between the
	// two delegations", "de Estados Unidos"), which is not a subject.
	oblique bool
	// modifier marks a name that is part of a capitalised name ("the
	// U.S.-Mexico High-Level Dialogue", "el Diálogo … México-Estados
	// Unidos"): it names the parties but is no actor.
	modifier bool
}

// obliqueWords are prepositions that make the party after them a
// complement rather than a subject.
var obliqueWords = setOf(`a al en entre hacia desde por para sobre ante con contra tras según
	to in into from between by for with about on at toward towards through via among against including como as`)

// relativeWords link a party to the verb of its relative clause ("del
// Gobierno de Estados Unidos, que autorizó…").
var relativeWords = setOf("que quien quienes cual cuales which who that")

func sentenceParties(s *Sentence, lex *Lexicon) []party {
	var ps []party
	for _, an := range s.Annots {
		ent := lex.entries[an.ID]
		if an.AsPlace {
			continue
		}
		if ent.IsParty() || an.Kind == KindCountry {
			p := party{id: an.ID, side: an.Side, kind: an.Kind, tok: an.Tok, end: an.TokEnd}
			j := an.Tok - 1
			for j >= 0 && determiners[s.Tokens[j].Fold] {
				j--
			}
			p.oblique = j >= 0 && obliqueWords[s.Tokens[j].Fold]
			last := s.Tokens[an.TokEnd-1].Surface
			possessive := strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s") || strings.HasSuffix(last, "'")
			p.modifier = !possessive && bareName(s.Tokens[an.Tok:an.TokEnd]) && namedNextTo(s, an)
			ps = append(ps, p)
		}
	}
	return ps
}

// namedNextTo reports a capitalised concept (a named dialogue, group or
// programme) right after or right before an annotation.
func namedNextTo(s *Sentence, an Annotation) bool {
	for _, o := range s.Annots {
		if o.Kind != KindConcept || (o.Tok != an.TokEnd && o.TokEnd != an.Tok) {
			continue
		}
		if bareName(s.Tokens[o.Tok:o.TokEnd]) || s.Tokens[o.Tok].Upper && s.Tokens[o.TokEnd-1].Upper {
			return true
		}
	}
	return false
}

// actors drops the parties that only modify a name.
func actors(ps []party) []party {
	out := ps[:0:0]
	for _, p := range ps {
		if !p.modifier {
			out = append(out, p)
		}
	}
	return out
}

// subjectGroup returns the parties acting as the subject of the cue at tok:
// the nearest party before it and the parties coordinated with it.
func subjectGroup(s *Sentence, ps []party, tok int) []party {
	near := -1
	for k, p := range ps {
		if p.end > tok {
			continue
		}
		if !p.oblique {
			near = k
			continue
		}
		// An oblique party is the subject of a relative clause that
		// holds the cue: "…del Gobierno de Estados Unidos, que autorizó".
		rel := true
		for j := p.end; j < tok; j++ {
			if !relativeWords[s.Tokens[j].Fold] {
				rel = false
				break
			}
		}
		if rel && tok > p.end {
			near = k
		}
	}
	if near < 0 {
		return nil
	}
	group := []party{ps[near]}
	pos := ps[near].tok
	conj := false
	for k := near - 1; k >= 0; k-- {
		p := ps[k]
		// Everything between p and the group must be names, function
		// words, coordination or punctuation; a comma joins a list only
		// where a conjunction closes it ("México, Estados Unidos y
		// Canadá"), not an apposition or a fronted phrase.
		ok := true
		gap := 0
		gapConj := false
		for j := p.end; j < pos; j++ {
			t := s.Tokens[j]
			if conjunctions[t.Fold] {
				gapConj = true
				gap++
				continue
			}
			if t.Stop || t.Upper || determiners[t.Fold] {
				gap++
				continue
			}
			ok = false
			break
		}
		comma := strings.ContainsAny(s.Text[s.Tokens[p.end-1].End-s.Start:s.Tokens[pos].Start-s.Start], ",;:")
		if !ok || gap > 6 || comma && !gapConj && !conj {
			break
		}
		conj = conj || gapConj
		if p.oblique {
			pos = p.tok
			continue
		}
		group = append(group, p)
		pos = p.tok
	}
	return group
}

var conjunctions = setOf("y e and as well")

func (e *Engine) extractUnits(a *Analysis) {
	side := a.Item.Side
	other := Other(side)
	// A joint reference ("both countries") means the two governments only
	// where the item names the other side's actors somewhere; otherwise the
	// pair is the own side and a third country.
	otherNamed := false
	for si := range a.Sentences {
		s := &a.Sentences[si]
		for _, p := range sentenceParties(s, e.lex) {
			if p.side == other || p.side == SideBoth && e.namesSide(a.Lang, s.Tokens[p.tok:p.end], other) {
				otherNamed = true
			}
		}
	}
	// A bilateral setting: the item names the other side's actors (a
	// meeting "between Mexico and the United States", the other side's
	// officials), or calls the forum bilateral and names no third country.
	// There "the delegations agreed" means the two governments.
	bilateral := otherNamed || e.bilateralWord(a) && !e.thirdCountryNamed(a, side, other)
	var carry []party
	lastPara := -1
	for si := range a.Sentences {
		s := &a.Sentences[si]
		if s.Paragraph != lastPara {
			if si == 0 || a.Sentences[si-1].Discussion {
				carry = nil
			}
			lastPara = s.Paragraph
		}
		ps := actors(sentenceParties(s, e.lex))
		if !otherNamed {
			kept := ps[:0:0]
			for _, p := range ps {
				if p.side != SideBoth {
					kept = append(kept, p)
				}
			}
			ps = kept
		}
		hasDiscuss := false
		for ci, c := range s.Cues {
			if c.has(CueDiscuss) {
				hasDiscuss = true
			}
			// A denial cue, or a negated agreement noun ("no derivan de
			// acuerdos", "no agreement was reached").
			if c.has(CueDeny) || c.has(CuePact) && negatedAt(s, ci) {
				s.Denial = true
			}
		}
		var groupForCarry []party
		lastAction := -100
		lastImplement := false
		for ci, c := range s.Cues {
			action := primaryAction(c)
			if action == "" {
				continue
			}
			// A cue right after another action cue is its complement
			// ("committed to working with", "acordaron establecer un
			// operativo conjunto"): the first one decides.
			governed := c.Tok-lastAction <= 4
			lastAction = c.TokEnd
			if governed && !(lastImplement && (action == CueJoint || action == CueAgree)) {
				// A joint or agreed manner after a measure verb ("trabajará
				// de manera coordinada con", "will work jointly with")
				// still names the partner.
				continue
			}
			lastImplement = action == CueImplement
			// Capitalised mid-sentence in the body, a cue word is part of a
			// name ("the Joint Declaration", "Security Implementation Group").
			if si > 0 && c.Tok > 0 && s.Tokens[c.Tok].Upper && !c.Future {
				continue
			}
			if negatedAt(s, ci) || c.has(CueDeny) {
				s.Denial = true
				continue
			}
			if hearsayBefore(s, c.Tok) {
				// "We have seen reports that the United States
				// assured…": what others say was committed, not a
				// statement of it.
				hasDiscuss = true
				continue
			}
			if conditionalAt(s, ci) || s.Tokens[c.Tok].Fold == "would" && !reportedBefore(s, c.Tok) {
				// "would" is a conditional, except in reported speech
				// ("said Mexico would deploy"), where it is a future.
				continue
			}
			if hasDiscuss && (action == CuePosition || action == CueImplement || action == CueHedge) {
				continue
			}
			if standingState(s, c) || action == CueJoint && documentCue(s, c) {
				continue
			}
			if sessionGoesOn(s, c) {
				// "Mañana continuarán los trabajos", "talks will
				// continue": a schedule, not a commitment.
				continue
			}
			s.Statement = true
			group := subjectGroup(s, ps, c.Tok)
			weak := action == CueImplement || action == CuePosition || action == CueHedge || action == CueDecide
			if len(group) > 0 && weak && gapWords(s, group[0].end, c.Tok) > 6 {
				// A weak cue far from the nearest party is not its verb.
				group = nil
			}
			reciprocal := action == CueAgree || action == CueSign || action == CueJoint
			if reciprocal && bilateral && genericSubject(s, c.Tok) && e.bothID != "" {
				// "Las delegaciones acordaron", "the parties agreed".
				group = []party{{id: e.bothID, side: SideBoth, kind: KindGovernment, tok: c.Tok, end: c.Tok}}
			}
			if len(group) == 0 && !hasPartyBefore(ps, c.Tok) && (reciprocal || proDrop(a.Lang, s, c.Tok)) {
				group = carry
			} else if len(group) > 0 {
				groupForCarry = group
			}
			attributed := attributedTo(group, other, side)
			if !attributed && reciprocal {
				attributed = partnerAfterWith(s, ps, c, other)
			}
			if !attributed {
				// Reported speech: "the Government of Mexico has informed
				// the United States that it will permit…".
				if rg := reporterBefore(s, ps, c.Tok); len(rg) > 0 && attributedTo(rg, other, side) {
					attributed, group = true, rg
				}
			}
			if !attributed || side == "" {
				continue
			}
			u := e.unitFrom(a, s, c, action, group)
			a.Units = append(a.Units, e.splitConjuncts(a, s, c, u)...)
			break
		}
		if g, k := thankedFor(s, ps, other); !unitIn(a, si) && k >= 0 && side != "" {
			// "We thank the Mexican authorities for their cooperation in
			// this extradition": a joint action the other side took part in.
			c := CueHit{Classes: []CueClass{CueJoint}, Tok: k, TokEnd: k + 1, Surface: s.Tokens[k].Surface}
			a.Units = append(a.Units, e.unitFrom(a, s, c, CueJoint, g))
			s.Statement = true
		}
		if g, ci := possessedDecision(s, ps, other); !unitIn(a, si) && ci >= 0 && side != "" {
			// "welcomes the Government of Mexico's decision to extradite",
			// "la decisión del Gobierno de Estados Unidos de ampliar".
			a.Units = append(a.Units, e.unitFrom(a, s, s.Cues[ci], CueDecide, g))
			s.Statement = true
		}
		if g := listSubject(s, ps); !unitIn(a, si) && len(g) > 0 && attributedTo(g, other, side) && side != "" {
			u := e.unitFrom(a, s, CueHit{Classes: []CueClass{CueImplement}, Tok: len(s.Tokens) - 1, TokEnd: len(s.Tokens),
				Surface: s.Tokens[len(s.Tokens)-1].Surface}, CueImplement, g)
			a.Units = append(a.Units, u)
			s.Statement = true
		}
		if !s.Statement && !s.Denial && !hasDiscuss {
			for ci, c := range s.Cues {
				if c.has(CueFact) && !negatedAt(s, ci) && !conditionalAt(s, ci) {
					s.Statement = true
				}
			}
		}
		if hasDiscuss && !s.Statement {
			s.Discussion = true
		}
		// List items inherit the kind of the sentence that introduces them
		// ("revisaron los siguientes proyectos:", "acordaron:").
		if si > 0 && !s.Statement && !s.Denial && !hasDiscuss {
			if prev := &a.Sentences[si-1]; strings.HasSuffix(strings.TrimSpace(prev.Text), ":") || prev.listed {
				s.Discussion = prev.Discussion
				s.Statement = prev.Statement
				s.listed = true
			}
		}
		if groupForCarry != nil {
			carry = groupForCarry
		} else if g := subjectGroup(s, ps, len(s.Tokens)); len(g) > 0 {
			carry = g
		}
	}
	a.Units = headlineRestated(a, a.Units)
}

// headlineRestated drops a headline's joint action or measure ("Port to
// Close for Joint Infrastructure Work with Mexico") when the body states an
// agreement, commitment or signature and never names the headline's
// topics again: the headline glosses that same matter in a few words, it
// is not another commitment. A headline whose topics the body develops
// ("to Extend Commercial Hours…", "…will extend cargo processing hours")
// keeps its unit.
func headlineRestated(a *Analysis, units []Unit) []Unit {
	body := false
	for _, u := range units {
		if u.Sentence > 0 && (u.Action == CueAgree || u.Action == CueCommit || u.Action == CueSign) {
			body = true
		}
	}
	if !body {
		return units
	}
	kept := units[:0]
	for _, u := range units {
		if u.Sentence == 0 && (u.Action == CueJoint || u.Action == CueImplement) && !bodyNames(a, u.Objects) {
			continue
		}
		kept = append(kept, u)
	}
	return kept
}

// documentNouns name a text two governments issue together.
var documentNouns = setOf("statement statements declaration declarations communique communiques comunicado comunicados declaracion declaraciones")

// documentCue reports a joint cue that names a document ("the following
// joint statement", "la Declaración Conjunta"): the document's commitments
// are in its text, not in the fact that it was issued.
func documentCue(s *Sentence, c CueHit) bool {
	if c.TokEnd-c.Tok != 1 {
		return false
	}
	before, after := c.Tok-1, c.TokEnd
	return before >= 0 && documentNouns[s.Tokens[before].Fold] || after < len(s.Tokens) && documentNouns[s.Tokens[after].Fold]
}

// keepVerbs are the present forms of "maintain", and relationNouns the
// standing relations they keep.
var (
	keepVerbs     = setOf("mantienen mantiene mantenemos sostienen sostiene maintain maintains")
	relationNouns = setOf(`cooperacion coordinacion contacto contactos comunicacion dialogo relacion relaciones colaboracion
		cooperation coordination contact contacts communication dialogue relationship relations partnership collaboration ties`)
)

// standingState reports a present "maintain" with a relation as its object
// ("mantienen una estrecha cooperación", "maintain close contact"): a
// standing state, not an agreement or an action.
func standingState(s *Sentence, c CueHit) bool {
	if c.TokEnd-c.Tok != 1 || !keepVerbs[s.Tokens[c.Tok].Fold] {
		return false
	}
	for j := c.TokEnd; j < len(s.Tokens) && j <= c.TokEnd+3; j++ {
		if relationNouns[s.Tokens[j].Fold] {
			return true
		}
	}
	return false
}

// splitConjuncts splits a unit whose cue governs coordinated infinitives
// ("acordaron intercambiar datos … y revisar los controles …", "agreed to
// develop a system … and to exchange data …") into one unit per
// infinitive, each with the concepts, places, quantities and dates of its
// own span: the other side may state one and not the other.
func (e *Engine) splitConjuncts(a *Analysis, s *Sentence, c CueHit, u Unit) []Unit {
	// "agreed to develop": the cue holds the "to" of its infinitive.
	toInCue := a.Lang == "en" && s.Tokens[c.TokEnd-1].Fold == "to" && c.TokEnd < len(s.Tokens) && !s.Tokens[c.TokEnd].Stop
	if strings.HasSuffix(strings.TrimSpace(s.Text), ":") || !toInCue && !infinitiveAt(s.Tokens, c.TokEnd, a.Lang) {
		return []Unit{u}
	}
	cuts := []int{0}
	for j := c.TokEnd + 1; j+1 < len(s.Tokens); j++ {
		comma := strings.ContainsAny(s.Text[s.Tokens[j-1].End-s.Start:s.Tokens[j].Start-s.Start], ",;")
		// "así como" joins commitments as "y" does ("a reforzar …
		// así como a ampliar …").
		conj := conjunctions[s.Tokens[j].Fold] || s.Tokens[j].Fold == "como" && s.Tokens[j-1].Fold == "asi"
		if conj && infinitiveAt(s.Tokens, j+1, a.Lang) || comma && infinitiveAt(s.Tokens, j, a.Lang) {
			cuts = append(cuts, j)
		}
	}
	if len(cuts) == 1 {
		return []Unit{u}
	}
	cuts = append(cuts, len(s.Tokens))
	var out []Unit
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		part := u
		part.Objects, part.Places = nil, nil
		for _, an := range s.Annots {
			if an.Tok < from || an.Tok >= to {
				continue
			}
			switch {
			case an.Kind == KindConcept && !strings.HasPrefix(an.ID, "event_"):
				if !isIn(part.Objects, an.ID) {
					part.Objects = append(part.Objects, an.ID)
				}
			case an.Kind == KindCrossing || an.Kind == KindPlace || siteKinds[an.Kind]:
				if !isIn(part.Places, an.ID) {
					part.Places = append(part.Places, an.ID)
				}
			}
		}
		if len(part.Objects) == 0 && len(part.Places) == 0 {
			// A conjunct with no topic of its own stays with the others.
			continue
		}
		sort.Strings(part.Objects)
		sort.Strings(part.Places)
		part.Quantities = uniqSorted(quantities(s.Tokens[from:to]))
		part.Dates = uniqSorted(statedDates(s.Tokens[from:to], a.Item.Published))
		out = append(out, part)
	}
	if len(out) < 2 {
		return []Unit{u}
	}
	return out
}

// nonVerbsAr are Spanish words ending like an infinitive that are not verbs.
var nonVerbsAr = setOf(`militar particular similar regular popular nuclear familiar lugar hogar mujer titular escolar
	celular solar consular peculiar singular estelar vulgar modular polar`)

// infinitiveAt reports an infinitive at token i: a Spanish -ar/-er/-ir
// word (after an optional "a"), or English "to" + verb.
func infinitiveAt(toks []Token, i int, lang string) bool {
	if i >= len(toks) {
		return false
	}
	if lang == "es" {
		if toks[i].Fold == "a" && i+1 < len(toks) {
			i++
		}
		f := toks[i].Fold
		if len(f) < 5 || toks[i].Upper || nonVerbsAr[f] {
			return false
		}
		return strings.HasSuffix(f, "ar") || strings.HasSuffix(f, "er") || strings.HasSuffix(f, "ir")
	}
	return toks[i].Fold == "to" && i+1 < len(toks) && !toks[i+1].Stop && !toks[i+1].Num && !toks[i+1].Upper
}

var (
	thankVerbs  = setOf("thank thanks thanked agradece agradecio agradecemos agradecen agradecieron")
	helpNouns   = setOf("cooperation support assistance help collaboration partnership cooperacion apoyo colaboracion asistencia ayuda")
	forWords    = setOf("for por")
	helpFillers = setOf("their its his her the su sus la el valuable continued close strong excellent valiosa valioso estrecha estrecho")
)

// thankedFor finds the other side thanked for its cooperation ("we thank
// the Mexican authorities for their cooperation", "agradeció al Gobierno de
// Estados Unidos por su apoyo"): it returns the thanked party and the
// token of the help noun, or -1.
func thankedFor(s *Sentence, ps []party, other string) ([]party, int) {
	for i, t := range s.Tokens {
		if !thankVerbs[t.Fold] {
			continue
		}
		for _, p := range ps {
			if p.side != other || p.tok <= i || p.tok-i > 4 {
				continue
			}
			j := p.end
			if j >= len(s.Tokens) || !forWords[s.Tokens[j].Fold] {
				continue
			}
			j++
			for j < len(s.Tokens) && helpFillers[s.Tokens[j].Fold] {
				j++
			}
			if j < len(s.Tokens) && helpNouns[s.Tokens[j].Fold] {
				return []party{p}, j
			}
		}
	}
	return nil, -1
}

// decisionNouns are the pact nouns that name one side's own decision or
// commitment.
var decisionNouns = setOf("decision decisiones determinacion compromiso compromisos commitment commitments pledge " +
	"ofrecimiento ofrecimientos oferta offer offers")

// possessedDecision finds a decision or commitment noun owned by the other
// side: "the Government of Mexico's decision", "la decisión del Gobierno de
// Estados Unidos". It returns the owner and the cue's index, or -1.
func possessedDecision(s *Sentence, ps []party, other string) ([]party, int) {
	for ci, c := range s.Cues {
		// A pact noun, or a commitment cue led by one ("commitment to").
		if !c.has(CuePact) && !c.has(CueCommit) || !decisionNouns[s.Tokens[c.Tok].Fold] || negatedAt(s, ci) {
			continue
		}
		for _, p := range ps {
			if p.side != other {
				continue
			}
			last := s.Tokens[p.end-1].Surface
			possessive := p.end == c.Tok && (strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s"))
			j := c.Tok + 1
			if j < len(s.Tokens) && (s.Tokens[j].Fold == "de" || s.Tokens[j].Fold == "del" || s.Tokens[j].Fold == "of") {
				j++
			}
			for j < len(s.Tokens) && determiners[s.Tokens[j].Fold] {
				j++
			}
			owner := j > c.TokEnd && p.tok == j
			if possessive || owner {
				return []party{p}, ci
			}
		}
	}
	return nil, -1
}

// genericNouns are plural nouns for the participants of a meeting.
var genericNouns = setOf("delegaciones partes participantes delegations parties participants sides")

// genericSubject reports a cue whose subject is a plural noun for the
// meeting's participants ("las delegaciones", "the parties"), possibly with
// an adverb between ("the delegations also agreed").
func genericSubject(s *Sentence, tok int) bool {
	j := tok - 1
	for j >= 0 && adverbs[s.Tokens[j].Fold] {
		j--
	}
	if j < 1 || !genericNouns[s.Tokens[j].Fold] {
		return false
	}
	return determiners[s.Tokens[j-1].Fold] || s.Tokens[j-1].Fold == "ambas" || s.Tokens[j-1].Fold == "both"
}

var adverbs = setOf("also further then tambien asimismo ademas igualmente finalmente finally")

// bilateralWord reports an item that calls its subject bilateral.
func (e *Engine) bilateralWord(a *Analysis) bool {
	for _, s := range a.Sentences {
		for _, t := range s.Tokens {
			if t.Fold == "bilateral" || t.Fold == "bilaterales" {
				return true
			}
		}
	}
	return false
}

// thirdCountryNamed reports an item naming a country other than the two
// sides.
func (e *Engine) thirdCountryNamed(a *Analysis, side, other string) bool {
	for _, s := range a.Sentences {
		for _, an := range s.Annots {
			if an.Kind == KindCountry && an.Side != side && an.Side != other && an.Side != SideBoth {
				return true
			}
		}
	}
	return false
}

// proDrop reports a cue near the start of its sentence with no subject of
// its own, which takes the subject of the previous sentence: Spanish drops
// subjects ("Acordaron…", "Asimismo, se comprometió…"); English does so only
// in list items ("Agreed to…").
func proDrop(lang string, s *Sentence, tok int) bool {
	if lang == "es" && tok > 0 && s.Tokens[tok-1].Fold == "se" {
		// "se realizará", "se aplicará": impersonal, no subject to carry.
		return false
	}
	if firstPerson(lang, s, tok) {
		// "We will keep pressing", "seguiremos trabajando": the speaker's
		// own side, not the party of the sentence before.
		return false
	}
	content := 0
	for j := 0; j < tok; j++ {
		if !s.Tokens[j].Stop {
			content++
		}
	}
	if lang == "es" {
		return content <= 3
	}
	return content == 0
}

// reportedBefore reports a reporting verb before tok in the sentence.
func reportedBefore(s *Sentence, tok int) bool {
	for _, c := range s.Cues {
		if c.TokEnd <= tok && c.has(CueReport) {
			return true
		}
	}
	return false
}

// reporterBefore returns the subject of a reporting verb ("informed",
// "told", "informó") earlier in the sentence than tok.
func reporterBefore(s *Sentence, ps []party, tok int) []party {
	for _, c := range s.Cues {
		if c.TokEnd <= tok && c.has(CueReport) {
			if g := subjectGroup(s, ps, c.Tok); len(g) > 0 && c.Tok-g[0].end <= 3 {
				return g
			}
		}
	}
	return nil
}

// listSubject returns the subject group of a sentence that introduces a
// list of actions ("the Government of Mexico has:", "México se compromete
// a:"), or nil.
func listSubject(s *Sentence, ps []party) []party {
	if !strings.HasSuffix(strings.TrimSpace(s.Text), ":") || len(ps) == 0 {
		return nil
	}
	last := ps[len(ps)-1]
	rest := len(s.Tokens) - last.end
	if rest < 1 || rest > 3 || last.oblique {
		return nil
	}
	switch s.Tokens[last.end].Fold {
	case "has", "have", "will", "ha", "han", "habra", "se", "va", "van", "shall":
		return subjectGroup(s, ps, len(s.Tokens))
	}
	return nil
}

func unitIn(a *Analysis, si int) bool {
	for _, u := range a.Units {
		if u.Sentence == si {
			return true
		}
	}
	return false
}

// namesSide reports whether a joint reference names side itself ("México
// y Estados Unidos" names the United States; "ambas partes" does not).
func (e *Engine) namesSide(lang string, toks []Token, side string) bool {
	terms := e.lex.terms[lang]
	for i := range toks {
		key := ""
		for n := 1; n <= 3 && i+n <= len(toks); n++ {
			if n > 1 {
				key += " "
			}
			key += toks[i+n-1].Stem
			if id, ok := terms[key]; ok && e.lex.entries[id].Side == side {
				return true
			}
		}
	}
	return false
}

// gapWords counts the words between tokens from and to, leaving out a
// parenthetical set off by commas ("el Gobierno de EE.UU., con el que se
// compartieron los resultados, coincidió…").
func gapWords(s *Sentence, from, to int) int {
	if to <= from {
		return 0
	}
	text := s.Text[s.Tokens[from-1].End-s.Start : s.Tokens[to].Start-s.Start]
	if i, j := strings.Index(text, ","), strings.LastIndex(text, ","); i >= 0 && j > i {
		text = text[:i] + text[j+1:]
	}
	return len(strings.Fields(text))
}

func hasPartyBefore(ps []party, tok int) bool {
	for _, p := range ps {
		if p.end <= tok {
			return true
		}
	}
	return false
}

// primaryAction returns the strongest action class of a cue, or "".
func primaryAction(c CueHit) CueClass {
	for _, cl := range []CueClass{CueAgree, CueSign, CueJoint, CueCommit, CueDecide, CueImplement, CuePosition, CueHedge} {
		if c.has(cl) {
			return cl
		}
	}
	return ""
}

// negatedAt reports a negation word in the three tokens before cue ci.
// A negation inside a conjoined noun list ("ni de compromisos") counts too.
func negatedAt(s *Sentence, ci int) bool {
	c := s.Cues[ci]
	for _, o := range s.Cues {
		if o.has(CueNegate) && o.TokEnd <= c.Tok && c.Tok-o.TokEnd <= 3 {
			return true
		}
	}
	for j := c.Tok; j < c.TokEnd; j++ {
		if f := s.Tokens[j].Fold; f == "not" || f == "no" || strings.HasSuffix(f, "n't") {
			return true
		}
	}
	return false
}

// conditionalAt reports a conditional marker ("si", "if", "should",
// "podría") before cue ci in the same clause (no comma, colon or semicolon
// between them).
func conditionalAt(s *Sentence, ci int) bool {
	c := s.Cues[ci]
	for _, o := range s.Cues {
		if !o.has(CueCond) || o.TokEnd > c.Tok || c.Tok-o.TokEnd > 20 {
			continue
		}
		if o.Tok+1 < len(s.Tokens) && s.Tokens[o.Tok].Fold == "si" && s.Tokens[o.Tok+1].Fold == "bien" {
			continue // "si bien": although
		}
		if s.Tokens[o.Tok].Fold == "would" && reportedBefore(s, o.Tok) {
			continue // reported future: "said Mexico would…"
		}
		between := s.Text[s.Tokens[o.TokEnd-1].End-s.Start : s.Tokens[c.Tok].Start-s.Start]
		if !strings.ContainsAny(between, ",;:") {
			return true
		}
	}
	return false
}

func attributedTo(group []party, other, own string) bool {
	hasOther, hasOwn, hasThird := false, false, false
	for _, p := range group {
		switch {
		case p.side == SideBoth:
			hasOther, hasOwn = true, true
		case p.side == other:
			hasOther = true
		case p.side == own:
			hasOwn = true
		case p.kind == KindCountry:
			hasThird = true
		}
	}
	if hasThird && !hasOwn {
		return false
	}
	return hasOther
}

// partnerAfterWith finds an other-side party introduced as a partner ("con",
// "with", "in coordination with") of a reciprocal action.
func partnerAfterWith(s *Sentence, ps []party, c CueHit, other string) bool {
	if c.has(CueWith) || c.has(CueJoint) {
		// The cue itself introduces the partner ("in coordination with").
		for _, p := range ps {
			if (p.side == other || p.side == SideBoth) && p.tok >= c.TokEnd && nameGap(s, c.TokEnd, p.tok) {
				return true
			}
		}
	}
	for _, p := range ps {
		if p.side != other && p.side != SideBoth {
			continue
		}
		for _, w := range s.Cues {
			if (w.has(CueWith) || w.has(CueJoint)) && w.TokEnd <= p.tok && nameGap(s, w.TokEnd, p.tok) && !standingBefore(s, w.Tok) {
				return true
			}
		}
	}
	return false
}

func (e *Engine) unitFrom(a *Analysis, s *Sentence, c CueHit, action CueClass, group []party) Unit {
	u := Unit{Sentence: s.Index, Action: action, Cue: c.Surface, Modality: ModalityStated, Text: s.Text}
	if c.Future {
		u.Modality = ModalityFuture
	}
	if action == CueHedge {
		u.Modality = ModalityHedged
	}
	seen := map[string]bool{}
	for _, p := range group {
		if !seen[p.id] {
			seen[p.id] = true
			u.Parties = append(u.Parties, p.id)
		}
	}
	// The unit's content is its sentence plus the list items a colon
	// introduces ("acordaron lo siguiente:").
	sents := []*Sentence{s}
	if strings.HasSuffix(strings.TrimSpace(s.Text), ":") {
		for j := s.Index + 1; j < len(a.Sentences) && j <= s.Index+6; j++ {
			sents = append(sents, &a.Sentences[j])
		}
	}
	for _, ss := range sents {
		for _, an := range ss.Annots {
			if seen[an.ID] {
				continue
			}
			seen[an.ID] = true
			switch {
			case an.Kind == KindConcept && !strings.HasPrefix(an.ID, "event_"):
				u.Objects = append(u.Objects, an.ID)
			case an.Kind == KindPlace && venueOf(ss, an):
				// Where a meeting will be held is no part of what
				// was committed: the other side may state it without.
			case an.Kind == KindCrossing || an.Kind == KindPlace || siteKinds[an.Kind]:
				u.Places = append(u.Places, an.ID)
			}
		}
		u.Quantities = append(u.Quantities, quantities(ss.Tokens)...)
		u.Dates = append(u.Dates, statedDates(ss.Tokens, a.Item.Published)...)
	}
	if len(u.Objects) == 0 && s.Index != 0 && len(a.Sentences) > 0 {
		// "…were developed in coordination with the Government of
		// Mexico": a unit with no topic of its own is about the item's
		// headline.
		for _, an := range a.Sentences[0].Annots {
			if an.Kind == KindConcept && !strings.HasPrefix(an.ID, "event_") && !isIn(u.Objects, an.ID) {
				u.Objects = append(u.Objects, an.ID)
			}
		}
	}
	sort.Strings(u.Objects)
	sort.Strings(u.Places)
	u.Quantities = uniqSorted(u.Quantities)
	u.Dates = uniqSorted(u.Dates)
	return u
}

func (e *Engine) summarise(a *Analysis) {
	events := map[string]bool{}
	sides := map[string]bool{}
	var dates, qty []string
	for _, s := range a.Sentences {
		for _, an := range s.Annots {
			switch {
			case an.Kind == KindConcept && strings.HasPrefix(an.ID, "event_"):
				events[an.ID] = true
			case an.Kind == KindConcept:
				a.Concepts[an.ID]++
				if s.Index > 0 && an.TokEnd-an.Tok >= 2 && s.Tokens[an.Tok].Upper && s.Tokens[an.TokEnd-1].Upper && an.Tok > 0 && !isIn(a.named, an.ID) {
					// Capitalised mid-sentence over several words, outside a
					// title (English titles capitalise every word): a name.
					a.named = append(a.named, an.ID)
				}
			default:
				a.Entities[an.ID]++
				if e.lex.entries[an.ID].IsParty() && !an.AsPlace && an.Side != "" {
					sides[an.Side] = true
				}
			}
		}
		dates = append(dates, statedDates(s.Tokens, a.Item.Published)...)
		qty = append(qty, quantities(s.Tokens)...)
	}
	a.Events = sortedKeys(events)
	a.Parties = sortedKeys(sides)
	a.Dates = uniqSorted(dates)
	a.Quantities = uniqSorted(qty)
	for i := range a.Units {
		a.Units[i].Procedural = procedural(a, a.Units[i])
	}
	a.prepare(e.lex)
}

// prepare computes what matching reads many times: sorted feature lists,
// sites by kind and stated dates as day numbers.
func (a *Analysis) prepare(lex *Lexicon) {
	a.conceptKeys = sortedCountKeys(a.Concepts)
	a.entityKeys = sortedCountKeys(a.Entities)
	a.features = append(append(make([]string, 0, len(a.Concepts)+len(a.Entities)), a.conceptKeys...), a.entityKeys...)
	sort.Strings(a.features)
	a.sites = nil
	for _, id := range a.entityKeys {
		if ent := lex.entries[id]; ent != nil && siteKinds[ent.Kind] {
			if a.sites == nil {
				a.sites = map[string][]string{}
			}
			a.sites[ent.Kind] = append(a.sites[ent.Kind], id)
		}
	}
	a.days = dayNumbers(a.Dates)
	if len(a.days) == 0 {
		a.contactDays = []int64{dayOf(a.Item.Published)}
	} else {
		a.contactDays = a.days
	}
}

func dayNumbers(dates []string) []int64 {
	out := make([]int64, 0, len(dates))
	for _, d := range dates {
		if t, err := time.Parse("2006-01-02", d); err == nil {
			out = append(out, dayOf(t))
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func uniqSorted(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	sort.Strings(xs)
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

var months = map[string]time.Month{
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var relativeDays = map[string]int{"hoy": 0, "today": 0, "tonight": 0, "ayer": -1, "yesterday": -1, "tomorrow": 1, "manana": 0}

// venueOf reports a place named as the venue of an event the sentence
// names just before it ("una reunión técnica en Ciudad Juárez", "a meeting
// in May in El Paso, Texas").
func venueOf(s *Sentence, an Annotation) bool {
	k := an.Tok - 1
	for k >= 0 && determiners[s.Tokens[k].Fold] {
		k--
	}
	if k < 0 || s.Tokens[k].Fold != "en" && s.Tokens[k].Fold != "in" {
		return false
	}
	for _, ev := range s.Annots {
		if (contactEvents[ev.ID] || ev.ID == "event_conference" || ev.ID == "event_dialogue") && ev.TokEnd <= k && k-ev.TokEnd <= 4 {
			return true
		}
	}
	return false
}

// bodyNames reports whether a sentence after the headline names one of ids.
func bodyNames(a *Analysis, ids []string) bool {
	for si := 1; si < len(a.Sentences); si++ {
		for _, an := range a.Sentences[si].Annots {
			if isIn(ids, an.ID) {
				return true
			}
		}
	}
	return false
}

// hearsayWords are nouns of what others say ("reports that", "versiones de
// que"): a cue after them is reported, not stated.
var hearsayWords = setOf("reports report statements claims allegations speculation rumors suggestions assertions " +
	"versiones version informaciones reportes señalamientos senalamientos afirmaciones especulaciones rumores")

// hearsayLead are the words before a hearsay noun that make it one ("seen
// reports", "aware of statements", "las versiones"), unlike a reporting
// verb ("the Ministry reports that").
var hearsayLead = setOf("seen heard of the those these media press news recent unconfirmed such " +
	"visto conocido de las los unas unos sobre diversas diversos algunas algunos recientes")

// hearsayBefore reports a hearsay noun followed by "that"/"que"/"de que"
// before tok in the sentence.
func hearsayBefore(s *Sentence, tok int) bool {
	for j := 1; j+1 < tok; j++ {
		if !hearsayWords[s.Tokens[j].Fold] || !hearsayLead[s.Tokens[j-1].Fold] {
			continue
		}
		next := s.Tokens[j+1].Fold
		if next == "that" || next == "que" || next == "de" && j+2 < tok && s.Tokens[j+2].Fold == "que" || next == "segun" {
			return true
		}
	}
	return false
}

// firstPerson reports a cue whose subject is the speaker: "we" or "I"
// before it in English, a first-person verb in Spanish ("seguiremos",
// "continuaremos", "trabajamos").
func firstPerson(lang string, s *Sentence, tok int) bool {
	if lang == "es" {
		return tok < len(s.Tokens) && strings.HasSuffix(s.Tokens[tok].Fold, "mos")
	}
	for j := 0; j < tok; j++ {
		if f := s.Tokens[j].Fold; f == "we" || f == "i" {
			return true
		}
	}
	return false
}

// continueVerbs and sessionNouns make a schedule: work or talks that go on.
var (
	continueVerbs = setOf("continuaran continuara seguiran seguira proseguiran proseguira continue continues keep resume")
	sessionNouns  = setOf("trabajos reuniones reunion conversaciones platicas sesiones sesion mesas negociaciones talks meetings " +
		"meeting discussions work session sessions consultations negotiations")
)

// sessionGoesOn reports a continuation cue whose subject or object is the
// meeting itself ("Mañana continuarán los trabajos", "the talks will
// continue tomorrow"): when the sides meet again, not what they committed.
func sessionGoesOn(s *Sentence, c CueHit) bool {
	cont := false
	for j := c.Tok; j < c.TokEnd; j++ {
		cont = cont || continueVerbs[s.Tokens[j].Fold]
	}
	if !cont {
		return false
	}
	for j := max(0, c.Tok-3); j < len(s.Tokens) && j <= c.TokEnd+2; j++ {
		if sessionNouns[s.Tokens[j].Fold] && (j < c.Tok || j >= c.TokEnd) {
			return true
		}
	}
	return false
}

// nameGap reports a gap between a partner word and a party that holds at
// most three words, or a unit's name ending with "de"/"of" ("con el Grupo
// Beta del Instituto Nacional de Migración", "with the Border Liaison
// Unit of Mexico's INM").
func nameGap(s *Sentence, from, to int) bool {
	if to-from <= 3 {
		return true
	}
	if to-from > 7 {
		return false
	}
	for j := from; j < to; j++ {
		if t := s.Tokens[j]; !t.Upper && !determiners[t.Fold] && t.Fold != "de" && t.Fold != "del" && t.Fold != "of" {
			return false
		}
	}
	return true
}

// weekdays are the day names that date an event relative to publication.
var weekdays = map[string]time.Weekday{
	"lunes": time.Monday, "martes": time.Tuesday, "miercoles": time.Wednesday, "jueves": time.Thursday, "viernes": time.Friday,
	"sabado": time.Saturday, "domingo": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// weekdayMarks are the words before a day name that make it a date ("este
// jueves", "el lunes", "on Thursday"); pastMarks and nextMarks fix its
// direction ("el jueves pasado", "last Monday", "el próximo lunes").
var (
	weekdayMarks = setOf("este el this on last next proximo pasado")
	pastMarks    = setOf("last pasado")
	nextMarks    = setOf("next proximo")
	thisMarks    = setOf("este this")
)

// weekdayOffset returns the days from publication to the day a marked day
// name at i states ("envió este jueves", "met on Thursday"): the nearest
// such day (up to three days ahead after "este"/"this", two otherwise),
// before it for "pasado"/"last", after it for "próximo"/"next".
func weekdayOffset(toks []Token, i int, pub time.Time) (int, bool) {
	wd, ok := weekdays[toks[i].Fold]
	if !ok || pub.IsZero() || i == 0 || !weekdayMarks[toks[i-1].Fold] {
		return 0, false
	}
	after := ""
	if i+1 < len(toks) {
		after = toks[i+1].Fold
	}
	d := (int(wd) - int(pub.Weekday()) + 7) % 7
	switch {
	case pastMarks[toks[i-1].Fold] || pastMarks[after]:
		if d >= 0 {
			d -= 7
		}
	case nextMarks[toks[i-1].Fold] || nextMarks[after]:
		if d == 0 {
			d = 7
		}
	case d > 3, d > 2 && !thisMarks[toks[i-1].Fold]:
		// "este jueves" is the nearest Thursday; a bare "el lunes" in a
		// release more often reports the past one.
		d -= 7
	}
	return d, true
}

// statedDates finds the calendar dates a sentence states ("21 de julio",
// "July 21, 2019", "Jan. 16", "today"), with the year taken from the text or
// else the one that puts the date nearest to publication.
func statedDates(toks []Token, pub time.Time) []string {
	var out []string
	day := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 31 {
			return 0
		}
		return n
	}
	year := func(k int) int {
		if k < len(toks) && toks[k].Num {
			if y, err := strconv.Atoi(toks[k].Fold); err == nil && y >= 1900 && y <= 2100 {
				return y
			}
		}
		return 0
	}
	add := func(y int, m time.Month, d int) {
		if y == 0 {
			best := time.Time{}
			for _, cy := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
				t := time.Date(cy, m, d, 12, 0, 0, 0, time.UTC)
				if best.IsZero() || absDur(t.Sub(pub)) < absDur(best.Sub(pub)) {
					best = t
				}
			}
			out = append(out, best.Format("2006-01-02"))
			return
		}
		out = append(out, time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Format("2006-01-02"))
	}
	for i, t := range toks {
		if off, ok := weekdayOffset(toks, i, pub); ok {
			out = append(out, pub.AddDate(0, 0, off).Format("2006-01-02"))
			continue
		}
		if off, ok := relativeDays[strings.TrimSuffix(t.Fold, "'s")]; ok && !pub.IsZero() {
			if t.Fold == "manana" && !(i > 0 && (toks[i-1].Fold == "esta" || toks[i-1].Fold == "la")) {
				continue
			}
			out = append(out, pub.AddDate(0, 0, off).Format("2006-01-02"))
			continue
		}
		m, ok := months[t.Fold]
		if !ok {
			continue
		}
		// 21 de julio (de 2019)
		if i >= 2 && toks[i-1].Fold == "de" && day(toks[i-2].Fold) > 0 {
			y := 0
			if i+2 < len(toks) && toks[i+1].Fold == "de" {
				y = year(i + 2)
			}
			add(y, m, day(toks[i-2].Fold))
			continue
		}
		// July 21(, 2019)
		if i+1 < len(toks) && toks[i+1].Num && day(toks[i+1].Fold) > 0 {
			if t.Fold == "may" && !toks[i].Upper {
				continue
			}
			add(year(i+2), m, day(toks[i+1].Fold))
			continue
		}
		// 21 July 2019
		if i >= 1 && day(toks[i-1].Fold) > 0 && toks[i].Upper {
			add(year(i+1), m, day(toks[i-1].Fold))
		}
	}
	return out
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// quantities returns the numbers a sentence states that are neither days of
// a date nor years.
func quantities(toks []Token) []string {
	var out []string
	for i, t := range toks {
		if !t.Num {
			continue
		}
		n, err := strconv.ParseFloat(t.Stem, 64)
		if err != nil || n < 2 {
			continue
		}
		if n >= 1900 && n <= 2100 && !strings.ContainsAny(t.Fold, ",.") {
			continue
		}
		near := func(k int) bool {
			if k < 0 || k >= len(toks) {
				return false
			}
			_, ok := months[toks[k].Fold]
			return ok
		}
		if n <= 31 && (near(i-1) || near(i+2) && toks[i+1].Fold == "de" || near(i+1)) {
			continue
		}
		out = append(out, t.Stem)
	}
	return out
}
