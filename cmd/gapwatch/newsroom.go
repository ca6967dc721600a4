package main

import (
	"context"
	"fmt"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
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

// openNewsroom loads the config, opens the store and builds the bot; with
// lexicon set it loads the engine's lexicon (search expands queries
// through it). limit caps lists and searches (0: 50).
func openNewsroom(ctx context.Context, e *env, g *globalFlags, lexicon bool, limit int) (*newsroom, error) {
	cfg, err := g.load(e)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	opts := botOptions(cfg)
	opts.Now, opts.ListLimit = e.clock, limit
	if lexicon {
		lex, err := match.DefaultLexicon()
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
	b, err := bot.New(opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &newsroom{cfg: cfg, store: st, bot: b}, nil
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
			names[store.ChannelKey{Platform: c.Platform, Target: c.Target.Reveal()}] = c.Name
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
