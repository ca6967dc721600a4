package bot

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile are strings a feed item or a user could send to make gapwatch
// ping a channel, forge a link or hide text.
var hostile = []string{
	"<!channel> tariffs agreed",
	"<!here|here> and <!everyone>",
	"ping <@U024BE7LH> and <#C024BE7LH|general>",
	"<!subteam^S012345|@team> look",
	"<https://evil.example|State Department confirms>",
	"@everyone @here @channel",
	"@EveryOne hi @HERE",
	"<@80351110224678912> <@!80351110224678912> <@&123456789012345678> <#123456789012345678>",
	"[State Department](https://evil.example) confirms",
	"[https://state.gov](https://evil.example)",
	"**bold** __under__ ~~strike~~ ||spoiler|| `code`",
	"# Heading\n-# subtext\n> quote",
	"</gapwatch confirm:123> <t:1700000000:R> <:emoji:123>",
	"a & b < c > d &amp; &lt;",
	"\x1b[31mred\x1b[0m and \u202egnp.exe\u202c",
	"tab\tnew\nline\rcarriage",
	"invalid \xff\xfe utf-8",
}

// slackMarkup matches Slack markup that could mention or link.
var slackMarkup = regexp.MustCompile(`<[!@#]|<https?:|<mailto:|\|[^>]*>`)

func TestEscapeSlack(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"a & b", "a &amp; b"},
		{"<!channel>", "&lt;!channel&gt;"},
		{"<@U1>", "&lt;@U1&gt;"},
		{"<https://x.example|y>", "&lt;https://x.example|y&gt;"},
		{"&amp;", "&amp;amp;"},
		{"@channel now", "@" + wordJoiner + "channel now"},
		{"mail ana@example.org", "mail ana@example.org"},
		{"plain text", "plain text"},
		{"\x1b[2J", "[2J"},
	}
	for _, tt := range tests {
		if got := EscapeSlack(tt.in); got != tt.want {
			t.Errorf("EscapeSlack(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, h := range hostile {
		got := EscapeSlack(h)
		if strings.ContainsAny(got, "<>") || slackMarkup.MatchString(got) {
			t.Errorf("EscapeSlack(%q) = %q keeps < or >", h, got)
		}
		for _, w := range []string{"@channel", "@here", "@everyone"} {
			if strings.Contains(strings.ToLower(got), w) {
				t.Errorf("EscapeSlack(%q) = %q keeps %s", h, got, w)
			}
		}
		if !utf8.ValidString(got) || strings.ContainsFunc(got, unsafeRune) {
			t.Errorf("EscapeSlack(%q) = %q keeps control characters", h, got)
		}
	}
}

// unescaped reports whether s has one of chars not preceded by a backslash.
func unescaped(s, chars string) bool {
	esc := false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case strings.ContainsRune(chars, r):
			return true
		}
	}
	return false
}

func TestEscapeDiscord(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"@everyone", "@" + zeroWidth + "everyone"},
		{"@Here!", "@" + zeroWidth + "Here!"},
		{"<@123>", `\<@123\>`},
		{"<@&9>", `\<@&9\>`},
		{"[x](https://evil.example)", `\[x\]\(https://evil.example\)`},
		{"a*b_c~d`e|f", `a\*b\_c\~d\` + "`" + `e\|f`},
		{`back\slash`, `back\\slash`},
		{"# h", `\# h`},
		{"plain text 12", "plain text 12"},
	}
	for _, tt := range tests {
		if got := EscapeDiscord(tt.in); got != tt.want {
			t.Errorf("EscapeDiscord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, h := range hostile {
		got := EscapeDiscord(h)
		if unescaped(got, discordMarkdown) {
			t.Errorf("EscapeDiscord(%q) = %q keeps unescaped markdown", h, got)
		}
		for _, w := range []string{"@everyone", "@here"} {
			if strings.Contains(strings.ToLower(got), w) {
				t.Errorf("EscapeDiscord(%q) = %q keeps %s", h, got, w)
			}
		}
		if !utf8.ValidString(got) || strings.ContainsFunc(got, unsafeRune) {
			t.Errorf("EscapeDiscord(%q) = %q keeps control characters", h, got)
		}
	}
}

func TestCutAndFit(t *testing.T) {
	tests := []struct {
		name   string
		s      string
		limit  int
		escape func(string) string
		more   string
		want   string
	}{
		{"fits", "short", 10, nil, "", "short"},
		{"exact", "12345", 5, nil, "more", "12345"},
		{"cut", "abcdefghij", 5, nil, "", "abcd…"},
		{"cut with link", "the quick brown fox jumps", 20, nil, "<u|more>", "the quick…" + " <u|more>"},
		{"link too long is left out", "abcdefghij", 6, nil, "<https://x.example|more>", "abcde…"},
		{"whole runes", "ñandú ñandú ñandú", 7, nil, "", "ñandú…"},
		{"emoji", "🇲🇽🇺🇸🇲🇽🇺🇸", 3, nil, "", "🇲🇽…"},
		{"escape never split", "a&b&c&d", 7, EscapeSlack, "", "a&amp;…"},
		{"escape kept whole", "a&b&c&d", 8, EscapeSlack, "", "a&amp;b…"},
		{"escaped fits", "a&b", 7, EscapeSlack, "", "a&amp;b"},
		{"zero", "abc", 0, nil, "", ""},
		{"one", "abc", 1, nil, "", "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fit(tt.s, tt.limit, tt.escape, tt.more)
			if got != tt.want {
				t.Errorf("Fit(%q, %d) = %q, want %q", tt.s, tt.limit, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.limit {
				t.Errorf("Fit(%q, %d) has %d runes", tt.s, tt.limit, n)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Fit(%q, %d) = %q: invalid UTF-8", tt.s, tt.limit, got)
			}
		})
	}
	if got := Cut("abcdefghij", 5, ""); got != "abcd…" {
		t.Errorf("Cut = %q", got)
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"https://www.state.gov/briefing", "https://www.state.gov/briefing", true},
		{" http://sre.gob.mx/x?a=1&b=2 ", "http://sre.gob.mx/x?a=1&b=2", true},
		{"https://x.example/a|b>c", "https://x.example/a%7Cb%3Ec", true},
		{"https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A%5F%28b%29", true},
		{"javascript:alert(1)", "", false},
		{"ftp://x.example/file", "", false},
		{"/relative/path", "", false},
		{"https://state.gov@evil.example/", "", false},
		{"https://", "", false},
		{"https://x.example/\u202egnp", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := SafeURL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SafeURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
