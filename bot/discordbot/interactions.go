package discordbot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// ClaimLister is the part of the store autocomplete reads.
type ClaimLister interface {
	// Claims lists claims matching q, newest publication first.
	Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error)
	// Claim returns one claim.
	Claim(ctx context.Context, id int64) (store.Claim, error)
}

// Options configure a Handler. Bot, Claims and Session are required;
// PublicKey is required to serve the HTTP endpoint.
type Options struct {
	// Bot answers the commands.
	Bot *bot.Bot
	// Claims feeds claim-ID autocomplete.
	Claims ClaimLister
	// Session carries REST calls: gateway responses and the follow-ups of
	// deferred responses (interaction tokens need no bot token).
	Session *discordgo.Session
	// PublicKey is the application's Ed25519 public key; every request to
	// the HTTP endpoint must be signed with its private key.
	PublicKey ed25519.PublicKey
	// Logger receives internal errors (discarded when nil).
	Logger *slog.Logger
	// MaxBodyBytes caps an HTTP interaction's body (default 64 KiB).
	MaxBodyBytes int64
	// FastBudget is how long a command may run before its answer is
	// deferred (default 2s; Discord allows 3s for the first response).
	FastBudget time.Duration
	// FollowupTimeout bounds a deferred command and its follow-up
	// (default 10 minutes; interaction tokens live 15).
	FollowupTimeout time.Duration
	// SlowConcurrency bounds how many slow commands (search, digest) run
	// at once, so that they cannot take every core from the interactions
	// that must be answered within three seconds (default 1). The others
	// wait their turn; they were answered with a deferred response.
	SlowConcurrency int
	// SuggestTTL is how long autocomplete reuses its read of the latest
	// claims (default 5s; a claim ID typed in full is always looked up).
	SuggestTTL time.Duration
}

// Responder sends the first response to an interaction: the HTTP
// response body, or a REST callback for gateway interactions.
type Responder func(ctx context.Context, resp *discordgo.InteractionResponse) error

// Handler answers Discord interactions with the bot layer. It is safe for
// concurrent use.
type Handler struct {
	opts   Options
	log    *slog.Logger
	base   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	// slow holds a token per slow command running.
	slow chan struct{}

	sugMu sync.Mutex
	sugAt time.Time
	sug   []suggestion
}

// NewHandler returns a handler over opts.
func NewHandler(opts Options) (*Handler, error) {
	if opts.Bot == nil || opts.Claims == nil || opts.Session == nil {
		return nil, errors.New("discord: Bot, Claims and Session are required")
	}
	if opts.PublicKey != nil && len(opts.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("discord: the public key must be 32 bytes")
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 64 << 10
	}
	if opts.FastBudget <= 0 {
		opts.FastBudget = 2 * time.Second
	}
	if opts.FollowupTimeout <= 0 {
		opts.FollowupTimeout = 10 * time.Minute
	}
	if opts.SlowConcurrency <= 0 {
		opts.SlowConcurrency = 1
	}
	if opts.SuggestTTL <= 0 {
		opts.SuggestTTL = 5 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base, cancel := context.WithCancel(context.Background())
	return &Handler{opts: opts, log: log, base: base, cancel: cancel, slow: make(chan struct{}, opts.SlowConcurrency)}, nil
}

// Wait blocks until every deferred command has sent its follow-up.
func (h *Handler) Wait() { h.wg.Wait() }

// Close cancels deferred commands still running and waits for them.
func (h *Handler) Close() {
	h.cancel()
	h.wg.Wait()
}

// ParsePublicKey reads the application's public key as the developer
// portal shows it (64 hex digits).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	var k [ed25519.PublicKeySize]byte
	s = strings.TrimSpace(s)
	if len(s) != 2*len(k) {
		return nil, errors.New("discord public key: want 64 hex digits")
	}
	for i := range k {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, errors.New("discord public key: not hex")
		}
		k[i] = byte(v)
	}
	return ed25519.PublicKey(k[:]), nil
}

// ServeHTTP is the interactions endpoint (POST /discord/interactions):
// the body is read up to MaxBodyBytes (413 past it) and its signature
// checked with the public key before anything else (401 when missing or
// wrong); PING is answered with PONG, and every other interaction with
// its first response as the HTTP body.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if len(h.opts.PublicKey) != ed25519.PublicKeySize || !discordgo.VerifyInteraction(r, h.opts.PublicKey) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	i, err := decodeInteraction(body)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	responded := false
	respond := func(_ context.Context, resp *discordgo.InteractionResponse) error {
		if responded {
			return errors.New("discord: interaction answered twice")
		}
		responded = true
		b, err := json.Marshal(resp)
		if err != nil {
			return fmt.Errorf("discord: encode response: %w", err)
		}
		w.Header().Set("Content-Type", "application/json")
		_, err = w.Write(b)
		return err
	}
	err = h.Handle(r.Context(), i, respond)
	if err != nil {
		h.log.Error("discord interaction failed", "type", i.Type.String(), "err", err)
	}
	if !responded {
		if errors.Is(err, errUnsupported) {
			http.Error(w, "unsupported interaction", http.StatusBadRequest)
			return
		}
		http.Error(w, "interaction failed", http.StatusInternalServerError)
	}
}

// AttachGateway answers the interactions a gateway session receives
// (its REST calls carry the responses). It returns a function that
// detaches the handler.
func (h *Handler) AttachGateway(s *discordgo.Session) func() {
	// The raw event, not discordgo's InteractionCreate: the interaction's
	// channel object (thread or not) is only in the JSON.
	return s.AddHandler(func(s *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		i, err := decodeInteraction(e.RawData)
		if err != nil {
			h.log.Error("discord interaction undecodable", "err", err)
			return
		}
		ctx, cancel := context.WithTimeout(h.base, 10*time.Second)
		defer cancel()
		err = h.Handle(ctx, i, func(ctx context.Context, resp *discordgo.InteractionResponse) error {
			if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
				return classify("respond to interaction", err)
			}
			return nil
		})
		if err != nil {
			h.log.Error("discord interaction failed", "type", i.Type.String(), "err", err)
		}
	})
}

// decodeInteraction reads an interaction. One from a thread (a later
// event's thread under an alert) is taken as coming from the thread's
// parent channel: that is the channel whose alerts a mute or a
// subscription is about.
func decodeInteraction(raw []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		return nil, fmt.Errorf("discord: decode interaction: %w", err)
	}
	var extra struct {
		Channel *struct {
			Type     discordgo.ChannelType `json:"type"`
			ParentID string                `json:"parent_id"`
		} `json:"channel"`
	}
	if json.Unmarshal(raw, &extra) == nil && extra.Channel != nil && extra.Channel.ParentID != "" {
		switch extra.Channel.Type {
		case discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread, discordgo.ChannelTypeGuildNewsThread:
			i.ChannelID = extra.Channel.ParentID
		}
	}
	return &i, nil
}

// errUnsupported is an interaction type or payload gapwatch does not handle.
var errUnsupported = errors.New("discord: unsupported interaction")

// Handle answers one interaction through respond: PONG to a PING, the
// bot's reply to a command (at once, or deferred and followed up),
// autocomplete choices, a modal for the Mark confirmed and Dismiss
// buttons, and the result of a submitted modal.
func (h *Handler) Handle(ctx context.Context, i *discordgo.Interaction, respond Responder) error {
	switch i.Type {
	case discordgo.InteractionPing:
		return respond(ctx, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommand:
		inv, err := parseInvocation(i.ApplicationCommandData())
		if err != nil {
			return respond(ctx, messageResponse(bot.Reply{Title: "Unknown command", Tone: bot.ToneError,
				Text: "This server has an outdated /gapwatch command; it is registered again when gapwatch restarts."}))
		}
		req, ok := request(i, inv.text(), inv.public)
		if !ok {
			return fmt.Errorf("%w: no user", errUnsupported)
		}
		return h.run(ctx, i, req, slowSubcommands[inv.sub], respond)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: h.complete(ctx, i)},
		})
	case discordgo.InteractionMessageComponent:
		action, id, ok := parseCustomID(i.MessageComponentData().CustomID)
		if !ok {
			return fmt.Errorf("%w: component %q", errUnsupported, i.MessageComponentData().CustomID)
		}
		switch action {
		case ActionConfirm, ActionDismiss:
			return respond(ctx, modal(action, id))
		}
		req, ok := request(i, bot.CommandLine(action, strconv.FormatInt(id, 10)), false)
		if !ok {
			return fmt.Errorf("%w: no user", errUnsupported)
		}
		return h.run(ctx, i, req, false, respond)
	case discordgo.InteractionModalSubmit:
		d := i.ModalSubmitData()
		action, id, ok := parseCustomID(d.CustomID)
		if !ok || (action != ActionConfirm && action != ActionDismiss) {
			return fmt.Errorf("%w: modal %q", errUnsupported, d.CustomID)
		}
		vals := modalValues(d)
		args := []string{strconv.FormatInt(id, 10)}
		if action == ActionConfirm {
			args = append(args, vals["url"])
			if n := strings.TrimSpace(vals["note"]); n != "" {
				args = append(args, n)
			}
		} else {
			args = append(args, vals["reason"])
		}
		req, ok := request(i, bot.CommandLine(action, args...), false)
		if !ok {
			return fmt.Errorf("%w: no user", errUnsupported)
		}
		return h.run(ctx, i, req, false, respond)
	}
	return fmt.Errorf("%w: type %d", errUnsupported, i.Type)
}

// request builds the bot request of an interaction; false when it names
// no user.
func request(i *discordgo.Interaction, text string, public bool) (bot.Request, bool) {
	u := i.User
	nick := ""
	if i.Member != nil && i.Member.User != nil {
		u, nick = i.Member.User, i.Member.Nick
	}
	if u == nil || u.ID == "" {
		return bot.Request{}, false
	}
	name := nick
	if name == "" {
		name = u.GlobalName
	}
	if name == "" {
		name = u.Username
	}
	return bot.Request{Platform: "discord", User: u.ID, UserName: name, Channel: i.ChannelID, Text: text, Public: public}, true
}

// ephemeral returns the flags of a response only the asker sees, unless
// public.
func ephemeral(public bool) discordgo.MessageFlags {
	if public {
		return 0
	}
	return discordgo.MessageFlagsEphemeral
}

// messageResponse is a reply sent as the interaction's message.
func messageResponse(r bot.Reply) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{ReplyEmbed(r)},
			AllowedMentions: noMentions(),
			Flags:           ephemeral(r.Public),
		},
	}
}

// run hands req to the bot and answers: with the reply when it is ready
// within FastBudget (and the command is not slow), else with a deferred
// response, the reply following as an edit of the original response.
func (h *Handler) run(ctx context.Context, i *discordgo.Interaction, req bot.Request, slow bool, respond Responder) error {
	done := make(chan bot.Reply, 1)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		defer func() {
			// A command that panics must not take the service down.
			if p := recover(); p != nil {
				h.log.Error("discord command panicked", "panic", fmt.Sprint(p))
				done <- bot.Reply{Title: "Sorry, that failed", Tone: bot.ToneError, Text: "Something went wrong on gapwatch's side."}
			}
		}()
		bctx, cancel := context.WithTimeout(h.base, h.opts.FollowupTimeout)
		defer cancel()
		if slow {
			select {
			case h.slow <- struct{}{}:
				defer func() { <-h.slow }()
			case <-bctx.Done():
				done <- bot.Reply{Title: "gapwatch is shutting down; please try again", Tone: bot.ToneError}
				return
			}
		}
		r, err := h.opts.Bot.Handle(bctx, req)
		if err != nil {
			h.log.Error("discord command failed", "err", err)
		}
		done <- r
	}()
	if !slow {
		t := time.NewTimer(h.opts.FastBudget)
		defer t.Stop()
		select {
		case r := <-done:
			return respond(ctx, messageResponse(r))
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := respond(ctx, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(), Flags: ephemeral(req.Public)},
	})
	if err != nil {
		return err
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		select {
		case r := <-done:
			if err := h.followup(i, r); err != nil {
				h.log.Error("discord follow-up failed", "err", err)
			}
		case <-h.base.Done():
		}
	}()
	return nil
}

// followup replaces a deferred response's "thinking" message with the
// reply. discordgo waits out rate limits on this path.
func (h *Handler) followup(i *discordgo.Interaction, r bot.Reply) error {
	ctx, cancel := context.WithTimeout(h.base, h.opts.FollowupTimeout)
	defer cancel()
	embeds := []*discordgo.MessageEmbed{ReplyEmbed(r)}
	empty := ""
	_, err := h.opts.Session.InteractionResponseEdit(i, &discordgo.WebhookEdit{
		Content: &empty, Embeds: &embeds, AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		return classify("edit deferred response", err)
	}
	return nil
}

// maxChoices is Discord's cap on autocomplete choices.
const maxChoices = 25

// suggestScan is how many recent unresolved claims autocomplete looks
// through.
const suggestScan = 200

// suggestion is a claim as autocomplete offers it.
type suggestion struct {
	id     int64
	idText string
	open   bool
	folded string // the title, folded for matching
	choice *discordgo.ApplicationCommandOptionChoice
}

func newSuggestion(cl store.Claim) suggestion {
	label := fmt.Sprintf("#%d %s — %s", cl.ID, strings.ToUpper(cl.Decision.Status.String()), cl.Item.Title)
	id := strconv.FormatInt(cl.ID, 10)
	return suggestion{id: cl.ID, idText: id, open: cl.Decision.Status != match.Confirmed, folded: match.Fold(cl.Item.Title),
		choice: &discordgo.ApplicationCommandOptionChoice{Name: plain(label, 100), Value: id}}
}

// recentClaims returns the latest unresolved claims, read from the store
// at most once per SuggestTTL: autocomplete runs on every keystroke of
// every user, and a claim a few seconds old can wait to be offered.
func (h *Handler) recentClaims(ctx context.Context) ([]suggestion, error) {
	h.sugMu.Lock()
	defer h.sugMu.Unlock()
	if h.sugAt.IsZero() || time.Since(h.sugAt) >= h.opts.SuggestTTL {
		unresolved := false
		claims, err := h.opts.Claims.Claims(ctx, store.ClaimQuery{Resolved: &unresolved, Limit: suggestScan})
		if err != nil {
			return nil, err
		}
		// A new slice: callers may still be reading the previous one.
		fresh := make([]suggestion, 0, len(claims))
		for _, cl := range claims {
			fresh = append(fresh, newSuggestion(cl))
		}
		h.sug, h.sugAt = fresh, time.Now()
	}
	return h.sug, nil
}

// complete returns claim-ID choices for what the user typed in the
// focused option: the claim with that ID first, then recent unresolved
// claims whose ID starts with it or whose title contains it (accents and
// case aside), open gaps before confirmed claims. It reads the latest
// claims by publication only (no status filter, which stays fast on any
// store size) and records no action.
func (h *Handler) complete(ctx context.Context, i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	d := i.ApplicationCommandData()
	typed := ""
	if len(d.Options) == 1 {
		for _, o := range d.Options[0].Options {
			if o.Focused {
				typed = optionString(o)
			}
		}
	}
	typed = strings.TrimPrefix(strings.TrimSpace(typed), "#")
	want := match.Fold(typed)
	out := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[int64]bool{}
	add := func(s suggestion) {
		if seen[s.id] || len(out) >= maxChoices {
			return
		}
		seen[s.id] = true
		out = append(out, s.choice)
	}
	if id, err := strconv.ParseInt(typed, 10, 64); err == nil && id > 0 {
		if cl, err := h.opts.Claims.Claim(ctx, id); err == nil {
			add(newSuggestion(cl))
		}
	}
	recent, err := h.recentClaims(ctx)
	if err != nil {
		h.log.Error("discord autocomplete failed", "err", err)
		return out
	}
	for _, open := range []bool{true, false} {
		for _, s := range recent {
			if s.open == open && (want == "" || strings.HasPrefix(s.idText, typed) || strings.Contains(s.folded, want)) {
				add(s)
			}
		}
	}
	return out
}

// inert breaks what could read as a mention or a link in text Discord
// shows without markdown (choice names, thread names) with zero-width
// spaces, keeping it readable.
var inert = strings.NewReplacer("@", "@"+zwsp, "<", "<"+zwsp, "](", "]"+zwsp+"(", "://", ":"+zwsp+"//")

// plain is untrusted text for a place Discord shows as plain text.
func plain(s string, limit int) string {
	s = inert.Replace(bot.OneLine(sanitize(s)))
	if runes(s) > limit {
		s = strings.TrimSpace(string([]rune(s)[:limit-1])) + bot.Ellipsis
	}
	return s
}
