package discordbot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// SinkOptions configure a Sink.
type SinkOptions struct {
	// Session posts the messages: with a bot token to channel IDs, and to
	// webhook URLs with or without one.
	Session *discordgo.Session
	// Username names the messages posted through webhooks ("" keeps the
	// webhook's own name).
	Username string
	// ThreadArchive is the auto-archive duration of the threads started on
	// alerts, in minutes (default 10080, a week).
	ThreadArchive int
}

// Sink is the alert.Sink of Discord channels. A channel's target is a
// channel ID (posted by the bot) or a channel webhook URL. A claim's first
// message is an embed with buttons; its receipt is the message ID, and
// later events about the claim go to a thread started on that message,
// or as replies to it where the channel allows no threads. Webhook
// targets get the same embeds without buttons (webhooks not owned by the
// application cannot carry interactive components) and no threads.
type Sink struct {
	opts SinkOptions

	mu      sync.Mutex
	threads map[string]threadMode
}

// threadMode is how later events reach a claim's first message.
type threadMode int

const (
	modeUnknown threadMode = iota
	// modeThread: a thread exists on the message (its ID is the message's).
	modeThread
	// modeReply: the channel allows no thread; reply to the message.
	modeReply
	// modeGone: the message was deleted; post plainly.
	modeGone
)

// maxThreadCache bounds the remembered thread modes.
const maxThreadCache = 10000

// NewSink returns a sink posting through opts.Session.
func NewSink(opts SinkOptions) (*Sink, error) {
	if opts.Session == nil {
		return nil, errors.New("discord sink: a session is required")
	}
	if opts.ThreadArchive <= 0 {
		opts.ThreadArchive = 10080
	}
	return &Sink{opts: opts, threads: map[string]threadMode{}}, nil
}

// reqOpts are the options of every sink REST call: the context, and rate
// limits returned (as *alert.RetryAfterError) rather than slept on, so
// the sender waits without holding the channel's worker in discordgo.
func reqOpts(ctx context.Context) []discordgo.RequestOption {
	return []discordgo.RequestOption{discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0)}
}

// Send delivers one message.
func (s *Sink) Send(ctx context.Context, m alert.Message) (alert.Receipt, error) {
	target := strings.TrimSpace(m.Channel.Target)
	if target == "" {
		return alert.Receipt{}, alert.Permanent(errors.New("discord: channel has no target"))
	}
	if strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://") {
		return s.sendWebhook(ctx, target, m)
	}
	if !isSnowflake(target) {
		return alert.Receipt{}, alert.Permanent(errors.New("discord: channel target is neither a channel ID nor a webhook URL"))
	}
	msg := AlertMessage(m, true)
	if m.ThreadRef == "" || !isSnowflake(m.ThreadRef) {
		return s.post(ctx, target, msg)
	}
	return s.postLater(ctx, target, m, msg)
}

// post sends msg to a channel (or thread) ID. Every Send renders its
// message anew, so attachment readers are never sent twice.
func (s *Sink) post(ctx context.Context, channelID string, msg *discordgo.MessageSend) (alert.Receipt, error) {
	sent, err := s.opts.Session.ChannelMessageSendComplex(channelID, msg, reqOpts(ctx)...)
	if err != nil {
		return alert.Receipt{}, classify("post message", err)
	}
	return alert.Receipt{Ref: sent.ID}, nil
}

// postLater sends a later event of a claim under its first message.
func (s *Sink) postLater(ctx context.Context, channelID string, m alert.Message, msg *discordgo.MessageSend) (alert.Receipt, error) {
	ref := m.ThreadRef
	key := channelID + "/" + ref
	mode := s.mode(key)
	if mode == modeUnknown {
		_, err := s.opts.Session.MessageThreadStartComplex(channelID, ref, &discordgo.ThreadStart{
			Name: threadName(m), AutoArchiveDuration: s.opts.ThreadArchive,
		}, reqOpts(ctx)...)
		status, code := restCode(err)
		switch {
		case err == nil, code == codeThreadAlreadyCreated:
			mode = modeThread
		case code == codeUnknownMessage:
			mode = modeGone
		case status == http.StatusBadRequest, status == http.StatusForbidden:
			// No threads here (a DM, an announcement channel, no thread
			// permission): reply instead.
			mode = modeReply
		default:
			return alert.Receipt{}, classify("start thread", err)
		}
		s.setMode(key, mode)
	}
	switch mode {
	case modeThread:
		rec, err := s.post(ctx, ref, msg)
		if status, code := restCode(err); code == codeUnknownChannel || status == http.StatusForbidden {
			// The thread was deleted, or is locked, or the bot may not post
			// in threads: reply to the alert instead at the next attempt
			// (a plain error, so that the sender retries).
			s.setMode(key, modeReply)
			return alert.Receipt{}, fmt.Errorf("discord: cannot post in the alert's thread (status %d, code %d); replying to the alert next", status, code)
		}
		return rec, err
	case modeReply:
		reply := *msg
		fail := false
		reply.Reference = &discordgo.MessageReference{MessageID: ref, ChannelID: channelID, FailIfNotExists: &fail}
		return s.post(ctx, channelID, &reply)
	}
	return s.post(ctx, channelID, msg)
}

func (s *Sink) mode(key string) threadMode {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.threads[key]
}

func (s *Sink) setMode(key string, m threadMode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.threads) >= maxThreadCache {
		clear(s.threads)
	}
	s.threads[key] = m
}

// sendWebhook posts through a channel webhook URL.
func (s *Sink) sendWebhook(ctx context.Context, target string, m alert.Message) (alert.Receipt, error) {
	id, token, ok := parseWebhookURL(target)
	if !ok {
		return alert.Receipt{}, alert.Permanent(errors.New("discord: channel target is not a Discord webhook URL"))
	}
	msg := AlertMessage(m, false)
	params := &discordgo.WebhookParams{
		Content: msg.Content, Username: s.opts.Username, Embeds: msg.Embeds, Files: msg.Files,
		AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{},
	}
	sent, err := s.opts.Session.WebhookExecute(id, token, true, params, reqOpts(ctx)...)
	if err != nil {
		return alert.Receipt{}, classify("execute webhook", err)
	}
	if sent == nil {
		return alert.Receipt{}, nil
	}
	return alert.Receipt{Ref: sent.ID}, nil
}

// parseWebhookURL reads https://discord.com/api[/vN]/webhooks/ID/TOKEN.
func parseWebhookURL(raw string) (id, token string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || !discordHosts[strings.ToLower(u.Hostname())] || u.User != nil {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "webhooks" && isSnowflake(parts[i+1]) && parts[i+2] != "" && i+3 == len(parts) {
			return parts[i+1], parts[i+2], true
		}
	}
	return "", "", false
}

// isSnowflake reports a Discord ID: digits only.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// threadName names the thread of a claim's updates (100 characters; the
// feed name is configuration, the title untrusted).
func threadName(m alert.Message) string {
	if m.Claim == nil {
		return "gapwatch"
	}
	return plain(fmt.Sprintf("#%d · %s · %s", m.Claim.ID, m.Claim.Item.Feed, m.Claim.Item.Title), 100)
}

// labels are the embed field names, by language.
var labels = map[string]map[string]string{
	"en": {"claim": "Claim", "status": "Status", "deadline": "Deadline", "closed": "Window closed", "evidence": "Evidence",
		"page": "Evidence page", "none": "No item of the other side yet.", "resolution": "Resolution", "reason": "Reason", "since": "Since", "release": "release"},
	"es": {"claim": "Afirmación", "status": "Estado", "deadline": "Plazo", "closed": "Plazo cerrado", "evidence": "Evidencia",
		"page": "Página de evidencia", "none": "Aún no hay publicación del otro lado.", "resolution": "Resolución", "reason": "Motivo", "since": "Desde", "release": "comunicado"},
}

func langOf(m alert.Message) string {
	if m.Language == "es" {
		return "es"
	}
	return "en"
}

// claimColour is the embed colour of a claim's current state.
func claimColour(cl *store.Claim, event string) int {
	if r := cl.Resolution; r != nil {
		if r.Kind == store.ResolvedDismissed {
			return colourDismissed
		}
		return colourConfirmed
	}
	if event == alert.EventUnverified || event == alert.EventWithdrawn {
		return colourDismissed
	}
	switch cl.Decision.Status {
	case match.Confirmed:
		return colourConfirmed
	case match.Partial:
		return colourPartial
	case match.Unconfirmed:
		return colourUnconfirmed
	}
	return colourPending
}

// AlertMessage renders an alert as a Discord message: one embed (colour
// by status; the message text as description; fields for the claim, its
// status, deadline and evidence; links to both sides and to the evidence
// page) and, with buttons set, the claim's action buttons. Every piece of
// untrusted text is escaped and the embed is cut to Discord's limits with
// a link to the evidence page. allowed_mentions is always empty.
func AlertMessage(m alert.Message, buttons bool) *discordgo.MessageSend {
	lang := langOf(m)
	l := labels[lang]
	head := alert.EventTitle(m.Event, lang)
	if head == "" {
		head = m.Event
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: colourInfo, Description: esc(strings.TrimSpace(m.Text))}
	if !m.At.IsZero() {
		e.Timestamp = m.At.UTC().Format(time.RFC3339)
	}
	msg := &discordgo.MessageSend{AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{}}
	switch {
	case m.Claim != nil:
		cl := m.Claim
		it := cl.Item
		e.Title = esc(fmt.Sprintf("%s · #%d · %s: %s", head, cl.ID, it.Feed, bot.OneLine(it.Title)))
		e.Color = claimColour(cl, m.Event)
		if u, ok := bot.SafeURL(it.Link); ok {
			e.URL = u
		}
		claimLines := []string{esc(fmt.Sprintf("%s · %s · %s", it.Side, it.Feed, bot.Stamp(it.Published)))}
		if it.Link != "" {
			claimLines = append(claimLines, "→ "+linkMarkup(bot.Link{Text: it.Feed + " " + l["release"], URL: it.Link}))
		}
		e.Fields = append(e.Fields,
			&discordgo.MessageEmbedField{Name: l["claim"], Value: fitLines(claimLines, LimitFieldValue, "")},
			&discordgo.MessageEmbedField{Name: l["status"], Value: esc(statusText(cl)), Inline: true},
		)
		deadline := l["deadline"]
		if cl.Decision.Final {
			deadline = l["closed"]
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: deadline, Value: esc(bot.Stamp(cl.Decision.Deadline)), Inline: true})
		var ev []string
		for _, x := range cl.Evidence {
			line := esc(fmt.Sprintf("%s · %s: ", x.Feed, bot.Stamp(x.Published)))
			if x.Link != "" {
				line += linkMarkup(bot.Link{Text: bot.OneLine(x.Title), URL: x.Link})
			} else {
				line += esc(bot.OneLine(x.Title))
			}
			ev = append(ev, line)
		}
		if len(ev) == 0 {
			ev = []string{esc(l["none"])}
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l["evidence"], Value: fitLines(ev, LimitFieldValue, moreMarkup(m.EvidenceURL))})
		if r := cl.Resolution; r != nil && m.Event == alert.EventResolved {
			var rl []string
			if r.Note != "" {
				rl = append(rl, esc(r.Note))
			}
			if r.Reason != "" {
				rl = append(rl, "**"+l["reason"]+"** "+esc(r.Reason))
			}
			if r.URL != "" {
				rl = append(rl, "→ "+linkMarkup(bot.Link{Text: r.URL, URL: r.URL}))
			}
			rl = append(rl, esc(r.By))
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l["resolution"], Value: fitLines(rl, LimitFieldValue, "")})
		}
		if u, ok := bot.SafeURL(m.EvidenceURL); ok {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l["page"], Value: "[" + esc(l["page"]) + "](" + u + ")"})
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("gapwatch · #%d", cl.ID)}
		if buttons && m.Event != alert.EventResolved && m.Event != alert.EventWithdrawn {
			msg.Components = Buttons(cl.ID, m.EvidenceURL)
		}
	case m.Feed != nil:
		f := m.Feed
		e.Title = esc(fmt.Sprintf("%s · %s (%s)", head, f.Feed.Name, f.Feed.Side))
		e.Color = colourConfirmed
		if f.Down {
			e.Color = colourError
		}
		if f.Reason != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l["reason"], Value: esc(f.Reason)})
		}
		if !f.Since.IsZero() {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l["since"], Value: esc(bot.Stamp(f.Since)), Inline: true})
		}
	default:
		e.Title = esc(head)
	}
	FitEmbed(e, m.EvidenceURL)
	msg.Embeds = []*discordgo.MessageEmbed{e}
	for _, a := range m.Attachments {
		msg.Files = append(msg.Files, &discordgo.File{Name: plain(a.Name, 100), ContentType: a.ContentType, Reader: bytes.NewReader(a.Data)})
	}
	return msg
}

// statusText says where a claim stands.
func statusText(cl *store.Claim) string {
	if r := cl.Resolution; r != nil {
		return string(r.Kind)
	}
	d := cl.Decision
	s := d.Status.String()
	if d.Abstain != match.NoAbstention {
		s += " (" + d.Abstain.String() + ")"
	}
	if d.Denied {
		s += " · denied"
	}
	if d.ConfirmedLate {
		s += " · confirmed late"
	}
	return s
}
