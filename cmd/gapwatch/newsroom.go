package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store"
)

// The newsroom commands (gaps, show, search, confirm, dismiss, mute) drive
// the same command layer as Slack and Discord, as the CLI user: their
// actions are recorded with the actor "cli:$USER".

// newsroom is a bot over the configured store, for one CLI command.
type newsroom struct {
	cfg   *config.Config
	store store.Store
	bot   *bot.Bot
}

// newsroomNeeds says what a newsroom command needs beyond the store.
type newsroomNeeds struct {
	// lexicon loads the engine's lexicon (search expands queries through it).
	lexicon bool
	// notify plugs in the alert pipeline, so that a confirmation or a
	// dismissal enqueues its "resolved" update to the channels that were
	// told about the claim (the running service delivers it).
	notify bool
	// limit caps lists and searches (0: 50).
	limit int
}

// openNewsroom loads the config, opens the store and builds the bot.
func openNewsroom(ctx context.Context, e *env, g *globalFlags, need newsroomNeeds) (*newsroom, error) {
	cfg, err := g.load(e)
	if err != nil {
		return nil, err
	}
	if need.limit <= 0 {
		need.limit = 50
	}
	opts := botOptions(cfg)
	opts.Now, opts.ListLimit = e.clock, need.limit
	if need.lexicon {
		lex, err := engineLexicon(cfg)
		if err != nil {
			return nil, fmt.Errorf("load lexicon: %w", err)
		}
		opts.Lexicon = lex
	}
	st, err := openStore(ctx, cfg.Storage)
	if err != nil {
		return nil, err
	}
	opts.Queries, opts.Actions = st, st
	if need.notify {
		if opts.Notifier, err = actionNotifier(cfg, st, e.clock); err != nil {
			st.Close()
			return nil, err
		}
	}
	b, err := bot.New(opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &newsroom{cfg: cfg, store: st, bot: b}, nil
}

// actionNotifier is the alert pipeline as the bot's Notifier: it builds
// the "resolved" messages of an action for the configured and subscribed
// channels. Only its ActionMessages is used; nothing is observed or sent
// from the CLI.
func actionNotifier(cfg *config.Config, st store.Store, now func() time.Time) (bot.Notifier, error) {
	eng, err := newEngine(cfg)
	if err != nil {
		return nil, err
	}
	routes, _ := alertRoutes(cfg, appOptions{stdout: io.Discard, now: now})
	p, err := alert.NewPipeline(alert.Options{Engine: eng, Store: st, Router: alert.Router{Static: routes, Store: st},
		Language: cfg.Engine.Language, Location: cfg.Location(), Now: now})
	if err != nil {
		return nil, fmt.Errorf("alert pipeline: %w", err)
	}
	return p, nil
}

// botOptions are the bot's options a config implies: the newsroom
// language, the sides, and the mapping from a chat channel to the name its
// outbox messages carry (a configured Slack or Discord channel's name, so
// that a mute from that channel reaches its configured route). The chat
// adapters' wiring in serve uses it too, adding the store, the lexicon and
// the alert pipeline as Notifier.
func botOptions(cfg *config.Config) bot.Options {
	opts := bot.Options{Language: cfg.Engine.Language}
	for _, s := range cfg.Sides {
		opts.Sides = append(opts.Sides, s.ID)
	}
	names := map[store.ChannelKey]string{}
	for _, c := range cfg.Channels {
		if c.Platform == config.PlatformSlack || c.Platform == config.PlatformDiscord {
			names[store.ChannelKey{Platform: c.Platform, Target: strings.TrimSpace(c.Target.Reveal())}] = c.Name
		}
	}
	opts.ChannelName = func(k store.ChannelKey) string {
		if n, ok := names[k]; ok {
			return n
		}
		return k.String()
	}
	return opts
}

// Close closes the store.
func (n *newsroom) Close() error { return n.store.Close() }

// cliUser is who the CLI acts as: $USER (or $USERNAME), else "unknown".
func cliUser(e *env) string {
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := e.getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// request is a CLI request for the command line name args.
func (n *newsroom) request(e *env, channel, name string, args ...string) bot.Request {
	u := cliUser(e)
	return bot.Request{Platform: "cli", User: u, UserName: u, Channel: channel, Text: bot.CommandLine(name, args...)}
}

// replyError is a user error the command layer answered with: the CLI
// prints the reply's title as the error (exit 1).
type replyError struct{ title string }

func (r replyError) Error() string { return r.title }

// run handles one command line and prints the reply as plain text.
func (n *newsroom) run(ctx context.Context, e *env, channel, name string, args ...string) error {
	r, err := n.bot.Handle(ctx, n.request(e, channel, name, args...))
	if err != nil {
		return err
	}
	if r.Tone == bot.ToneError {
		return replyError{title: r.Title}
	}
	_, err = fmt.Fprint(e.stdout, bot.PlainText(r))
	return err
}
