package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Zero-width characters used to break a mention without changing what a
// reader sees.
const (
	wordJoiner = "\u2060"
	zeroWidth  = "\u200b"
)

// slackEscaper escapes the three characters Slack's message formatting
// gives a meaning to. With them escaped, no "<!channel>", "<!here>",
// "<!everyone>", "<@U…>", "<#C…>", "<!subteam^…>" or "<url|text>" link can
// be formed by the text.
var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeSlack makes untrusted text (a feed item's title, a user's argument)
// safe to put in a Slack mrkdwn or plain_text field: it escapes &, < and >,
// and breaks the bare words "@channel", "@here" and "@everyone" with a
// word joiner so that they stay inert even if a message is ever sent with
// link_names set.
func EscapeSlack(s string) string {
	s = sanitize(s)
	s = slackEscaper.Replace(s)
	return breakBroadcasts(s, wordJoiner, "channel", "here", "everyone")
}

// discordMarkdown are the characters Discord's markdown (and its mention
// and link syntax) gives a meaning to; each is escaped with a backslash.
// "<" covers user, role, channel, command, timestamp and emoji mentions
// ("<@…>", "<@&…>", "<#…>", "</…>", "<t:…>", "<:…>") and "<url>" links;
// "[", "]", "(" and ")" cover masked links "[text](url)"; "*", "_", "~",
// "`", "|", ">", "#" and "-" cover emphasis, code, spoilers, quotes,
// headings, subtext and lists, which a title could otherwise use to dress
// up text as something gapwatch did not write.
const discordMarkdown = "\\*_~`|<>[]()#-"

// EscapeDiscord makes untrusted text safe to put in a Discord message or
// embed: every markdown, mention and link character is escaped with a
// backslash, and "@everyone" and "@here" are broken with a zero-width
// space. Messages must still set
// allowed_mentions to none; this escaping is what keeps the text from
// looking like a ping or a link.
func EscapeDiscord(s string) string {
	s = sanitize(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		if strings.ContainsRune(discordMarkdown, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return breakBroadcasts(b.String(), zeroWidth, "everyone", "here")
}

// breakBroadcasts inserts sep after every "@" that starts one of words
// (case-insensitively), so "@everyone" reads the same but pings no one.
func breakBroadcasts(s, sep string, words ...string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for {
		i := strings.IndexByte(s, '@')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+1])
		rest := s[i+1:]
		for _, w := range words {
			if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) {
				b.WriteString(sep)
				break
			}
		}
		s = rest
	}
}

// sanitize drops control characters other than newline and tab (terminal
// escapes, bidirectional overrides that could disguise a link, NULs) and
// replaces invalid UTF-8, so every renderer starts from printable text.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				b.WriteRune('\uFFFD')
				continue
			}
			b.WriteRune(r)
		case unsafeRune(r):
			if r == '\r' {
				// CRLF reads as LF, a lone CR as a line break.
				if i+1 < len(s) && s[i+1] == '\n' {
					continue
				}
				b.WriteByte('\n')
				continue
			}
			if unicode.IsSpace(r) {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports a control or bidirectional-formatting rune.
func unsafeRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// Ellipsis ends a text that was cut.
const Ellipsis = "…"

// Cut returns s if it has at most limit runes; otherwise it keeps as many
// whole runes as fit, then appends "…" and, when more is not empty, a
// space and more (typically an already rendered link to the full text),
// so that the result has at most limit runes. When even "… more" does not
// fit, more is left out.
func Cut(s string, limit int, more string) string {
	return Fit(s, limit, nil, more)
}

// Fit is Cut for text that will be escaped: it cuts the raw text s so that
// escape(kept) + "…" [+ " " + more] has at most limit runes, never splitting
// an escape sequence (escape nil means no escaping). It returns the escaped
// result.
func Fit(s string, limit int, escape func(string) string, more string) string {
	if escape == nil {
		escape = func(s string) string { return s }
	}
	if limit <= 0 {
		return ""
	}
	full := escape(s)
	if utf8.RuneCountInString(full) <= limit {
		return full
	}
	suffix := Ellipsis
	if more != "" && utf8.RuneCountInString(more)+2 <= limit {
		suffix = Ellipsis + " " + more
	}
	room := limit - utf8.RuneCountInString(suffix)
	// The escaped length grows with the prefix: find the longest prefix (in
	// runes) whose escaped form fits, by binary search.
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if utf8.RuneCountInString(escape(string(runes[:mid]))) <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	kept := strings.TrimRightFunc(string(runes[:lo]), unicode.IsSpace)
	return escape(kept) + suffix
}
