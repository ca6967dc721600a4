package match

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acordó", "acordo"},
		{"MÉXICO", "mexico"},
		{"Año Niño", "ano nino"},
		{"Relaciones Exteriores", "relaciones exteriores"},
		{"pingüino", "pinguino"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemBeforeFold(t *testing.T) {
	// Plurals and inflections share a stem in both languages; the stem is
	// accent-free.
	tests := []struct {
		a, b, lang string
	}{
		{"acuerdos", "acuerdo", "es"},
		{"migración", "migracion", "es"},
		{"fronterizos", "fronterizo", "es"},
		{"crossings", "crossing", "en"},
		{"officials", "official", "en"},
	}
	for _, tt := range tests {
		if sa, sb := Stem(tt.a, tt.lang), Stem(tt.b, tt.lang); sa != sb {
			t.Errorf("Stem(%q)=%q, Stem(%q)=%q, want equal", tt.a, sa, tt.b, sb)
		}
		if s := Stem(tt.a, tt.lang); s != Fold(s) {
			t.Errorf("Stem(%q) = %q keeps accents", tt.a, s)
		}
	}
}

func TestTokenizeAbbreviations(t *testing.T) {
	tests := []struct {
		in, lang string
		want     []string
	}{
		{"México y EE.UU. acordaron", "es", []string{"mexico", "y", "ee.uu", "acordaron"}},
		{"the U.S. Department", "en", []string{"the", "u.s", "department"}},
		{"Washington, D.C., today", "en", []string{"washington", "d.c", "today"}},
		{"Comunicado No. 276", "es", []string{"comunicado", "no", "276"}},
		{"U.S.-Mexico border", "en", []string{"u.s", "mexico", "border"}},
		{"$1,500 and 3.5 tons", "en", []string{"1,500", "and", "3.5", "tons"}},
		{"Mexico's decision", "en", []string{"mexico's", "decision"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in, tt.lang, 0) {
			got = append(got, tok.Fold)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "La Cancillería informó"
	for _, tok := range Tokenize(text, "es", 0) {
		if text[tok.Start:tok.End] != tok.Surface {
			t.Errorf("token %q has span %d:%d = %q", tok.Surface, tok.Start, tok.End, text[tok.Start:tok.End])
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"spanish abbreviations", "El Sr. López y el Lic. Pérez viajaron a EE.UU. el lunes. Ahí se reunieron.",
			[]string{"El Sr. López y el Lic. Pérez viajaron a EE.UU. el lunes.", "Ahí se reunieron."}},
		{"english abbreviations", "Secretary Michael R. Pompeo met U.S. officials in Washington, D.C. on Monday. They agreed.",
			[]string{"Secretary Michael R. Pompeo met U.S. officials in Washington, D.C. on Monday.", "They agreed."}},
		{"number sign", "Comunicado No. 276. La SRE informa.", []string{"Comunicado No. 276.", "La SRE informa."}},
		{"abbreviation ends a sentence", "Both met in the U.S. The talks went on.", []string{"Both met in the U.S.", "The talks went on."}},
		{"line breaks", "Title\nFirst line. Second line", []string{"Title", "First line.", "Second line"}},
		{"questions", "¿Qué se acordó? Nada.", []string{"¿Qué se acordó?", "Nada."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range SplitSentences(tt.in) {
				got = append(got, tt.in[sp.Start:sp.End])
			}
			if strings.Join(got, "‖") != strings.Join(tt.want, "‖") {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestStopWordsKeepAcronyms(t *testing.T) {
	toks := Tokenize("US officials told us", "en", 0)
	if toks[0].Stop {
		t.Errorf("acronym US marked as stop word")
	}
	if !toks[3].Stop {
		t.Errorf("pronoun us not marked as stop word")
	}
}
