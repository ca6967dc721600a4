package match

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed data
var embedded embed.FS

// Entry kinds that are not gazetteer kinds.
const (
	// KindConcept marks a concept (a topic, object or event type).
	KindConcept = "concept"
)

// Gazetteer kinds the engine gives a meaning to; other kinds load and
// annotate as plain entities.
const (
	KindGovernment  = "government"
	KindInstitution = "institution"
	KindRole        = "role"
	KindPerson      = "person"
	KindCrossing    = "crossing"
	KindPlace       = "place"
	KindCountry     = "country"
	KindNationals   = "nationals"
)

// SideBoth marks a gazetteer entry that refers to both governments jointly
// ("ambos gobiernos", "both countries").
const SideBoth = "both"

// Entry is one concept or gazetteer entry of the lexicon.
type Entry struct {
	// ID is the language-independent identifier, unique across all files.
	ID string `json:"id"`
	// Kind is KindConcept or a gazetteer kind (government, person, …).
	Kind string `json:"kind"`
	// Domain is a concept's domain (its file's domain).
	Domain string `json:"domain,omitempty"`
	// Side is mx, us, both or "" for gazetteer entries.
	Side string `json:"side,omitempty"`
	// Parent is the enclosing place, the role of a person, or the like.
	Parent string `json:"parent,omitempty"`
	// Broader lists more general concepts.
	Broader []string `json:"broader,omitempty"`
	// ES and EN are the surface terms in each language.
	ES []string `json:"es"`
	EN []string `json:"en"`
	// Parts lists what states a concept when one sentence names all of
	// it: each inner list holds alternatives ([[troop_deployment],
	// [mx_national_guard, us_national_guard]]). One language often names
	// such a concept with one phrase ("despliegue de la Guardia Nacional")
	// and the other with a generic concept and a name ("deployed 4,000
	// National Guard troops"); both then carry the concept.
	Parts [][]string `json:"parts,omitempty"`
}

// IsEvent reports an event-type concept (event_meeting, event_phone_call…).
func (e *Entry) IsEvent() bool { return e.Kind == KindConcept && strings.HasPrefix(e.ID, "event_") }

// IsParty reports an entry that can act: a government, institution, role,
// person or a joint reference to both governments.
func (e *Entry) IsParty() bool {
	switch e.Kind {
	case KindGovernment, KindInstitution, KindRole, KindPerson:
		return true
	}
	return e.Side == SideBoth
}

// CueClass is a class of claim cue from cues.yaml.
type CueClass string

// Cue classes (see match/data/cues.yaml).
const (
	CueAgree     CueClass = "agree"
	CueCommit    CueClass = "commit"
	CueDecide    CueClass = "decide"
	CueSign      CueClass = "sign"
	CueJoint     CueClass = "joint"
	CueImplement CueClass = "implement"
	CuePosition  CueClass = "position"
	CueDiscuss   CueClass = "discuss"
	CueHedge     CueClass = "hedge"
	CueDeny      CueClass = "deny"
	CueCond      CueClass = "cond"
	CueNegate    CueClass = "negate"
	CueWith      CueClass = "with"
	CuePlace     CueClass = "place"
	CueSchedule  CueClass = "schedule"
	CueReport    CueClass = "report"
	CuePact      CueClass = "pact"
	CueFact      CueClass = "fact"
)

var knownCueClasses = map[CueClass]bool{
	CueAgree: true, CueCommit: true, CueDecide: true, CueSign: true, CueJoint: true, CueImplement: true,
	CuePosition: true, CueDiscuss: true, CueHedge: true, CueDeny: true, CueCond: true, CueNegate: true,
	CueWith: true, CuePlace: true, CueSchedule: true, CueReport: true, CuePact: true, CueFact: true,
}

// isAction reports a cue class that can carry a commitment.
func (c CueClass) isAction() bool {
	switch c {
	case CueAgree, CueCommit, CueDecide, CueSign, CueJoint, CueImplement, CuePosition, CueHedge:
		return true
	}
	return false
}

// Lexicon is the engine's bilingual knowledge: concepts, gazetteer entries
// and claim cues, indexed by folded stem sequences for each language.
type Lexicon struct {
	entries map[string]*Entry
	// terms maps language → folded stem key → entry id; exact maps
	// language → folded word key → entry id and wins over a stem match,
	// so two names that only share a stem stay apart.
	terms map[string]map[string]string
	exact map[string]map[string]string
	// crossTerms and crossExact mark the keys of names copied from the
	// other language's list: they match only a capitalised word, since in
	// lower case they are often ordinary words of this language ("Once" is
	// a TV channel in Spanish, "once" an English adverb).
	crossTerms map[string]map[string]bool
	crossExact map[string]map[string]bool
	// nameStems marks the stem keys of one-word capitalised names: another
	// word form reaches them only with its capital ("flores" is not
	// "Florida", though both stem to "flor").
	nameStems map[string]map[string]bool
	// narrower counts the concepts that name each concept as broader;
	// related lists each concept's broader and narrower concepts.
	narrower map[string]int
	related  map[string][]string
	// cues maps language → folded stem key → cue classes.
	cues      map[string]map[string][]CueClass
	maxTerm   int
	maxCue    int
	cueCounts map[CueClass]int
	// collisions lists terms whose stems equal another entry's term, an
	// office and its own body apart.
	collisions []string
	// composed lists the concepts that have parts, in load order.
	composed []string
}

// Entry returns the entry with id, or nil.
func (l *Lexicon) Entry(id string) *Entry { return l.entries[id] }

// IDs returns every entry id in sorted order.
func (l *Lexicon) IDs() []string {
	ids := make([]string, 0, len(l.entries))
	for id := range l.entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Collisions lists the terms whose stem sequence equals another entry's
// term: they still match as written (exact word forms win), but their
// inflected variants go to the other entry (curation hints, not errors).
// An office and the body it belongs to share stems on purpose and are not
// listed.
func (l *Lexicon) Collisions() []string { return l.collisions }

// CueCount returns how many phrases a cue class has, over both languages.
func (l *Lexicon) CueCount(c CueClass) int { return l.cueCounts[c] }

// DefaultLexicon returns the lexicon embedded in the binary (match/data),
// extended by the extra file systems a deployment configures (see
// LoadLexicon for their layout).
func DefaultLexicon(extra ...fs.FS) (*Lexicon, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, fmt.Errorf("default lexicon: %w", err)
	}
	return LoadLexicon(sub, extra...)
}

// LoadLexicon reads concepts/*.yaml, gazetteer/*.yaml and cues.yaml from
// fsys and from each extra file system (all optional in the extras), so a
// deployment can add terms, entries and cues without rebuilding. An extra
// entry with an existing id adds its terms to that entry. It fails when a
// term maps to two ids, an entry lacks a language, or a reference
// (broader, parent) is unknown.
func LoadLexicon(fsys fs.FS, extra ...fs.FS) (*Lexicon, error) {
	b := &lexBuilder{entries: map[string]*Entry{}, cues: map[CueClass][2][]string{}}
	for i, f := range append([]fs.FS{fsys}, extra...) {
		if err := b.readFS(f, i == 0); err != nil {
			return nil, err
		}
	}
	return b.build()
}

type lexBuilder struct {
	entries map[string]*Entry
	order   []string
	cues    map[CueClass][2][]string
	origin  map[string]string
}

type conceptFile struct {
	Domain   string `yaml:"domain"`
	Concepts []struct {
		ID      string     `yaml:"id"`
		ES      []string   `yaml:"es"`
		EN      []string   `yaml:"en"`
		Broader []string   `yaml:"broader"`
		Parts   [][]string `yaml:"parts"`
	} `yaml:"concepts"`
}

type gazetteerFile struct {
	Kind    string `yaml:"kind"`
	Entries []struct {
		ID     string   `yaml:"id"`
		Kind   string   `yaml:"kind"`
		Side   string   `yaml:"side"`
		Parent string   `yaml:"parent"`
		ES     []string `yaml:"es"`
		EN     []string `yaml:"en"`
	} `yaml:"entries"`
}

type cueFile struct {
	Classes []struct {
		Class CueClass `yaml:"class"`
		ES    []string `yaml:"es"`
		EN    []string `yaml:"en"`
	} `yaml:"classes"`
}

func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	return dec.Decode(v)
}

func (b *lexBuilder) readFS(fsys fs.FS, base bool) error {
	for _, dir := range []string{"concepts", "gazetteer"} {
		names, err := fs.Glob(fsys, dir+"/*.yaml")
		if err != nil {
			return fmt.Errorf("lexicon: list %s: %w", dir, err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return fmt.Errorf("lexicon: %w", err)
			}
			if dir == "concepts" {
				err = b.addConcepts(name, data)
			} else {
				err = b.addGazetteer(name, data)
			}
			if err != nil {
				return err
			}
		}
	}
	data, err := fs.ReadFile(fsys, "cues.yaml")
	switch {
	case errors.Is(err, fs.ErrNotExist) && !base:
		return nil
	case err != nil:
		return fmt.Errorf("lexicon: %w", err)
	}
	var cf cueFile
	if err := decodeStrict(data, &cf); err != nil {
		return fmt.Errorf("lexicon: cues.yaml: %w", err)
	}
	for _, c := range cf.Classes {
		if !knownCueClasses[c.Class] {
			return fmt.Errorf("lexicon: cues.yaml: unknown class %q", c.Class)
		}
		cur := b.cues[c.Class]
		cur[0] = append(cur[0], c.ES...)
		cur[1] = append(cur[1], c.EN...)
		b.cues[c.Class] = cur
	}
	return nil
}

func (b *lexBuilder) merge(file string, e *Entry) error {
	if e.ID == "" {
		return fmt.Errorf("lexicon: %s: an entry has no id", file)
	}
	if old, ok := b.entries[e.ID]; ok {
		if old.Kind != e.Kind {
			return fmt.Errorf("lexicon: %s: id %q is a %s here and a %s in %s", file, e.ID, e.Kind, old.Kind, b.origin[e.ID])
		}
		old.ES = append(old.ES, e.ES...)
		old.EN = append(old.EN, e.EN...)
		old.Broader = append(old.Broader, e.Broader...)
		old.Parts = append(old.Parts, e.Parts...)
		return nil
	}
	if b.origin == nil {
		b.origin = map[string]string{}
	}
	b.origin[e.ID] = file
	b.entries[e.ID] = e
	b.order = append(b.order, e.ID)
	return nil
}

func (b *lexBuilder) addConcepts(name string, data []byte) error {
	var cf conceptFile
	if err := decodeStrict(data, &cf); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	for _, c := range cf.Concepts {
		e := &Entry{ID: c.ID, Kind: KindConcept, Domain: cf.Domain, Broader: c.Broader, Parts: c.Parts, ES: c.ES, EN: c.EN}
		if err := b.merge(name, e); err != nil {
			return err
		}
	}
	return nil
}

func (b *lexBuilder) addGazetteer(name string, data []byte) error {
	var gf gazetteerFile
	if err := decodeStrict(data, &gf); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	for _, g := range gf.Entries {
		kind := g.Kind
		if kind == "" {
			kind = gf.Kind
		}
		if kind == "" {
			return fmt.Errorf("lexicon: %s: entry %q has no kind", name, g.ID)
		}
		e := &Entry{ID: g.ID, Kind: kind, Side: g.Side, Parent: g.Parent, ES: g.ES, EN: g.EN}
		switch e.Side {
		case "", "mx", "us", SideBoth:
		default:
			return fmt.Errorf("lexicon: %s: entry %q has unknown side %q", name, g.ID, g.Side)
		}
		if err := b.merge(name+"/"+path.Base(kind), e); err != nil {
			return err
		}
	}
	return nil
}

// termKey returns the folded stem sequence of a phrase in lang, the key
// under which it is looked up.
func termKey(phrase, lang string) (string, int) {
	toks := Tokenize(phrase, lang, 0)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Stem
	}
	return strings.Join(parts, " "), len(toks)
}

// cueKey returns the folded word sequence of a cue phrase: cues are verb
// forms, matched as written (after folding) because a stem would join a
// verb with its noun ("aprobó"/"aprobación", "authorized"/"authorities").
func cueKey(phrase, lang string) (string, int) {
	toks := Tokenize(phrase, lang, 0)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Fold
	}
	return strings.Join(parts, " "), len(toks)
}

func (b *lexBuilder) build() (*Lexicon, error) {
	l := &Lexicon{
		entries:    b.entries,
		terms:      map[string]map[string]string{"es": {}, "en": {}},
		exact:      map[string]map[string]string{"es": {}, "en": {}},
		crossTerms: map[string]map[string]bool{"es": {}, "en": {}},
		crossExact: map[string]map[string]bool{"es": {}, "en": {}},
		nameStems:  map[string]map[string]bool{"es": {}, "en": {}},
		narrower:   map[string]int{},
		related:    map[string][]string{},
		cues:       map[string]map[string][]CueClass{"es": {}, "en": {}},
		cueCounts:  map[CueClass]int{},
	}
	var problems []string
	for _, id := range b.order {
		e := b.entries[id]
		if len(e.ES) == 0 || len(e.EN) == 0 {
			problems = append(problems, fmt.Sprintf("%s: needs terms in both languages", id))
		}
		for _, br := range e.Broader {
			if _, ok := b.entries[br]; !ok {
				problems = append(problems, fmt.Sprintf("%s: broader %q does not exist", id, br))
			}
		}
		for _, alts := range e.Parts {
			if len(alts) == 0 {
				problems = append(problems, fmt.Sprintf("%s: empty part", id))
			}
			for _, p := range alts {
				if _, ok := b.entries[p]; !ok || p == id {
					problems = append(problems, fmt.Sprintf("%s: part %q does not exist", id, p))
				}
			}
		}
		if len(e.Parts) > 0 {
			l.composed = append(l.composed, id)
		}
		if e.Parent != "" {
			if _, ok := b.entries[e.Parent]; !ok {
				problems = append(problems, fmt.Sprintf("%s: parent %q does not exist", id, e.Parent))
			}
		}
		// A concept's terms are matched in their own language; names of
		// entities (people, places, agencies, acronyms) appear in both.
		// Capitalised names and acronyms of entities are cross-listed,
		// common words are not ("consulado" is not English).
		byLang := map[string][]string{"es": e.ES, "en": e.EN}
		if e.Kind != KindConcept {
			byLang = map[string][]string{"es": append(append([]string{}, e.ES...), names(e.EN)...),
				"en": append(append([]string{}, e.EN...), names(e.ES)...)}
		}
		for _, br := range e.Broader {
			l.narrower[br]++
			l.related[id] = append(l.related[id], br)
			l.related[br] = append(l.related[br], id)
		}
		for _, lang := range []string{"es", "en"} {
			for _, term := range byLang[lang] {
				copied := !containsFold(pick(e, lang), term)
				if fk, _ := cueKey(term, lang); fk != "" {
					if _, taken := l.exact[lang][fk]; !taken {
						l.exact[lang][fk] = id
						l.crossExact[lang][fk] = copied
					} else if l.exact[lang][fk] == id && !copied {
						l.crossExact[lang][fk] = false
					}
				}
				key, n := termKey(term, lang)
				if key == "" {
					problems = append(problems, fmt.Sprintf("%s: empty term %q", id, term))
					continue
				}
				name := n == 1 && e.Kind != KindConcept && len(names([]string{term})) == 1
				if other, ok := l.terms[lang][key]; ok && other == id {
					if !copied {
						l.crossTerms[lang][key] = false
					}
					if !name {
						l.nameStems[lang][key] = false
					}
					continue
				}
				if other, ok := l.terms[lang][key]; ok && other != id {
					// The same phrase under two ids is an error; two phrases
					// that only share a stem keep the first id and are
					// reported by Collisions.
					if containsFold(pick(e, lang), term) && containsFold(pick(b.entries[other], lang), term) {
						problems = append(problems, fmt.Sprintf("term %q (%s) maps to both %s and %s", term, lang, other, id))
					} else if containsFold(pick(e, lang), term) && !officeOf(e, b.entries[other]) {
						l.collisions = append(l.collisions, fmt.Sprintf("%s term %q of %s shares its stems with %s", lang, term, id, other))
					}
					continue
				}
				l.terms[lang][key] = id
				l.crossTerms[lang][key] = copied
				l.nameStems[lang][key] = name
				if n > l.maxTerm {
					l.maxTerm = n
				}
			}
		}
	}
	classes := make([]CueClass, 0, len(b.cues))
	for c := range b.cues {
		classes = append(classes, c)
	}
	sort.Slice(classes, func(i, j int) bool { return classes[i] < classes[j] })
	for _, c := range classes {
		ph := b.cues[c]
		for li, lang := range []string{"es", "en"} {
			for _, p := range ph[li] {
				key, n := cueKey(p, lang)
				if key == "" {
					continue
				}
				l.cueCounts[c]++
				if !hasClass(l.cues[lang][key], c) {
					l.cues[lang][key] = append(l.cues[lang][key], c)
				}
				if n > l.maxCue {
					l.maxCue = n
				}
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("lexicon: %d problems: %s", len(problems), strings.Join(problems, "; "))
	}
	return l, nil
}

// officeOf reports an office and the body it belongs to ("canciller" and
// "Cancillería", "cónsul" and "consulado"), whose terms share stems on
// purpose: their listed forms tell them apart (README, matching step 3).
func officeOf(a, b *Entry) bool {
	return a.Kind == KindRole && a.Parent == b.ID || b.Kind == KindRole && b.Parent == a.ID
}

// names returns the terms that start with a capital letter or digit.
func names(terms []string) []string {
	var out []string
	for _, t := range terms {
		r, _ := utf8.DecodeRuneInString(t)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			out = append(out, t)
		}
	}
	return out
}

func pick(e *Entry, lang string) []string {
	if lang == "es" {
		return e.ES
	}
	return e.EN
}

func containsFold(list []string, term string) bool {
	f := Fold(term)
	for _, t := range list {
		if Fold(t) == f {
			return true
		}
	}
	return false
}

func hasClass(list []CueClass, c CueClass) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}
