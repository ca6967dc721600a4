package bot

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		text    string
		want    Line
		wantErr error
	}{
		{"", Line{}, nil},
		{"   ", Line{}, nil},
		{"list", Line{Name: "list"}, nil},
		{"LIST Partial MX", Line{Name: "list", Args: []string{"Partial", "MX"}}, nil},
		{"show 42 --public", Line{Name: "show", Args: []string{"42"}, Public: true}, nil},
		{"--public show 42", Line{Name: "show", Args: []string{"42"}, Public: true}, nil},
		{"list —public", Line{Name: "list", Public: true}, nil},
		{`confirm 42 https://x.example/a "called the embassy, they confirm"`,
			Line{Name: "confirm", Args: []string{"42", "https://x.example/a", "called the embassy, they confirm"}}, nil},
		{`dismiss 7 “no es un acuerdo”`, Line{Name: "dismiss", Args: []string{"7", "no es un acuerdo"}}, nil},
		{`dismiss 7 ”sin comillas de apertura”`, Line{Name: "dismiss", Args: []string{"7", "sin comillas de apertura"}}, nil},
		{`search "say \"hi\" \\ there"`, Line{Name: "search", Args: []string{`say "hi" \ there`}}, nil},
		{`search "--public"`, Line{Name: "search", Args: []string{"--public"}}, nil},
		{`search C:\path`, Line{Name: "search", Args: []string{`C:\path`}}, nil},
		{"what's unconfirmed this week?", Line{Name: "what's", Args: []string{"unconfirmed", "this", "week?"}}, nil},
		{`"show" 1`, Line{Name: "show", Args: []string{"1"}}, nil},
		{"search\u00a0aranceles\tacero", Line{Name: "search", Args: []string{"aranceles", "acero"}}, nil},
		{`search ""`, Line{Name: "search", Args: []string{""}}, nil},
		{`confirm 1 "unterminated`, Line{}, ErrUnterminatedQuote},
		{`confirm 1 “unterminated`, Line{}, ErrUnterminatedQuote},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseLine(tt.text)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseLine(%q) error %v, want %v", tt.text, err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseLine(%q) = %#v, want %#v", tt.text, got, tt.want)
			}
		})
	}
}

func TestCommandLineRoundTrip(t *testing.T) {
	tests := [][]string{
		{"confirm", "42", "https://x.example/a?b=c&d", "note with spaces"},
		{"search", `quote " and backslash \`},
		{"search", "“curly”", "--public", "—PUBLIC", ""},
		{"dismiss", "1", "línea\nnueva", "tab\there"},
	}
	for _, args := range tests {
		text := CommandLine(args[0], args[1:]...)
		got, err := ParseLine(text)
		if err != nil {
			t.Fatalf("ParseLine(CommandLine(%q)) = %q: %v", args, text, err)
		}
		if got.Name != args[0] || !equalArgs(got.Args, args[1:]) || got.Public {
			t.Errorf("CommandLine(%q) = %q parses back as %#v", args, text, got)
		}
	}
}

func equalArgs(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// FuzzParseLine checks that the parser never panics, that what it returns
// is consistent, and that CommandLine quotes any arguments so that they
// parse back unchanged.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"list partial mx", `confirm 1 https://x "a note"`, "“x” ”y”", `"\"\\`, "--public", "\xff\"", "a\u00a0b\u2028c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLine(s)
		if err != nil {
			if !errors.Is(err, ErrUnterminatedQuote) {
				t.Fatalf("ParseLine(%q): unexpected error %v", s, err)
			}
		} else {
			if l.Name == "" && len(l.Args) > 0 {
				t.Fatalf("ParseLine(%q) = %#v: arguments without a name", s, l)
			}
			if l.Name != strings.ToLower(l.Name) {
				t.Fatalf("ParseLine(%q): name %q not lower-case", s, l.Name)
			}
		}
		// Any argument list survives CommandLine → ParseLine.
		args := strings.Split(s, "\x1f")
		name := "cmd"
		text := CommandLine(name, args...)
		got, err := ParseLine(text)
		if err != nil {
			t.Fatalf("ParseLine(CommandLine(%q)) = %q: %v", args, text, err)
		}
		if got.Name != name || !equalArgs(got.Args, args) || got.Public {
			t.Fatalf("CommandLine(%q) = %q parses back as %#v", args, text, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(text) {
			t.Fatalf("CommandLine made valid UTF-8 invalid: %q", text)
		}
	})
}

func TestTrimMentions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@U024BE7LH> list partial", "list partial"},
		{"  <@!80351110224678912>   <@U1> show 4", "show 4"},
		{"list <@U1>", "list <@U1>"},
		{"<@U1", "<@U1"},
		{"<@U1>", ""},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := TrimMentions(tt.in); got != tt.want {
			t.Errorf("TrimMentions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
