package bot

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PublicFlag, anywhere in a command's text, asks for a reply the whole
// channel sees. "—public" (the em dash that autocorrection makes of "--")
// counts too.
const PublicFlag = "--public"

// isPublicFlag reports a --public word.
func isPublicFlag(w string) bool {
	return strings.EqualFold(w, PublicFlag) || strings.EqualFold(w, "—public")
}

// ErrUnterminatedQuote is returned by ParseLine when a quoted argument has
// no closing quote.
var ErrUnterminatedQuote = errors.New("unterminated quote")

// Line is a command line cut into its words.
type Line struct {
	// Name is the command's name, lower-cased ("" for an empty line).
	Name string
	// Args are the arguments after the name, quotes removed.
	Args []string
	// Public reports a --public flag (outside quotes).
	Public bool
}

// ParseLine cuts text into a command name and arguments. Words are
// separated by white space; "double quotes" (straight or typographic “…”)
// group words into one argument, and inside straight quotes \" and \\
// stand for a quote and a backslash. Single quotes are ordinary characters
// so that "what's" reads as typed. A --public word outside quotes sets
// Public and is removed.
func ParseLine(text string) (Line, error) {
	words, quoted, err := splitWords(text)
	if err != nil {
		return Line{}, err
	}
	var l Line
	for i, w := range words {
		if !quoted[i] && isPublicFlag(w) {
			l.Public = true
			continue
		}
		if l.Name == "" && len(l.Args) == 0 && !quoted[i] {
			l.Name = strings.ToLower(w)
			continue
		}
		l.Args = append(l.Args, w)
	}
	if l.Name == "" && len(l.Args) > 0 {
		// The first word was quoted: it is still the name.
		l.Name, l.Args = strings.ToLower(l.Args[0]), l.Args[1:]
	}
	return l, nil
}

// closing returns the closing quote of an opening quote rune, or 0.
func closing(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '“', '”':
		return '”'
	}
	return 0
}

// splitWords cuts text into words, reporting which were quoted.
func splitWords(text string) ([]string, []bool, error) {
	var words []string
	var quoted []bool
	var cur strings.Builder
	inWord, wasQuoted := false, false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			quoted = append(quoted, wasQuoted)
		}
		cur.Reset()
		inWord, wasQuoted = false, false
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			flush()
			i += n
		case closing(r) != 0:
			end := closing(r)
			inWord, wasQuoted = true, true
			i += n
			closed := false
			for i < len(text) {
				c, m := utf8.DecodeRuneInString(text[i:])
				i += m
				if c == end || (end == '”' && c == '“') {
					closed = true
					break
				}
				if end == '"' && c == '\\' && i < len(text) && (text[i] == '"' || text[i] == '\\') {
					cur.WriteByte(text[i])
					i++
					continue
				}
				cur.WriteString(text[i-m : i])
			}
			if !closed {
				return nil, nil, ErrUnterminatedQuote
			}
		default:
			inWord = true
			cur.WriteString(text[i : i+n])
			i += n
		}
	}
	flush()
	return words, quoted, nil
}

// CommandLine builds the text of a command from its name and arguments,
// quoting where needed, so that ParseLine gives the same arguments back.
// Adapters with typed options (Discord) use it to reach the same parser.
func CommandLine(name string, args ...string) string {
	parts := make([]string, 0, len(args)+1)
	parts = append(parts, quoteArg(name))
	for _, a := range args {
		parts = append(parts, quoteArg(a))
	}
	return strings.Join(parts, " ")
}

// quoteArg returns a as one word of a command line.
func quoteArg(a string) string {
	needs := a == "" || isPublicFlag(a)
	for _, r := range a {
		if unicode.IsSpace(r) || closing(r) != 0 || r == '\\' {
			needs = true
			break
		}
	}
	if !needs {
		return a
	}
	// Only straight quotes and backslashes need escaping inside straight
	// quotes; invalid UTF-8 is carried byte for byte.
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(a) + `"`
}

// TrimMentions removes the mentions a chat message starts with ("<@U024BE7LH>
// list", "<@!80351110224678912> show 4"), so that the text of an app mention
// reaches ParseLine as a command line.
func TrimMentions(text string) string {
	for {
		t := strings.TrimLeftFunc(text, unicode.IsSpace)
		if !strings.HasPrefix(t, "<@") {
			return t
		}
		end := strings.IndexByte(t, '>')
		if end < 0 {
			return t
		}
		text = t[end+1:]
	}
}
