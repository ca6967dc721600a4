package bot

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Tone is what a reply is about, for platforms that colour or badge
// messages (Discord embed colours, Slack header emoji).
type Tone string

// Tones of a reply; claim statuses use their own words.
const (
	ToneInfo        Tone = "info"
	ToneError       Tone = "error"
	TonePending     Tone = "pending"
	ToneConfirmed   Tone = "confirmed"
	TonePartial     Tone = "partial"
	ToneUnconfirmed Tone = "unconfirmed"
	ToneDismissed   Tone = "dismissed"
)

// Reply is a platform-neutral answer to a command: a title, an optional
// lead paragraph and sections. All text in a Reply is plain and untrusted
// (feed titles, user arguments): renderers escape it for their platform,
// and links are kept apart so that no renderer has to parse text for them.
type Reply struct {
	// Title is the reply's heading (one line).
	Title string
	// Tone says what the reply is about (colour, badge).
	Tone Tone
	// Text is a lead paragraph under the title.
	Text string
	// Sections follow the lead in order.
	Sections []Section
	// Public asks for a reply everyone in the channel sees; false means
	// ephemeral (only the asker) where the platform can do that.
	Public bool
	// MoreURL is where the full text can be read when a renderer has to
	// cut the reply to a platform's limits ("" if nowhere).
	MoreURL string
}

// Section is a headed part of a reply: lines of text, name/value fields
// and links, rendered in that order.
type Section struct {
	// Heading is the section's title ("" for none).
	Heading string
	// Lines are paragraphs or list entries, one per element.
	Lines []string
	// Fields are short name/value pairs (claim ID, side, deadline).
	Fields []Field
	// Links are references to read further (a feed item, an evidence page).
	Links []Link
}

// Field is one short name/value pair of a section.
type Field struct {
	Name  string
	Value string
	// Inline lets a platform lay the field out beside its neighbours.
	Inline bool
}

// Link is a labelled URL. Renderers show only links whose URL SafeURL
// accepts; others are shown as plain text.
type Link struct {
	Text string
	URL  string
}

// urlEscaper percent-encodes the characters that would end or reshape a
// URL inside Slack's <url|text> or Discord's [text](url) markup.
var urlEscaper = strings.NewReplacer("|", "%7C", "<", "%3C", ">", "%3E", "(", "%28", ")", "%29",
	" ", "%20", `"`, "%22", "`", "%60", "[", "%5B", "]", "%5D", "*", "%2A", "_", "%5F", "~", "%7E")

// SafeURL checks that raw is an absolute http or https URL with a host and
// no user info (which can disguise the real host: "https://state.gov@evil.example"),
// and returns it in a form safe to embed in Slack or Discord link markup.
func SafeURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsFunc(raw, unsafeRune) {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	if strings.ContainsAny(u.Host, "<>|\\ ") {
		return "", false
	}
	return urlEscaper.Replace(u.String()), true
}

// PlainText renders r as plain text for a terminal or a fallback
// notification: no markup, control characters removed, links as
// "text: URL".
func PlainText(r Reply) string {
	var b strings.Builder
	line := func(s string) {
		b.WriteString(sanitize(s))
		b.WriteByte('\n')
	}
	if r.Title != "" {
		line(OneLine(r.Title))
	}
	if r.Text != "" {
		line(r.Text)
	}
	for _, s := range r.Sections {
		b.WriteByte('\n')
		if s.Heading != "" {
			line(OneLine(s.Heading))
		}
		for _, l := range s.Lines {
			line("  " + indentLines(l, "    "))
		}
		for _, f := range s.Fields {
			line("  " + OneLine(f.Name) + ": " + indentLines(f.Value, "    "))
		}
		for _, l := range s.Links {
			if u, ok := SafeURL(l.URL); ok {
				if l.Text == "" {
					line("  " + u)
				} else {
					line("  " + OneLine(l.Text) + ": " + u)
				}
			} else if l.Text != "" {
				line("  " + OneLine(l.Text))
			}
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// SlackText renders r as Slack mrkdwn (a message's text, or the fallback of
// a Block Kit message), every piece of untrusted text escaped, cut to
// limit runes (0: no limit) with a link to MoreURL.
func SlackText(r Reply, limit int) string {
	bold := func(s string) string { return "*" + EscapeSlack(OneLine(s)) + "*" }
	link := func(l Link) string {
		u, ok := SafeURL(l.URL)
		switch {
		case !ok:
			return EscapeSlack(OneLine(l.Text))
		case l.Text == "":
			return "<" + u + ">"
		default:
			return "<" + u + "|" + EscapeSlack(OneLine(l.Text)) + ">"
		}
	}
	lines := markupLines(r, bold, EscapeSlack, link)
	return JoinFit(lines, limit, moreLink(r.MoreURL, func(u string) string { return "<" + u + "|full text>" }))
}

// DiscordText renders r as Discord markdown (a message's content, or text
// beside an embed), every piece of untrusted text escaped, cut to limit
// runes (0: no limit) with a link to MoreURL.
func DiscordText(r Reply, limit int) string {
	bold := func(s string) string { return "**" + EscapeDiscord(OneLine(s)) + "**" }
	link := func(l Link) string {
		u, ok := SafeURL(l.URL)
		switch {
		case !ok:
			return EscapeDiscord(OneLine(l.Text))
		case l.Text == "":
			return "<" + u + ">"
		default:
			return "[" + EscapeDiscord(OneLine(l.Text)) + "](<" + u + ">)"
		}
	}
	lines := markupLines(r, bold, EscapeDiscord, link)
	return JoinFit(lines, limit, moreLink(r.MoreURL, func(u string) string { return "[full text](<" + u + ">)" }))
}

// EscapeFor returns the escaping function of a platform ("slack",
// "discord"); other platforms get sanitize only (plain text).
func EscapeFor(platform string) func(string) string {
	switch platform {
	case "slack":
		return EscapeSlack
	case "discord":
		return EscapeDiscord
	}
	return sanitize
}

// markupLines lays r out as lines of markup with the given escaping.
func markupLines(r Reply, bold, esc func(string) string, link func(Link) string) []string {
	var out []string
	if r.Title != "" {
		out = append(out, bold(r.Title))
	}
	if r.Text != "" {
		out = append(out, esc(r.Text))
	}
	for _, s := range r.Sections {
		if s.Heading != "" {
			out = append(out, bold(s.Heading))
		}
		for _, l := range s.Lines {
			out = append(out, "• "+esc(OneLine(l)))
		}
		for _, f := range s.Fields {
			out = append(out, bold(f.Name)+" "+esc(OneLine(f.Value)))
		}
		for _, l := range s.Links {
			out = append(out, "→ "+link(l))
		}
	}
	return out
}

func moreLink(raw string, render func(string) string) string {
	if u, ok := SafeURL(raw); ok {
		return render(u)
	}
	return ""
}

// JoinFit joins already-escaped markup lines with newlines; past limit runes
// (0: no limit) it drops whole lines from the end (markup is never cut
// inside) and ends with "…" and more. Both chat adapters cut with it.
func JoinFit(lines []string, limit int, more string) string {
	all := strings.Join(lines, "\n")
	if limit <= 0 || utf8.RuneCountInString(all) <= limit {
		return all
	}
	suffix := Ellipsis
	if more != "" && utf8.RuneCountInString(more)+2 <= limit {
		suffix += " " + more
	}
	room := limit - utf8.RuneCountInString(suffix) - 1 // the newline before the suffix
	var b strings.Builder
	used := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		if used > 0 {
			n++
		}
		if used+n > room {
			break
		}
		if used > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		used += n
	}
	if used == 0 {
		return suffix
	}
	return b.String() + "\n" + suffix
}

// OneLine folds whitespace runs (newlines included) into single spaces, for
// untrusted text that must stay on one line of markup.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// indentLines indents every line after the first by prefix.
func indentLines(s, prefix string) string {
	s = strings.TrimRight(s, "\n")
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
