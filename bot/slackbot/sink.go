package slackbot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Action IDs of the buttons on an alert; each button's value is the claim ID.
const (
	ActionShow    = "gw_show"
	ActionConfirm = "gw_confirm"
	ActionDismiss = "gw_dismiss"
	ActionMute    = "gw_mute"
)

// permanentCodes are the Slack API errors that retrying cannot fix: a
// revoked or wrong token, a channel the bot cannot post to, a message
// Slack refuses as built.
var permanentCodes = map[string]bool{
	"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
	"token_expired": true, "no_permission": true, "missing_scope": true, "not_allowed_token_type": true,
	"channel_not_found": true, "not_in_channel": true, "is_archived": true, "restricted_action": true,
	"team_access_not_granted": true, "ekm_access_denied": true,
	"invalid_blocks": true, "invalid_blocks_format": true, "msg_too_long": true, "no_text": true,
	"invalid_arguments": true, "invalid_arg_name": true,
}

// classify turns a Slack Web API error into the sender's error classes: a
// rate limit becomes *alert.RetryAfterError, an error retrying cannot fix
// becomes alert.Permanent, anything else (5xx, network) stays retryable.
// The bot token travels in the request body or header, never in a URL, so
// slack-go's errors never carry it.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	wrapped := fmt.Errorf("slack %s: %w", op, err)
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &alert.RetryAfterError{After: rl.RetryAfter, Err: wrapped}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && permanentCodes[se.Err] {
		return alert.Permanent(wrapped)
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code >= 400 && sc.Code < 500 && sc.Code != http.StatusTooManyRequests && sc.Code != http.StatusRequestTimeout {
		return alert.Permanent(wrapped)
	}
	return wrapped
}

// Sink posts alerts to Slack channels: a claim's first message as a Block
// Kit alert with buttons, its later events as replies in that alert's
// thread (Message.ThreadRef is the alert's ts, the Ref of the Receipt
// returned for it), each later event also updating the alert itself so
// that it shows the claim's current status. Feed alerts and digests are
// plain Block Kit messages; a digest's attachments (the chart) are
// uploaded into its thread. It is safe for concurrent use.
type Sink struct {
	api *slack.Client
	log *slog.Logger
}

// NewSink returns a sink posting through api (a client with the bot token;
// slack.OptionAPIURL points it elsewhere for tests and staging). log
// receives what the sink tolerates (a chart that failed to upload); nil
// discards it.
func NewSink(api *slack.Client, log *slog.Logger) *Sink {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sink{api: api, log: log}
}

var _ alert.Sink = (*Sink)(nil)

// Send delivers one message; see Sink.
func (s *Sink) Send(ctx context.Context, m alert.Message) (alert.Receipt, error) {
	channel := strings.TrimSpace(m.Channel.Target)
	if channel == "" {
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("slack channel %s: no channel ID configured", m.Channel.Name))
	}
	v := Render(m)
	opts := []slack.MsgOption{
		slack.MsgOptionText(v.Fallback, false),
		slack.MsgOptionBlocks(v.Blocks...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if v.Parent != nil {
		// The parent first: a failure here is retried before the reply is
		// posted, so a retry never posts the reply twice.
		_, _, _, err := s.api.UpdateMessageContext(ctx, channel, m.ThreadRef,
			slack.MsgOptionText(v.Parent.Fallback, false), slack.MsgOptionBlocks(v.Parent.Blocks...))
		var se slack.SlackErrorResponse
		switch {
		case errors.As(err, &se) && (se.Err == "message_not_found" || se.Err == "cant_update_message" || se.Err == "edit_window_closed"):
			// Someone deleted the alert, or Slack no longer lets it be
			// edited: the thread reply still tells the news.
			s.log.Warn("slack: alert not updated", "channel", m.Channel.Name, "claim", claimID(m), "err", se.Err)
		case err != nil:
			return alert.Receipt{}, classify("chat.update", err)
		}
		opts = append(opts, slack.MsgOptionTS(m.ThreadRef))
	}
	_, ts, err := s.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return alert.Receipt{}, classify("chat.postMessage", err)
	}
	for _, a := range m.Attachments {
		if len(a.Data) == 0 {
			continue
		}
		_, err := s.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Reader: bytes.NewReader(a.Data), FileSize: len(a.Data), Filename: a.Name,
			Title: a.Name, Channel: channel, ThreadTimestamp: ts,
		})
		if err != nil {
			// The message is out: failing it now would post it again.
			s.log.Warn("slack: attachment not uploaded", "channel", m.Channel.Name, "file", a.Name, "err", classify("files.upload", err))
		}
	}
	return alert.Receipt{Ref: ts}, nil
}

func claimID(m alert.Message) int64 {
	if m.Claim == nil {
		return 0
	}
	return m.Claim.ID
}

// View is one Slack message: its blocks and plain-text fallback.
type View struct {
	Blocks   []slack.Block
	Fallback string
}

// Rendered is what Send posts for a message: the message itself and, for a
// later event of a claim, the alert (the thread's parent) as it now reads.
type Rendered struct {
	View
	// Parent is the updated alert, nil unless the message replies in a
	// thread.
	Parent *View
}

// buttonLabels are the alert buttons' texts.
var buttonLabels = map[string][4]string{
	"en": {"Show evidence", "Mark confirmed", "Dismiss", "Mute"},
	"es": {"Ver evidencia", "Marcar confirmado", "Descartar", "Silenciar"},
}

func lang(m alert.Message) string {
	if m.Language == "es" {
		return "es"
	}
	return "en"
}

func eventLabel(m alert.Message) string {
	l := alert.EventTitle(m.Event, lang(m))
	if l == "" {
		l = strings.ReplaceAll(m.Event, "_", " ")
	}
	if m.Event == alert.EventResolved && m.Claim != nil && m.Claim.Resolution != nil {
		switch m.Claim.Resolution.Kind {
		case store.ResolvedConfirmed:
			l = map[string]string{"en": "Confirmed by the newsroom", "es": "Confirmado por la redacción"}[lang(m)]
		case store.ResolvedDismissed:
			l = map[string]string{"en": "Dismissed", "es": "Descartado"}[lang(m)]
		}
	}
	return l
}

// Render builds what Send posts for m. Exported for previews and tests.
func Render(m alert.Message) Rendered {
	if m.Claim == nil {
		return Rendered{View: textView(m)}
	}
	if m.ThreadRef == "" {
		return Rendered{View: claimView(m)}
	}
	parent := claimView(m)
	return Rendered{View: threadView(m), Parent: &parent}
}

// claimView is a claim's alert: the event and status in the header, the
// claim, its commitments, the other side's items and what is missing,
// the deadline, the evidence page, and the buttons.
func claimView(m alert.Message) View {
	c := *m.Claim
	r := bot.ClaimReply(c, nil, lang(m))
	// The header holds the event and the status ("#42 PARTIAL · DENIED");
	// the claim's title, which can be long, leads the body uncut.
	status, _, _ := strings.Cut(r.Title, " — ")
	r.Title = eventLabel(m) + " · " + status
	lead := c.Item.Title
	if strings.TrimSpace(r.Text) != "" {
		lead += "\n" + r.Text
	}
	r.Text = lead
	r.MoreURL = m.EvidenceURL
	if m.EvidenceURL != "" && len(r.Sections) > 0 {
		label := map[string]string{"en": "Evidence page", "es": "Página de evidencia"}[lang(m)]
		r.Sections[0].Links = append(r.Sections[0].Links, bot.Link{Text: label, URL: m.EvidenceURL})
	}
	blocks := ReplyBlocks(r, 1)
	blocks = append(blocks, buttons(m, c))
	return View{Blocks: blocks, Fallback: fallback(m)}
}

// buttons is the alert's actions block: every button while the claim is
// open to the newsroom; Show evidence and Mute once it was resolved.
func buttons(m alert.Message, c store.Claim) slack.Block {
	l := buttonLabels[lang(m)]
	id := strconv.FormatInt(c.ID, 10)
	show := slack.NewButtonBlockElement(ActionShow, id, plain(l[0], 75))
	confirm := slack.NewButtonBlockElement(ActionConfirm, id, plain(l[1], 75)).WithStyle(slack.StylePrimary)
	dismiss := slack.NewButtonBlockElement(ActionDismiss, id, plain(l[2], 75)).WithStyle(slack.StyleDanger)
	mute := slack.NewButtonBlockElement(ActionMute, id, plain(l[3], 75))
	if c.Resolution != nil {
		return slack.NewActionBlock("gw_actions", show, mute)
	}
	return slack.NewActionBlock("gw_actions", show, confirm, dismiss, mute)
}

// threadView is a later event of a claim, posted in its alert's thread:
// the event in the header, the pipeline's text of it, the evidence page.
func threadView(m alert.Message) View {
	c := m.Claim
	title := fmt.Sprintf("%s · #%d %s", eventLabel(m), c.ID, statusWord(c))
	blocks := []slack.Block{slack.NewHeaderBlock(plain(title, MaxHeader))}
	more := moreMarkup(m.EvidenceURL)
	if strings.TrimSpace(m.Text) != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(bot.Fit(m.Text, MaxSection, bot.EscapeSlack, more)), nil, nil))
	}
	if more != "" {
		label := map[string]string{"en": "Evidence page", "es": "Página de evidencia"}[lang(m)]
		blocks = append(blocks, slack.NewContextBlock("gw_evidence", mrkdwn(linkMarkup(bot.Link{Text: label, URL: m.EvidenceURL}))))
	}
	return View{Blocks: blocks, Fallback: fallback(m)}
}

// statusWord is a claim's status in capitals, resolution first.
func statusWord(c *store.Claim) string {
	if r := c.Resolution; r != nil {
		return strings.ToUpper(string(r.Kind))
	}
	d := c.Decision
	if d.Abstain != match.NoAbstention {
		return strings.ToUpper(alert.StatusName(d))
	}
	return strings.ToUpper(d.Status.String())
}

// textView is a feed alert or a digest: the event in the header, the
// pipeline's text below.
func textView(m alert.Message) View {
	title := eventLabel(m)
	if m.Feed != nil {
		title += ": " + m.Feed.Feed.Name
	}
	blocks := []slack.Block{slack.NewHeaderBlock(plain(title, MaxHeader))}
	if strings.TrimSpace(m.Text) != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(bot.Fit(m.Text, MaxSection, bot.EscapeSlack, "")), nil, nil))
	}
	return View{Blocks: blocks, Fallback: fallback(m)}
}

// fallback is a message's notification text: the pipeline's plain text,
// escaped and cut, with a link to the evidence page when cut.
func fallback(m alert.Message) string {
	text := m.Text
	if strings.TrimSpace(text) == "" {
		text = eventLabel(m)
	}
	return bot.Fit(text, MaxFallback, bot.EscapeSlack, moreMarkup(m.EvidenceURL))
}
