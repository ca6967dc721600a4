package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// Token is one word of a text: its surface form, its byte span in the text
// it was cut from, its case- and accent-folded form and its stem.
type Token struct {
	// Surface is the word as written.
	Surface string `json:"surface"`
	// Start and End are byte offsets of Surface in the analysed text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Fold is Surface lower-cased with accents removed; dotted abbreviations
	// keep their inner dots ("EE.UU." → "ee.uu", "U.S." → "u.s").
	Fold string `json:"fold"`
	// Stem is the Snowball stem of the word (stemmed before folding), or
	// Fold for numbers and abbreviations.
	Stem string `json:"stem"`
	// Stop reports a function word, skipped by concept matching.
	Stop bool `json:"stop,omitempty"`
	// Num reports a token made of digits.
	Num bool `json:"num,omitempty"`
	// Upper reports a token that starts with an upper-case letter.
	Upper bool `json:"upper,omitempty"`
}

// Fold lower-cases s and removes the accents of Latin letters, so that
// "Acordó", "ACORDO" and "acordó" compare equal.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0xC0 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case '’', '‘':
		return '\''
	}
	return r
}

// Stem returns the Snowball stem of one word in lang ("es" or "en"; other
// values are treated as English), stemmed before accents are folded as the
// Spanish stemmer needs them.
func Stem(word, lang string) string {
	w := strings.ToLower(word)
	var s string
	if lang == "es" {
		s = spanish.Stem(w, true)
	} else {
		s = english.Stem(strings.ReplaceAll(w, "’", "'"), true)
	}
	return Fold(s)
}

// Tokenize cuts text into word tokens with folded forms and stems for lang.
// Offsets are relative to text plus base.
func Tokenize(text, lang string, base int) []Token {
	var toks []Token
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		end, dotted := scanWord(text, i)
		surface := text[start:end]
		tok := Token{Surface: surface, Start: base + start, End: base + end}
		first, _ := utf8.DecodeRuneInString(surface)
		tok.Upper = unicode.IsUpper(first)
		fold := Fold(surface)
		switch {
		case dotted:
			fold = strings.TrimSuffix(fold, ".")
			tok.Fold, tok.Stem = fold, fold
		case isNumeric(surface):
			tok.Fold, tok.Stem, tok.Num = fold, strings.NewReplacer(",", "", ".", "").Replace(fold), true
		case isAcronym(surface):
			// Acronyms are names, not inflected words: stemming them
			// joins unrelated bodies with ordinary words ("SENER" and
			// "Senado" both gave "sen", "USAID" gave "usa").
			tok.Fold, tok.Stem = fold, fold
		default:
			tok.Fold = fold
			tok.Stem = Stem(surface, lang)
			tok.Stop = isStopWord(fold, lang)
		}
		toks = append(toks, tok)
		i = end
	}
	return toks
}

// scanWord returns the end of the word starting at i and whether it is a
// dotted abbreviation ("EE.UU.", "U.S.", "D.C.").
func scanWord(text string, i int) (int, bool) {
	end := i
	seg := 0
	dotted := false
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		switch {
		case isWordRune(r):
			end += n
			seg++
			continue
		case (r == '.' || r == ',') && end+1 < len(text) && isDigitByte(text[end+1]) && end > i && isDigitByte(text[end-1]):
			// 1,500 or 3.5
			end += n
			continue
		case r == '\'' || r == '’':
			// don't, Mexico's: keep the apostrophe inside the word
			if end+n < len(text) {
				nr, _ := utf8.DecodeRuneInString(text[end+n:])
				if unicode.IsLetter(nr) {
					end += n
					continue
				}
			}
		case r == '.' && seg > 0 && seg <= 3 && end+1 < len(text):
			// A dotted abbreviation: short letter segments joined by dots.
			nr, _ := utf8.DecodeRuneInString(text[end+1:])
			if unicode.IsLetter(nr) && (dotted || segUpper(text[end-segBytes(text, end, seg):end]) || seg == 1) {
				next := end + 1
				nend := next
				nseg := 0
				for nend < len(text) {
					rr, nn := utf8.DecodeRuneInString(text[nend:])
					if !unicode.IsLetter(rr) {
						break
					}
					nend += nn
					nseg++
				}
				if nseg <= 3 && nend < len(text) && text[nend] == '.' {
					dotted = true
					end = nend + 1
					seg = 0
					continue
				}
			}
		}
		break
	}
	return end, dotted
}

func segBytes(text string, end, runes int) int {
	b := 0
	for k := 0; k < runes && end-b > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(text[:end-b])
		b += n
	}
	return b
}

func segUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isNumeric(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return digits
}

// isAcronym reports an all-capitals word of two or more letters ("US", "NO"
// in a title is rare enough), which is never a stop word.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// SentenceSpan is a sentence's byte range in a text.
type SentenceSpan struct{ Start, End int }

// SplitSentences cuts text into sentences. A line break always ends a
// sentence; ".", "!" and "?" end one when followed by a space and a capital,
// digit or opening mark, except after abbreviations ("Sr.", "Lic.", "No.",
// "EE.UU.", "U.S.", initials), unless an abbreviation is followed by a word
// that usually opens a sentence.
func SplitSentences(text string) []SentenceSpan {
	var out []SentenceSpan
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, SentenceSpan{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			emit(i + 1)
			continue
		}
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '"' || text[j] == ')' || text[j] == '\'' || text[j] == '.') {
			j++
		}
		if j < len(text) && !isSpaceByte(text[j]) && !strings.HasPrefix(text[j:], "”") && !strings.HasPrefix(text[j:], "»") {
			continue
		}
		if c == ';' {
			// A semicolon separates clauses of a list; split only before a
			// new line-like item, never inside a phrase.
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k >= len(text) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“«¿¡('‘", next) || next == '\n') {
			continue
		}
		if c == '.' && isAbbrevBefore(text, i, text[k:]) {
			continue
		}
		emit(j)
	}
	emit(len(text))
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// abbreviations that take a period and rarely end a sentence.
var abbreviations = map[string]bool{
	"sr": true, "sra": true, "srta": true, "lic": true, "dr": true, "dra": true, "ing": true,
	"mtro": true, "mtra": true, "prof": true, "gral": true, "gen": true, "no": true, "núm": true, "num": true,
	"art": true, "arts": true, "cap": true, "fracc": true, "col": true, "av": true, "tel": true,
	"mr": true, "mrs": true, "ms": true, "st": true, "jr": true, "sen": true, "rep": true, "gov": true,
	"amb": true, "lt": true, "col.": true, "sgt": true, "dept": true, "vs": true, "etc": false,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "ene": true, "abr": true,
	"ago": true, "dic": true, "approx": true, "inc": true, "co": true, "corp": true, "ltd": true,
}

// sentenceOpeners are words that, after an abbreviation, show that a new
// sentence began ("…with the U.S. The meeting…").
var sentenceOpeners = map[string]bool{
	"the": true, "this": true, "these": true, "that": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "both": true, "in": true, "on": true, "at": true, "during": true,
	"el": true, "la": true, "los": true, "las": true, "en": true, "este": true, "esta": true,
	"ambos": true, "ambas": true, "asimismo": true, "además": true, "also": true, "additionally": true,
}

func isAbbrevBefore(text string, dot int, after string) bool {
	w := dot
	for w > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if !isWordRune(r) && r != '.' {
			break
		}
		w -= n
	}
	word := strings.TrimSuffix(text[w:dot], ".")
	if word == "" {
		return false
	}
	lw := strings.ToLower(word)
	nextWord := after
	if sp := strings.IndexAny(nextWord, " ,;:\n"); sp >= 0 {
		nextWord = nextWord[:sp]
	}
	if strings.Contains(word, ".") {
		// EE.UU., U.S., D.C.: keep together unless a sentence clearly starts.
		return !sentenceOpeners[strings.ToLower(nextWord)]
	}
	if lw == "no" || lw == "núm" || lw == "num" {
		// "No. 276" but not "…dijo que no. El…"
		return len(after) > 0 && isDigitByte(after[0])
	}
	if abbreviations[lw] {
		return true
	}
	// A single capital letter: an initial ("Michael R. Pompeo").
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return false
}

var stopWords = map[string]map[string]bool{
	"es": setOf(`a al algo algun alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos asi
		aun cada como con contra cual cuales cuando cuyo de del desde donde dos durante e el ella ellas ellos
		en entre era eran es esa esas ese eso esos esta estas este esto estos fue fueron ha han hasta hay la
		las le les lo los mas me mi mis mismo misma muy ni no nos o otra otras otro otros para pero por que
		quien quienes se ser sera si sido sin sobre su sus tambien tan tanto te tras tu u un una unas uno unos
		y ya yo asimismo ademas dicho dicha dichos dichas cual mediante segun`),
	"en": setOf(`a about above after again all also am an and any are as at be been before being below between
		both but by can could did do does doing down during each few for from further had has have having he
		her here hers him his how i if in into is it its itself just me more most my no nor not of off on once
		only or other our ours out over own same she should so some such than that the their theirs them then
		there these they this those through to too under until up very was we were what when where which while
		who whom why will with would you your us shall may might must upon via`),
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func isStopWord(fold, lang string) bool {
	if lang != "es" {
		lang = "en"
	}
	return stopWords[lang][fold]
}
