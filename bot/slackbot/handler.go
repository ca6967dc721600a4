package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/gapwatch/gapwatch/bot"
)

// Callback IDs of the modals the buttons open.
const (
	ModalConfirm = "gw_confirm_modal"
	ModalDismiss = "gw_dismiss_modal"
)

// Block and action IDs of the modals' inputs.
const (
	inputURL    = "gw_url"
	inputNote   = "gw_note"
	inputReason = "gw_reason"
)

// Options configure a Handler. Bot and Client are required.
type Options struct {
	// Bot is the command layer every command, mention and button goes to.
	Bot *bot.Bot
	// Client is the Slack Web API client with the bot token (modals,
	// ephemeral answers to mentions, response_url follow-ups).
	Client *slack.Client
	// SigningSecret verifies HTTP requests (SLACK_SIGNING_SECRET); unused
	// in Socket Mode.
	SigningSecret string
	// Logger receives rejected requests and failed answers (discarded
	// when nil). Secrets never reach it.
	Logger *slog.Logger
	// Deferred are the commands always answered through response_url after
	// an empty acknowledgement, being slow (default search and digest).
	Deferred []string
	// AckWithin is how long any other command may run before it too is
	// answered through response_url (default 2s, inside Slack's 3s).
	AckWithin time.Duration
	// MaxDeferred is how many deferred commands run at once (default
	// GOMAXPROCS-1, at least 1): the others wait their turn, so that a
	// burst of searches never starves the acknowledgements of CPU.
	MaxDeferred int
	// FollowUpTimeout bounds a deferred answer, waiting included (default 2m).
	FollowUpTimeout time.Duration
	// MaxBody caps an HTTP request body (default 1 MiB).
	MaxBody int64
	// Now is the clock of the replay cache (time.Now when nil).
	Now func() time.Time
}

// Handler answers Slack's slash commands, button clicks, modal
// submissions and app mentions through the bot command layer, over HTTP
// (ServeHTTP routes) or Socket Mode (RunSocketMode). It is safe for
// concurrent use.
type Handler struct {
	opts   Options
	bot    *bot.Bot
	api    *slack.Client
	log    *slog.Logger
	replay *seenCache
	events *seenCache
	slots  chan struct{}

	base   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	closed bool
}

// NewHandler returns a handler over opts.
func NewHandler(opts Options) (*Handler, error) {
	if opts.Bot == nil || opts.Client == nil {
		return nil, errors.New("slackbot: Bot and Client are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Deferred == nil {
		opts.Deferred = []string{"search", "digest"}
	}
	if opts.AckWithin <= 0 {
		opts.AckWithin = 2 * time.Second
	}
	if opts.MaxDeferred <= 0 {
		opts.MaxDeferred = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if opts.FollowUpTimeout <= 0 {
		opts.FollowUpTimeout = 2 * time.Minute
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 1 << 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	base, cancel := context.WithCancel(context.Background())
	return &Handler{
		opts: opts, bot: opts.Bot, api: opts.Client, log: opts.Logger,
		replay: newSeenCache(replayWindow), events: newSeenCache(time.Hour),
		slots: make(chan struct{}, opts.MaxDeferred),
		base:  base, cancel: cancel,
	}, nil
}

// Wait blocks until no answer is being prepared (every follow-up posted).
func (h *Handler) Wait() { h.wg.Wait() }

// Shutdown waits for the answers still being prepared, or cancels them
// when ctx ends first.
func (h *Handler) Shutdown(ctx context.Context) error {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
		h.cancel()
		return nil
	case <-ctx.Done():
		h.cancel()
		<-done
		return fmt.Errorf("slack answers: %w", ctx.Err())
	}
}

// later runs f in the background with its own deadline, tracked by
// Shutdown: the work that comes after an acknowledgement. After Shutdown
// it runs nothing and returns false.
func (h *Handler) later(f func(ctx context.Context)) bool {
	if !h.track() {
		return false
	}
	go func() {
		defer h.wg.Done()
		ctx, cancel := context.WithTimeout(h.base, h.opts.FollowUpTimeout)
		defer cancel()
		f(ctx)
	}()
	return true
}

// track counts one more piece of background work, unless shut down.
func (h *Handler) track() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.wg.Add(1)
	return true
}

// closing is the answer given while the service shuts down.
var closing = bot.Reply{Title: "gapwatch is restarting; please try again in a minute.", Tone: bot.ToneError}

// handle runs one request through the bot, logging internal errors (the
// reply already says "something went wrong" with a reference).
func (h *Handler) handle(ctx context.Context, req bot.Request) bot.Reply {
	r, err := h.bot.Handle(ctx, req)
	if err != nil {
		h.log.Error("slack: command failed", "actor", req.Actor(), "err", err)
	}
	return r
}

// slackMarkup matches Slack's message markup: <@U…|name>, <#C…|name>,
// <!here>, <https://…|label>.
var slackMarkup = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// entities undoes Slack's escaping of &, < and > in message text.
var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// PlainCommand turns the text Slack sends for a command or a mention into
// the command line a user typed: a link becomes its URL, a user or channel
// mention its name ("@ana", "#desk"), a special mention its word
// ("@here"), and &amp;, &lt; and &gt; their characters. Nothing it returns
// is trusted: every reply escapes it again.
func PlainCommand(text string) string {
	text = slackMarkup.ReplaceAllStringFunc(text, func(m string) string {
		sub := slackMarkup.FindStringSubmatch(m)
		target, label := sub[1], sub[2]
		switch {
		case strings.HasPrefix(target, "@") || strings.HasPrefix(target, "#"):
			if label != "" {
				return target[:1] + strings.TrimLeft(label, "@#")
			}
			return target
		case strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			word, _, _ := strings.Cut(strings.TrimPrefix(target, "!"), "^")
			return "@" + word
		default:
			return target
		}
	})
	return entities.Replace(text)
}

// commandName is the canonical name of the command a text asks for ("" if
// none or unknown).
func (h *Handler) commandName(text string) string {
	line, err := bot.ParseLine(text)
	if err != nil || line.Name == "" {
		return ""
	}
	c, ok := h.bot.Lookup(line.Name)
	if !ok {
		return ""
	}
	return c.Name
}

func (h *Handler) deferred(text string) bool {
	name := h.commandName(text)
	for _, d := range h.opts.Deferred {
		if d == name {
			return true
		}
	}
	return false
}

// Message returns the slash-command response (or response_url body) of a
// reply: ephemeral unless the reply is public.
func Message(r bot.Reply) *slack.Msg {
	rt := slack.ResponseTypeEphemeral
	if r.Public {
		rt = slack.ResponseTypeInChannel
	}
	return &slack.Msg{ResponseType: rt, Text: ReplyFallback(r), Blocks: slack.Blocks{BlockSet: ReplyBlocks(r, 0)}}
}

// Command answers a slash command: the returned message is the immediate
// response (nil: an empty acknowledgement, the answer follows through the
// command's response_url). Deferred commands and any command slower than
// AckWithin are answered through response_url.
func (h *Handler) Command(ctx context.Context, c slack.SlashCommand) *slack.Msg {
	text := PlainCommand(c.Text)
	req := bot.Request{Platform: "slack", User: c.UserID, UserName: c.UserName, Channel: c.ChannelID, Text: text}
	if h.deferred(text) {
		ok := h.later(func(ctx context.Context) {
			select {
			case h.slots <- struct{}{}:
			case <-ctx.Done():
				h.respond(context.WithoutCancel(ctx), c.ResponseURL, bot.Reply{Title: "gapwatch is too busy to answer now; please try again.", Tone: bot.ToneError})
				return
			}
			r := h.handle(ctx, req)
			<-h.slots
			h.respond(ctx, c.ResponseURL, r)
		})
		if !ok {
			return Message(closing)
		}
		return nil
	}
	const (
		pending = iota
		inline
		late
	)
	var mu sync.Mutex
	state := pending
	res := make(chan bot.Reply, 1)
	ok := h.later(func(ctx context.Context) {
		r := h.handle(ctx, req)
		mu.Lock()
		if state == late {
			mu.Unlock()
			h.respond(ctx, c.ResponseURL, r)
			return
		}
		state = inline
		res <- r
		mu.Unlock()
	})
	if !ok {
		return Message(closing)
	}
	t := time.NewTimer(h.opts.AckWithin)
	defer t.Stop()
	select {
	case r := <-res:
		return Message(r)
	case <-ctx.Done():
	case <-t.C:
	}
	mu.Lock()
	if state == pending {
		state = late
		mu.Unlock()
		return nil
	}
	mu.Unlock()
	return Message(<-res)
}

// respond posts a reply to a response_url. The URL is never logged (it
// lets anyone post to the channel for 30 minutes).
func (h *Handler) respond(ctx context.Context, responseURL string, r bot.Reply) {
	if responseURL == "" {
		h.log.Warn("slack: no response_url to answer on")
		return
	}
	h.postResponse(ctx, responseURL, Message(r))
}

// postResponse posts a message to a response_url.
func (h *Handler) postResponse(ctx context.Context, responseURL string, m *slack.Msg) {
	if responseURL == "" {
		h.log.Warn("slack: no response_url to answer on")
		return
	}
	_, _, err := h.api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(responseURL, m.ResponseType),
		slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks.BlockSet...))
	if err != nil {
		h.log.Warn("slack: answer through response_url failed", "err", redactURL(err, responseURL))
	}
}

// redactURL removes a URL from an error's text.
func redactURL(err error, u string) string {
	if u == "" {
		return err.Error()
	}
	return strings.ReplaceAll(err.Error(), u, "<response_url>")
}

// modalMeta is what a modal carries from the button to its submission.
type modalMeta struct {
	Claim       string `json:"c"`
	Channel     string `json:"ch"`
	ResponseURL string `json:"r,omitempty"`
}

// Interaction answers a button click or a modal submission; the returned
// value is the acknowledgement's body (nil: empty, which closes a modal).
// Button answers are ephemeral and follow through the click's response_url;
// every action is recorded with the Slack user ID.
func (h *Handler) Interaction(ctx context.Context, cb slack.InteractionCallback) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range cb.ActionCallback.BlockActions {
			h.button(ctx, cb, a)
		}
		return nil
	case slack.InteractionTypeViewSubmission:
		return h.submission(cb)
	}
	return nil
}

// button handles one click.
func (h *Handler) button(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) {
	req := bot.Request{Platform: "slack", User: cb.User.ID, UserName: cb.User.Name, Channel: cb.Channel.ID}
	id := a.Value
	switch a.ActionID {
	case ActionShow, ActionMute:
		name := "show"
		if a.ActionID == ActionMute {
			name = "mute"
		}
		req.Text = bot.CommandLine(name, id)
		h.later(func(ctx context.Context) { h.respond(ctx, cb.ResponseURL, h.handle(ctx, req)) })
	case ActionConfirm, ActionDismiss:
		// The trigger expires in 3 seconds: open the modal now.
		meta, err := json.Marshal(modalMeta{Claim: id, Channel: cb.Channel.ID, ResponseURL: cb.ResponseURL})
		if err != nil {
			h.log.Error("slack: modal metadata", "err", err)
			return
		}
		view := confirmModal(id, string(meta))
		if a.ActionID == ActionDismiss {
			view = dismissModal(id, string(meta))
		}
		if _, err := h.api.OpenViewContext(ctx, cb.TriggerID, view); err != nil {
			h.log.Warn("slack: modal not opened", "action", a.ActionID, "err", classify("views.open", err))
			r := bot.Reply{Title: "The form could not be opened; try again, or type /gapwatch help.", Tone: bot.ToneError}
			h.later(func(ctx context.Context) { h.respond(ctx, cb.ResponseURL, r) })
		}
	}
}

// confirmModal asks for the confirmation's URL and a note.
func confirmModal(id, meta string) slack.ModalViewRequest {
	url := slack.NewURLTextInputBlockElement(plain("https://…", 150), inputURL)
	note := slack.NewPlainTextInputBlockElement(plain("Who confirmed it, how", 150), inputNote)
	note.Multiline = true
	note.MaxLength = 2000
	noteBlock := slack.NewInputBlock(inputNote, plain("Note", 2000), nil, note)
	noteBlock.Optional = true
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: ModalConfirm, PrivateMetadata: meta,
		Title:  plain("Confirm claim #"+id, 24),
		Submit: plain("Confirm", 24), Close: plain("Cancel", 24),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewSectionBlock(mrkdwn("Record that claim #"+bot.EscapeSlack(id)+" was confirmed elsewhere: a link to the confirmation, and a note."), nil, nil),
			slack.NewInputBlock(inputURL, plain("Link to the confirmation", 2000), nil, url),
			noteBlock,
		}},
	}
}

// dismissModal asks for the dismissal's reason.
func dismissModal(id, meta string) slack.ModalViewRequest {
	reason := slack.NewPlainTextInputBlockElement(plain("Why this is not a claim", 150), inputReason)
	reason.Multiline = true
	reason.MaxLength = 2000
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: ModalDismiss, PrivateMetadata: meta,
		Title:  plain("Dismiss claim #"+id, 24),
		Submit: plain("Dismiss", 24), Close: plain("Cancel", 24),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewSectionBlock(mrkdwn("Mark claim #"+bot.EscapeSlack(id)+" as not a claim. The reason is kept as feedback for the engine."), nil, nil),
			slack.NewInputBlock(inputReason, plain("Reason", 2000), nil, reason),
		}},
	}
}

// inputValue reads one input of a submitted modal.
func inputValue(cb slack.InteractionCallback, block string) string {
	if cb.View.State == nil {
		return ""
	}
	return strings.TrimSpace(cb.View.State.Values[block][block].Value)
}

// submissionErrors is the acknowledgement that keeps a modal open with an
// error under an input.
func submissionErrors(block, msg string) *slack.ViewSubmissionResponse {
	return slack.NewErrorsViewSubmissionResponse(map[string]string{block: msg})
}

// submission handles a modal's submission: checks the inputs (errors keep
// the modal open), then records the action in the background and answers
// ephemerally.
func (h *Handler) submission(cb slack.InteractionCallback) any {
	var meta modalMeta
	if err := json.Unmarshal([]byte(cb.View.PrivateMetadata), &meta); err != nil || meta.Claim == "" {
		h.log.Warn("slack: modal submission without its claim", "callback", cb.View.CallbackID)
		return nil
	}
	if _, err := strconv.ParseInt(meta.Claim, 10, 64); err != nil {
		h.log.Warn("slack: modal submission with a bad claim ID", "callback", cb.View.CallbackID)
		return nil
	}
	req := bot.Request{Platform: "slack", User: cb.User.ID, UserName: cb.User.Name, Channel: meta.Channel}
	switch cb.View.CallbackID {
	case ModalConfirm:
		u := inputValue(cb, inputURL)
		if _, ok := bot.SafeURL(u); !ok {
			return submissionErrors(inputURL, "Give an http or https link to the confirmation.")
		}
		args := []string{meta.Claim, u}
		if note := inputValue(cb, inputNote); note != "" {
			args = append(args, note)
		}
		req.Text = bot.CommandLine("confirm", args...)
	case ModalDismiss:
		reason := inputValue(cb, inputReason)
		if reason == "" {
			return submissionErrors(inputReason, "Say why this is not a claim.")
		}
		req.Text = bot.CommandLine("dismiss", meta.Claim, reason)
	default:
		return nil
	}
	h.later(func(ctx context.Context) {
		r := h.handle(ctx, req)
		if meta.ResponseURL != "" {
			h.respond(ctx, meta.ResponseURL, r)
			return
		}
		h.ephemeral(ctx, meta.Channel, req.User, "", r)
	})
	return nil
}

// ephemeral posts a reply only user sees in channel (in a thread when ts is set).
func (h *Handler) ephemeral(ctx context.Context, channel, user, ts string, r bot.Reply) {
	m := Message(r)
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks.BlockSet...)}
	if ts != "" {
		opts = append(opts, slack.MsgOptionTS(ts))
	}
	if _, err := h.api.PostEphemeralContext(ctx, channel, user, opts...); err != nil {
		h.log.Warn("slack: ephemeral answer failed", "err", classify("chat.postEphemeral", err))
	}
}

// Event handles an Events API event after its acknowledgement: an app
// mention is answered through the command layer where its text parses as
// a command, with help otherwise, in the mention's thread; ephemeral
// unless --public. Events Slack delivers again (retries) are answered once.
func (h *Handler) Event(ctx context.Context, ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		if h.events.seen(cb.EventID, h.opts.Now()) {
			return
		}
	}
	m, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
	if !ok || m.BotID != "" || m.User == "" {
		return
	}
	text := PlainCommand(bot.TrimMentions(m.Text))
	if h.commandName(text) == "" {
		text = "help"
	}
	req := bot.Request{Platform: "slack", User: m.User, Channel: m.Channel, Text: text}
	ts := m.ThreadTimeStamp
	if ts == "" {
		ts = m.TimeStamp
	}
	h.later(func(ctx context.Context) {
		r := h.handle(ctx, req)
		if !r.Public {
			h.ephemeral(ctx, m.Channel, m.User, ts, r)
			return
		}
		msg := Message(r)
		_, _, err := h.api.PostMessageContext(ctx, m.Channel, slack.MsgOptionText(msg.Text, false),
			slack.MsgOptionBlocks(msg.Blocks.BlockSet...), slack.MsgOptionTS(ts), slack.MsgOptionDisableLinkUnfurl())
		if err != nil {
			h.log.Warn("slack: mention answer failed", "err", classify("chat.postMessage", err))
		}
	})
}

// seenCache remembers keys for a window: request signatures (replays) and
// event IDs (Slack's retries).
type seenCache struct {
	window time.Duration
	mu     sync.Mutex
	seenAt map[string]time.Time
	next   time.Time
}

func newSeenCache(window time.Duration) *seenCache {
	return &seenCache{window: window, seenAt: map[string]time.Time{}}
}

// seen records key at now and reports whether it was already seen within
// the window.
func (c *seenCache) seen(key string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.next) {
		for k, at := range c.seenAt {
			if now.Sub(at) > c.window {
				delete(c.seenAt, k)
			}
		}
		c.next = now.Add(c.window / 10)
	}
	if at, ok := c.seenAt[key]; ok && now.Sub(at) <= c.window {
		return true
	}
	c.seenAt[key] = now
	return false
}
