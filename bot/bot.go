package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Queries is the part of the store the read-only commands use; every
// store.Store that implements store.Alerts satisfies it.
type Queries interface {
	// Claims lists claims matching q, newest publication first.
	Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error)
	// Claim returns one claim with its evidence items.
	Claim(ctx context.Context, id int64) (store.Claim, error)
	// SearchItems returns items matching any of terms, best first.
	SearchItems(ctx context.Context, terms []string, limit int) ([]match.Item, error)
	// FeedStates returns every feed's state.
	FeedStates(ctx context.Context) ([]store.FeedState, error)
	// Actions returns the actions recorded on a claim, oldest first.
	Actions(ctx context.Context, claimID int64) ([]store.Action, error)
}

// Actions is the part of the store the newsroom actions write to; every
// store.Store that implements store.Alerts satisfies it.
type Actions interface {
	// Resolve records a confirmation by hand or a dismissal with its action
	// and the messages it causes, in one transaction.
	Resolve(ctx context.Context, claimID int64, r store.Resolution, a store.Action, msgs []store.OutboxMessage) (store.Claim, error)
	// RecordAction records an action that changes nothing else (show, list,
	// search, subscribe).
	RecordAction(ctx context.Context, a store.Action) (store.Action, error)
	// SetMute mutes or unmutes a claim in a channel and records the action.
	SetMute(ctx context.Context, claimID int64, channel string, muted bool, a store.Action) error
	// Subscribe adds or replaces a channel's subscription.
	Subscribe(ctx context.Context, s store.Subscription) (store.Subscription, error)
	// Unsubscribe removes a channel's subscription (store.ErrNotFound if none).
	Unsubscribe(ctx context.Context, ch store.ChannelKey) error
	// Enqueue inserts outbox messages (existing keys are skipped).
	Enqueue(ctx context.Context, msgs []store.OutboxMessage) (int, error)
}

// Notifier is how a newsroom action reaches the alert pipeline: given the
// claim as it is after the action (a confirmation or dismissal already
// applied to Resolution) and the action, it returns the outbox messages
// that tell the channels following the claim (the "resolved" lifecycle
// update). The bot writes them in the same store transaction as the
// confirmation or dismissal, and enqueues those of a mute right after it.
// A nil Notifier (CLI-only use) enqueues nothing.
type Notifier interface {
	ActionMessages(ctx context.Context, c store.Claim, a store.Action) ([]store.OutboxMessage, error)
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, c store.Claim, a store.Action) ([]store.OutboxMessage, error)

// ActionMessages calls f.
func (f NotifierFunc) ActionMessages(ctx context.Context, c store.Claim, a store.Action) ([]store.OutboxMessage, error) {
	return f(ctx, c, a)
}

// DigestPreview is a digest as it would be sent now.
type DigestPreview struct {
	// Title heads the digest ("Week of 2026-11-23: 4 gaps").
	Title string
	// Text is the digest in plain text.
	Text string
	// URL is where the full digest can be read ("" if nowhere).
	URL string
}

// Digester previews the periodic digest for the digest command; the
// digest issue provides one. A nil Digester answers that digests are not
// configured.
type Digester interface {
	Preview(ctx context.Context, now time.Time) (DigestPreview, error)
}

// DigesterFunc adapts a function to Digester.
type DigesterFunc func(ctx context.Context, now time.Time) (DigestPreview, error)

// Preview calls f.
func (f DigesterFunc) Preview(ctx context.Context, now time.Time) (DigestPreview, error) {
	return f(ctx, now)
}

// Options configure a Bot. Queries and Actions are required.
type Options struct {
	// Queries and Actions are the store (usually the same value).
	Queries Queries
	Actions Actions
	// Notifier enqueues the lifecycle updates of actions (nil: none).
	Notifier Notifier
	// Digester previews digests (nil: "digests are not configured").
	Digester Digester
	// Lexicon expands search queries across languages (nil: words only).
	Lexicon *match.Lexicon
	// Language is the newsroom language of engine labels: "en" or "es".
	Language string
	// Sides are the valid side IDs for filters (default mx and us).
	Sides []string
	// ChannelName maps a chat channel to the channel name its outbox
	// messages carry (a configured channel's name; default
	// "platform:target"), so that mute reaches configured channels too.
	ChannelName func(store.ChannelKey) string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Logger receives internal errors (nil: not logged here; Handle
	// returns them).
	Logger *slog.Logger
	// ListLimit caps list and search results (default 20).
	ListLimit int
}

// Request is one command as a platform adapter received it.
type Request struct {
	// Platform is "slack", "discord" or "cli".
	Platform string
	// User is the platform's user ID (the CLI uses the login name).
	User string
	// UserName is the user's display name, for replies only.
	UserName string
	// Channel is the platform's channel ID; from the CLI, a configured
	// channel's name or "platform:target".
	Channel string
	// Text is the command line after the command prefix ("show 42").
	Text string
	// Public asks for a reply the channel sees (the platform's own way of
	// asking, besides a --public word in Text).
	Public bool
}

// Actor is who a request's actions are recorded as: "platform:user".
func (r Request) Actor() string { return r.Platform + ":" + r.User }

// Call is a parsed request as a command's Run receives it.
type Call struct {
	Request
	// Args are the command's arguments.
	Args []string
	// Now is the time the request is handled.
	Now time.Time
}

// Command is one entry of the command table: its name, usage and help
// (the help command is built from them) and what it does.
type Command struct {
	// Name is what a user types.
	Name string
	// Aliases are other names for it.
	Aliases []string
	// Usage shows the arguments ("confirm ID URL [note]").
	Usage string
	// Help is one sentence saying what it is for.
	Help string
	// MinArgs and MaxArgs bound the number of arguments (MaxArgs < 0: no
	// limit); the router answers with the usage outside them.
	MinArgs, MaxArgs int
	// Run does the work and returns the reply.
	Run func(ctx context.Context, c Call) (Reply, error)
}

// Bot routes requests to the command table and turns errors into
// replies. It is safe for concurrent use.
type Bot struct {
	opts     Options
	engine   *match.Engine
	commands []Command
}

// New returns a bot over opts.
func New(opts Options) (*Bot, error) {
	if opts.Queries == nil || opts.Actions == nil {
		return nil, errors.New("bot: Queries and Actions are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Language != "es" {
		opts.Language = "en"
	}
	if len(opts.Sides) == 0 {
		opts.Sides = []string{"mx", "us"}
	}
	if opts.ChannelName == nil {
		opts.ChannelName = func(k store.ChannelKey) string { return k.String() }
	}
	if opts.ListLimit <= 0 {
		opts.ListLimit = 20
	}
	b := &Bot{opts: opts}
	if opts.Lexicon != nil {
		b.engine = match.NewEngine(opts.Lexicon, match.Options{Language: opts.Language})
	}
	b.commands = b.table()
	return b, nil
}

// Commands returns the command table (for adapters that register
// commands with their platform, such as Discord's application commands).
func (b *Bot) Commands() []Command { return append([]Command(nil), b.commands...) }

// Lookup returns the command named name (or one of its aliases).
func (b *Bot) Lookup(name string) (Command, bool) {
	name = strings.ToLower(name)
	for _, c := range b.commands {
		if c.Name == name {
			return c, true
		}
		for _, a := range c.Aliases {
			if a == name {
				return c, true
			}
		}
	}
	return Command{}, false
}

// UserError is an error whose message is meant for the user (a wrong
// argument, an unknown claim); the router shows it as it is.
type UserError struct {
	// Msg is what the user reads.
	Msg string
	// Usage, when set, is shown under the message.
	Usage string
	// showUsage asks the router to fill Usage with the command's.
	showUsage bool
}

// Error returns the message.
func (e *UserError) Error() string { return e.Msg }

// Userf returns a UserError with a formatted message.
func Userf(format string, a ...any) error { return &UserError{Msg: fmt.Sprintf(format, a...)} }

// Handle parses and runs one request and returns the reply to show. Errors
// never escape as text: a user error (bad arguments, unknown claim) becomes
// a reply saying what to fix; any other error becomes a reply with a short
// reference, and is returned (wrapped with the same reference) for the
// adapter to log. The returned Reply is always ready to show.
func (b *Bot) Handle(ctx context.Context, req Request) (Reply, error) {
	line, err := ParseLine(req.Text)
	if err != nil {
		return b.errorReply(req, &UserError{Msg: fmt.Sprintf("I could not read that: %v.", err)}), nil
	}
	public := req.Public || line.Public
	if line.Name == "" {
		r := b.helpReply("")
		r.Public = public
		return r, nil
	}
	cmd, ok := b.Lookup(line.Name)
	if !ok {
		r := b.helpReply("")
		r.Title = "Unknown command: " + echo(line.Name)
		r.Tone = ToneError
		r.Public = false
		return r, nil
	}
	if len(line.Args) < cmd.MinArgs || (cmd.MaxArgs >= 0 && len(line.Args) > cmd.MaxArgs) {
		return b.errorReply(req, &UserError{Msg: "Wrong number of arguments.", Usage: cmd.Usage}), nil
	}
	reply, err := cmd.Run(ctx, Call{Request: req, Args: line.Args, Now: b.opts.Now()})
	if err != nil {
		var ue *UserError
		if errors.As(err, &ue) {
			shown := *ue
			if shown.showUsage && shown.Usage == "" {
				shown.Usage = cmd.Usage
			}
			return b.errorReply(req, &shown), nil
		}
		if errors.Is(err, store.ErrNotFound) {
			return b.errorReply(req, &UserError{Msg: "Not found."}), nil
		}
		ref := newRef()
		msg := "Something went wrong on gapwatch's side. The team can find it in the logs under reference " + ref + "."
		if ctx.Err() != nil {
			msg = "That took too long and was stopped; please try again (reference " + ref + ")."
		}
		wrapped := fmt.Errorf("bot: %s (ref %s, actor %s): %w", cmd.Name, ref, req.Actor(), err)
		if b.opts.Logger != nil {
			b.opts.Logger.Error("bot command failed", "command", cmd.Name, "ref", ref, "actor", req.Actor(), "err", err)
		}
		return Reply{Title: "Sorry, that failed", Tone: ToneError, Text: msg}, wrapped
	}
	reply.Public = reply.Public || public
	return reply, nil
}

// usageErr returns a user error whose reply shows the command's usage.
func usageErr(format string, a ...any) error {
	return &UserError{Msg: fmt.Sprintf(format, a...), showUsage: true}
}

// errorReply is the reply showing a user error (ephemeral: only the asker
// made the mistake).
func (b *Bot) errorReply(_ Request, ue *UserError) Reply {
	r := Reply{Title: ue.Msg, Tone: ToneError}
	if ue.Usage != "" {
		r.Sections = append(r.Sections, Section{Heading: "Usage", Lines: []string{ue.Usage}})
	}
	r.Sections = append(r.Sections, Section{Lines: []string{"Type help for the list of commands."}})
	return r
}

// echo is user input quoted back in a reply: one line, at most 60 runes.
func echo(s string) string { return Cut(OneLine(s), 60, "") }

// newRef returns a short random reference for an internal error.
func newRef() string {
	var p [4]byte
	if _, err := rand.Read(p[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(p[:])
}

// helpReply lists the commands, or details one.
func (b *Bot) helpReply(name string) Reply {
	if name != "" {
		if c, ok := b.Lookup(name); ok {
			r := Reply{Title: c.Usage, Tone: ToneInfo, Text: c.Help}
			if len(c.Aliases) > 0 {
				r.Sections = append(r.Sections, Section{Fields: []Field{{Name: "Also", Value: strings.Join(c.Aliases, ", ")}}})
			}
			return r
		}
	}
	r := Reply{Title: "gapwatch commands", Tone: ToneInfo,
		Text: "gapwatch follows what one government says the other agreed to, and whether the other side confirms it. Add --public to show a reply to the whole channel."}
	cmds := b.Commands()
	sort.SliceStable(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	var lines []string
	for _, c := range cmds {
		lines = append(lines, c.Usage+" — "+c.Help)
	}
	r.Sections = []Section{{Lines: lines}}
	return r
}
