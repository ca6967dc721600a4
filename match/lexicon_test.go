package match

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// testConcepts and testGazetteer are a tiny lexicon written for the tests,
// in the data files' format, so engine tests do not move when the shipped
// lexicon grows.
const testConcepts = `domain: test
concepts:
  - id: arms_trafficking
    es: [tráfico de armas, tráfico ilícito de armas, contrabando de armas]
    en: [arms trafficking, gun smuggling, firearms trafficking, weapons smuggling]
    broader: [firearms]
  - id: firearms
    es: [armas de fuego, rifles]
    en: [firearms, rifles, weapons]
  - id: asylum_seekers
    es: [solicitantes de asilo]
    en: [asylum seekers]
  - id: water_deliveries
    es: [entregas de agua]
    en: [water deliveries]
  - id: cargo_inspection
    es: [inspección de carga, revisión de carga]
    en: [cargo inspection, cargo inspections]
  - id: extended_hours
    es: [horario ampliado, horario extendido]
    en: [extended hours, extend hours]
  - id: fentanyl
    es: [fentanilo]
    en: [fentanyl]
  - id: event_meeting
    es: [reunión, se reunieron]
    en: [meeting, met]
  - id: event_phone_call
    es: [llamada telefónica, conversación telefónica]
    en: [phone call, call]
`

const testGazetteer = `kind: government
entries:
  - id: us_government
    side: us
    es: [Estados Unidos, EE.UU., gobierno de Estados Unidos, autoridades estadounidenses]
    en: [United States, U.S., U.S. authorities]
  - id: mx_government
    side: mx
    es: [México, Gobierno de México, autoridades mexicanas]
    en: [Mexico, Government of Mexico, Mexican authorities]
  - id: both_governments
    side: both
    es: [ambos gobiernos, México y Estados Unidos]
    en: [both governments, the two countries]
  - id: guatemala
    kind: country
    side: ""
    es: [Guatemala]
    en: [Guatemala]
  - id: mx_nationals
    kind: nationals
    side: mx
    es: [connacionales, ciudadano mexicano, mexicanos]
    en: [Mexican citizen, Mexican nationals]
  - id: cbp
    kind: institution
    side: us
    es: [CBP, Oficina de Aduanas y Protección Fronteriza]
    en: [CBP, U.S. Customs and Border Protection]
  - id: sre
    kind: institution
    side: mx
    es: [SRE, Secretaría de Relaciones Exteriores, Cancillería]
    en: [SRE, Mexican Foreign Ministry]
  - id: foreign_secretary_mx
    kind: role
    side: mx
    es: [canciller, secretario de Relaciones Exteriores]
    en: [Foreign Secretary, Mexican Foreign Secretary]
  - id: secretary_of_state
    kind: role
    side: us
    es: [secretario de Estado]
    en: [Secretary of State, the Secretary]
  - id: ruiz
    kind: person
    side: mx
    parent: foreign_secretary_mx
    es: [Ana Ruiz, Ruiz]
    en: [Ana Ruiz, Ruiz]
  - id: hale_person
    kind: person
    side: us
    parent: secretary_of_state
    es: [John Halloran, Halloran]
    en: [John Halloran, Halloran]
  - id: nogales_crossing
    kind: crossing
    side: ""
    parent: nogales
    es: [garita de Nogales, puerto de Nogales]
    en: [Nogales port of entry]
  - id: nogales
    kind: place
    side: ""
    es: [Nogales]
    en: [Nogales]
  - id: pharr_crossing
    kind: crossing
    side: ""
    es: [puente de Pharr]
    en: [Pharr bridge, Pharr International Bridge]
  - id: tucson
    kind: place
    side: ""
    es: [Tucson]
    en: [Tucson]
  - id: colorado_river
    kind: river
    side: ""
    es: [río Colorado]
    en: [Colorado River]
  - id: rio_grande
    kind: river
    side: ""
    es: [río Bravo]
    en: [Rio Grande]
`

func testFS(t testing.TB) fstest.MapFS {
	t.Helper()
	cues, err := fs.ReadFile(embedded, "data/cues.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		"concepts/test.yaml":  {Data: []byte(testConcepts)},
		"gazetteer/test.yaml": {Data: []byte(testGazetteer)},
		"cues.yaml":           {Data: cues},
	}
}

func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lex, err := LoadLexicon(testFS(t))
	if err != nil {
		t.Fatalf("load test lexicon: %v", err)
	}
	return lex
}

func TestLoadLexiconRejectsBadFiles(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"one language only", "concepts/x.yaml", "domain: x\nconcepts:\n  - id: solo\n    es: [solo]\n", "both languages"},
		{"unknown broader", "concepts/x.yaml", "domain: x\nconcepts:\n  - id: a\n    es: [aa]\n    en: [aa]\n    broader: [nope]\n", `broader "nope"`},
		{"unknown parent", "gazetteer/x.yaml", "kind: place\nentries:\n  - id: p\n    parent: nope\n    es: [Pe]\n    en: [Pe]\n", `parent "nope"`},
		{"term under two ids", "concepts/x.yaml", "domain: x\nconcepts:\n  - id: a\n    es: [tráfico de armas]\n    en: [aa]\n", "maps to both"},
		{"unknown field", "concepts/x.yaml", "domain: x\nconcepts:\n  - id: a\n    fr: [a]\n", "not found"},
		{"bad side", "gazetteer/x.yaml", "kind: place\nentries:\n  - id: p\n    side: ca\n    es: [Pe]\n    en: [Pe]\n", "unknown side"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(t)
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := LoadLexicon(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadLexicon error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadLexiconExtraFiles(t *testing.T) {
	extra := fstest.MapFS{
		"concepts/local.yaml": {Data: []byte("domain: local\nconcepts:\n  - id: fentanyl\n    es: [fentanil]\n    en: [fentanil]\n  - id: vaquita\n    es: [vaquita marina]\n    en: [vaquita porpoise]\n")},
	}
	lex, err := LoadLexicon(testFS(t), extra)
	if err != nil {
		t.Fatal(err)
	}
	if lex.Entry("vaquita") == nil {
		t.Fatalf("extra concept not loaded")
	}
	e := NewEngine(lex, Options{})
	a := e.Analyze(Item{Side: "mx", Language: "es", Title: "Decomisan fentanil"})
	if a.Concepts["fentanyl"] == 0 {
		t.Errorf("extra term of an existing concept not matched: %v", a.Concepts)
	}
}

// TestDefaultLexicon checks the shipped data files: they load (which checks
// both languages, references and duplicate terms) and the cue classes the
// engine relies on are filled in both languages.
func TestDefaultLexicon(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []CueClass{CueAgree, CueCommit, CueSign, CueJoint, CueDiscuss, CueDeny, CueNegate, CueCond, CueWith, CuePlace} {
		if lex.CueCount(c) < 2 {
			t.Errorf("cue class %s has %d phrases", c, lex.CueCount(c))
		}
	}
	for _, id := range lex.IDs() {
		e := lex.Entry(id)
		if len(e.ES) == 0 || len(e.EN) == 0 {
			t.Errorf("%s lacks a language", id)
		}
	}
	// A term whose stems collide with another entry's is shadowed: its
	// inflections go to the other entry. Only an office and its own body
	// may share stems (their listed forms tell them apart).
	for _, c := range lex.Collisions() {
		t.Errorf("stem collision: %s", c)
	}
}

func TestCueClassesBothLanguages(t *testing.T) {
	data, err := fs.ReadFile(embedded, "data/cues.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cf cueFile
	if err := decodeStrict(data, &cf); err != nil {
		t.Fatal(err)
	}
	for _, c := range cf.Classes {
		if len(c.ES) == 0 || len(c.EN) == 0 {
			t.Errorf("cue class %s lacks a language", c.Class)
		}
	}
}
