package slackbot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/gapwatch/gapwatch/bot"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit): a message
// over any of them is rejected by Slack, so every text is cut to them.
const (
	// MaxHeader is a header block's text limit.
	MaxHeader = 150
	// MaxSection is a section block's text limit.
	MaxSection = 3000
	// MaxField is one section field's text limit.
	MaxField = 2000
	// MaxFields is how many fields a section block may hold.
	MaxFields = 10
	// MaxBlocks is how many blocks a message may hold.
	MaxBlocks = 50
	// MaxFallback is how long the plain-text fallback of a message is kept
	// (Slack truncates message text past 4,000 characters).
	MaxFallback = 3000
	// maxContext is a context block's text element limit.
	maxContext = 2000
)

// toneEmoji badges a header by the reply's tone.
var toneEmoji = map[bot.Tone]string{
	bot.ToneInfo:        ":mag:",
	bot.ToneError:       ":warning:",
	bot.TonePending:     ":hourglass_flowing_sand:",
	bot.ToneConfirmed:   ":white_check_mark:",
	bot.TonePartial:     ":large_orange_circle:",
	bot.ToneUnconfirmed: ":red_circle:",
	bot.ToneDismissed:   ":no_entry_sign:",
}

// plain is a plain_text object of untrusted text, escaped and cut to limit.
func plain(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, bot.Fit(bot.OneLine(s), limit, bot.EscapeSlack, ""), true, false)
}

// mrkdwn is a mrkdwn object of already escaped markup.
func mrkdwn(markup string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, markup, false, false)
}

// linkMarkup renders a link as Slack markup: <url|text> when the URL is
// safe, the escaped text alone otherwise.
func linkMarkup(l bot.Link) string {
	u, ok := bot.SafeURL(l.URL)
	switch {
	case !ok:
		return bot.EscapeSlack(bot.OneLine(l.Text))
	case strings.TrimSpace(l.Text) == "":
		return "<" + u + ">"
	default:
		return "<" + u + "|" + bot.EscapeSlack(bot.OneLine(l.Text)) + ">"
	}
}

// moreMarkup is the "full text" link to a reply's MoreURL ("" if none).
func moreMarkup(raw string) string {
	if u, ok := bot.SafeURL(raw); ok {
		return "<" + u + "|full text>"
	}
	return ""
}

// sectionLines renders a section's heading, lines and links as escaped
// mrkdwn lines, each within MaxSection.
func sectionLines(s bot.Section, more string) []string {
	var out []string
	if s.Heading != "" {
		out = append(out, "*"+bot.Fit(bot.OneLine(s.Heading), MaxSection-2, bot.EscapeSlack, "")+"*")
	}
	for _, l := range s.Lines {
		out = append(out, "• "+bot.Fit(bot.OneLine(l), MaxSection-2, bot.EscapeSlack, more))
	}
	for _, l := range s.Links {
		m := linkMarkup(l)
		if utf8.RuneCountInString(m) > MaxSection-2 {
			m = bot.Fit(bot.OneLine(l.Text), MaxSection-2, bot.EscapeSlack, "")
		}
		out = append(out, "→ "+m)
	}
	return out
}

// fieldObjects renders fields as mrkdwn section fields, in groups of
// MaxFields.
func fieldObjects(fs []bot.Field) [][]*slack.TextBlockObject {
	var groups [][]*slack.TextBlockObject
	var cur []*slack.TextBlockObject
	for _, f := range fs {
		name := "*" + bot.Fit(bot.OneLine(f.Name), 100, bot.EscapeSlack, "") + "*\n"
		val := bot.Fit(bot.OneLine(f.Value), MaxField-utf8.RuneCountInString(name), bot.EscapeSlack, "")
		cur = append(cur, mrkdwn(name+val))
		if len(cur) == MaxFields {
			groups = append(groups, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}

// ReplyBlocks renders a neutral reply as Block Kit blocks within Slack's
// limits, leaving room for reserve more blocks (an actions block): a
// header with the tone's emoji and the title (plain_text), the lead as a
// section, then each section as a section of its heading, lines and links
// and a section of its fields. Past MaxBlocks the last block says what was
// left out, with a link to r.MoreURL when it is set. Every untrusted
// string is escaped with bot.EscapeSlack.
func ReplyBlocks(r bot.Reply, reserve int) []slack.Block {
	more := moreMarkup(r.MoreURL)
	var blocks []slack.Block
	if r.Title != "" {
		title := r.Title
		if e := toneEmoji[r.Tone]; e != "" {
			title = e + " " + title
		}
		blocks = append(blocks, slack.NewHeaderBlock(plain(title, MaxHeader)))
	}
	if strings.TrimSpace(r.Text) != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(bot.Fit(r.Text, MaxSection, bot.EscapeSlack, more)), nil, nil))
	}
	for _, s := range r.Sections {
		if lines := sectionLines(s, more); len(lines) > 0 {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(bot.JoinFit(lines, MaxSection, more)), nil, nil))
		}
		for _, g := range fieldObjects(s.Fields) {
			blocks = append(blocks, slack.NewSectionBlock(nil, g, nil))
		}
	}
	room := MaxBlocks - reserve
	if len(blocks) > room {
		left := len(blocks) - (room - 1)
		blocks = blocks[:room-1]
		note := bot.Ellipsis + " " + strconv.Itoa(left) + " more blocks not shown"
		if more != "" {
			note += ": " + more
		}
		blocks = append(blocks, slack.NewContextBlock("gw_more", mrkdwn(note)))
	}
	return blocks
}

// ReplyFallback is a reply's plain-text fallback (the notification text and
// what clients without Block Kit show), escaped and cut to MaxFallback.
func ReplyFallback(r bot.Reply) string {
	return bot.SlackText(r, MaxFallback)
}
