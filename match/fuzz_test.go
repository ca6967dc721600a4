package match

import (
	"testing"
	"time"
)

// FuzzAnalyze feeds arbitrary text through normalisation, annotation and
// claim extraction in both languages: nothing may panic, spans must lie
// inside the text, and units must point at real sentences.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		mxArmsClaim, usArmsOK, "", "EE.UU.", "U.S.", "No. 276.", "¿Acordaron?", "a,b;c:d", "Sr. Lic. Dr.",
		"México y Estados Unidos acordaron:\nQue se reforzará la inspección de carga.\n",
		"would would will shall", "no no no acordaron", "'s today's hoy mañana",
	} {
		f.Add(s, "es")
		f.Add(s, "en")
	}
	lex, err := LoadLexicon(testFS(f))
	if err != nil {
		f.Fatal(err)
	}
	e := NewEngine(lex, Options{})
	f.Fuzz(func(t *testing.T, text, lang string) {
		a := e.Analyze(Item{Side: "mx", Language: lang, Published: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), Content: text})
		for _, s := range a.Sentences {
			if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
				t.Fatalf("sentence span %d:%d outside text of %d bytes", s.Start, s.End, len(a.Text))
			}
			for _, an := range s.Annots {
				if an.Start < s.Start || an.End > s.End {
					t.Fatalf("annotation %q outside its sentence", an.ID)
				}
			}
		}
		for _, u := range a.Units {
			if u.Sentence < 0 || u.Sentence >= len(a.Sentences) {
				t.Fatalf("unit points at sentence %d of %d", u.Sentence, len(a.Sentences))
			}
		}
	})
}
