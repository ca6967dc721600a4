package discordbot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/bot"
)

// Discord's embed limits, in characters.
const (
	LimitTitle       = 256
	LimitDescription = 4096
	LimitFields      = 25
	LimitFieldName   = 256
	LimitFieldValue  = 1024
	LimitFooter      = 2048
	LimitAuthor      = 256
	LimitEmbedTotal  = 6000
	// LimitContent is a message's content limit.
	LimitContent = 2000
)

// Embed colours.
const (
	colourInfo        = 0x5865F2
	colourError       = 0xED4245
	colourPending     = 0xFEE75C
	colourConfirmed   = 0x57F287
	colourPartial     = 0xF0B232
	colourUnconfirmed = 0xED4245
	colourDismissed   = 0x95A5A6
)

// ToneColour is the embed colour of a reply tone.
func ToneColour(t bot.Tone) int {
	switch t {
	case bot.ToneError:
		return colourError
	case bot.TonePending:
		return colourPending
	case bot.ToneConfirmed:
		return colourConfirmed
	case bot.TonePartial:
		return colourPartial
	case bot.ToneUnconfirmed:
		return colourUnconfirmed
	case bot.ToneDismissed:
		return colourDismissed
	}
	return colourInfo
}

// noMentions is the allowed_mentions every message sets: nothing is
// parsed, no reply ping.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// zwsp names a field that has no name (Discord requires one).
const zwsp = "\u200b"

// esc escapes untrusted text for Discord.
func esc(s string) string { return bot.EscapeDiscord(s) }

// linkMarkup renders a link as a masked link when its URL is safe, as
// escaped text otherwise.
func linkMarkup(l bot.Link) string {
	u, ok := bot.SafeURL(l.URL)
	switch {
	case !ok:
		return esc(bot.OneLine(l.Text))
	case l.Text == "":
		return "<" + u + ">"
	}
	return "[" + esc(bot.OneLine(l.Text)) + "](" + u + ")"
}

// moreMarkup is the "full text" link that ends a cut text ("" when url is
// not safe).
func moreMarkup(raw string) string {
	if u, ok := bot.SafeURL(raw); ok {
		return "[full text](" + u + ")"
	}
	return ""
}

// runes counts characters as Discord does (close enough: code points).
func runes(s string) int { return utf8.RuneCountInString(s) }

// fitLines joins already-escaped lines with newlines within limit,
// dropping whole lines from the end (markup is never cut inside) and
// ending with "…" and more. A single line longer than the limit is cut
// at a rune boundary after its last complete escape.
func fitLines(lines []string, limit int, more string) string {
	all := strings.Join(lines, "\n")
	if runes(all) <= limit {
		return all
	}
	suffix := bot.Ellipsis
	if more != "" && runes(more)+2 <= limit {
		suffix += " " + more
	}
	room := limit - runes(suffix) - 1
	var b strings.Builder
	used := 0
	for _, l := range lines {
		n := runes(l)
		if used > 0 {
			n++
		}
		if used+n > room {
			if used == 0 {
				// The first line alone is too long: keep what fits of it.
				cut := cutEscaped(l, room)
				b.WriteString(cut)
				used = runes(cut)
			}
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

// cutEscaped keeps at most n runes of escaped text s, never ending inside
// a backslash escape, a masked link or a <…> link.
func cutEscaped(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	r = r[:n]
	// Drop a dangling backslash.
	trailing := 0
	for i := len(r) - 1; i >= 0 && r[i] == '\\'; i-- {
		trailing++
	}
	if trailing%2 == 1 {
		r = r[:len(r)-1]
	}
	out := string(r)
	// Unclosed link markup: cut before it.
	if i := strings.LastIndex(out, "]("); i >= 0 && !strings.Contains(out[i:], ")") {
		if j := lastUnescaped(out[:i], '['); j >= 0 {
			out = out[:j]
		}
	}
	if i := lastUnescaped(out, '<'); i >= 0 && !strings.Contains(out[i:], ">") {
		out = out[:i]
	}
	return strings.TrimRight(out, " \n")
}

// lastUnescaped returns the index of the last c in s not preceded by a
// backslash, or -1.
func lastUnescaped(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c && (i == 0 || s[i-1] != '\\') {
			return i
		}
	}
	return -1
}

// embedSize is the character count Discord checks against 6000.
func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}

// FitEmbed makes e respect Discord's limits: each part is cut to its own
// limit, fields past 25 are dropped, and while the total passes 6000
// fields are dropped from the end, then the description is cut. When
// anything was dropped and more is a safe URL, the last field links to
// the full text.
func FitEmbed(e *discordgo.MessageEmbed, more string) {
	link := moreMarkup(more)
	fit := func(s string, limit int) string {
		if runes(s) > limit {
			return fitLines(strings.Split(s, "\n"), limit, link)
		}
		return s
	}
	e.Title = fit(e.Title, LimitTitle)
	e.Description = fit(e.Description, LimitDescription)
	for _, f := range e.Fields {
		f.Name = cutEscaped(bot.OneLine(f.Name), LimitFieldName)
		if f.Name == "" {
			f.Name = zwsp
		}
		f.Value = fit(f.Value, LimitFieldValue)
		if f.Value == "" {
			f.Value = zwsp
		}
	}
	if e.Footer != nil {
		e.Footer.Text = fit(e.Footer.Text, LimitFooter)
	}
	if e.Author != nil {
		e.Author.Name = cutEscaped(e.Author.Name, LimitAuthor)
	}
	moreField := func() *discordgo.MessageEmbedField {
		v := bot.Ellipsis
		if link != "" {
			v += " " + link
		}
		return &discordgo.MessageEmbedField{Name: zwsp, Value: v}
	}
	isMore := func(f *discordgo.MessageEmbedField) bool {
		return f.Name == zwsp && strings.HasPrefix(f.Value, bot.Ellipsis)
	}
	if len(e.Fields) > LimitFields {
		e.Fields = append(e.Fields[:LimitFields-1], moreField())
	}
	for embedSize(e) > LimitEmbedTotal && len(e.Fields) > 0 {
		n := len(e.Fields)
		if !isMore(e.Fields[n-1]) {
			e.Fields[n-1] = moreField()
			continue
		}
		if n == 1 {
			break
		}
		e.Fields = append(e.Fields[:n-2], e.Fields[n-1])
	}
	if over := embedSize(e) - LimitEmbedTotal; over > 0 {
		e.Description = fitLines(strings.Split(e.Description, "\n"), max(0, runes(e.Description)-over), link)
	}
}

// ReplyEmbed renders a neutral reply as one embed: the title, the lead as
// the description, each section as a field (or its fields as inline fields
// when it has nothing else), every piece of text escaped, cut to Discord's
// limits with a link to Reply.MoreURL.
func ReplyEmbed(r bot.Reply) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       esc(bot.OneLine(r.Title)),
		Description: esc(strings.TrimSpace(r.Text)),
		Color:       ToneColour(r.Tone),
	}
	for _, s := range r.Sections {
		onlyFields := len(s.Lines) == 0 && len(s.Links) == 0
		if onlyFields && s.Heading == "" {
			for _, f := range s.Fields {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
					Name: esc(bot.OneLine(f.Name)), Value: esc(strings.TrimSpace(f.Value)), Inline: f.Inline})
			}
			continue
		}
		var lines []string
		for _, l := range s.Lines {
			lines = append(lines, esc(strings.TrimSpace(l)))
		}
		for _, f := range s.Fields {
			lines = append(lines, "**"+esc(bot.OneLine(f.Name))+"** "+esc(bot.OneLine(f.Value)))
		}
		for _, l := range s.Links {
			lines = append(lines, "→ "+linkMarkup(l))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  esc(bot.OneLine(s.Heading)),
			Value: fitLines(lines, LimitFieldValue, moreMarkup(r.MoreURL)),
		})
	}
	FitEmbed(e, r.MoreURL)
	return e
}
