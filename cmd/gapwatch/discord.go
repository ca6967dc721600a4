package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/bot/discordbot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store"
)

// Environment of the Discord integration: secrets are read from it only,
// never from the config file, and never logged.
const (
	// envDiscordBotToken is the bot token: alerts to channel IDs, command
	// registration, the gateway.
	envDiscordBotToken = "DISCORD_BOT_TOKEN"
	// envDiscordPublicKey is the application's public key (hex); with it
	// the service answers POST /discord/interactions.
	envDiscordPublicKey = "DISCORD_PUBLIC_KEY"
	// envDiscordAppID is the application ID commands are registered for.
	envDiscordAppID = "DISCORD_APPLICATION_ID"
	// envDiscordGuildID registers the commands in one guild (instant)
	// instead of globally.
	envDiscordGuildID = "DISCORD_GUILD_ID"
	// envDiscordAPIURL replaces https://discord.com (tests, staging).
	envDiscordAPIURL = "DISCORD_API_URL"
	// envDiscordTransport picks how interactions arrive: "http" (the
	// default when DISCORD_PUBLIC_KEY is set) or "gateway" (the default
	// otherwise, with a bot token).
	envDiscordTransport = "DISCORD_TRANSPORT"
)

// discordInteractionsPath is where Discord posts interactions.
const discordInteractionsPath = "/discord/interactions"

// discordService is the Discord integration of a running service: the
// sink for channels on platform discord, the /gapwatch command
// registration, and the interaction handler over the gateway or the HTTP
// endpoint.
type discordService struct {
	session *discordgo.Session
	handler *discordbot.Handler
	sink    *discordbot.Sink
	cmds    []*discordgo.ApplicationCommand
	appID   string
	guildID string
	// token is the bot token, kept only to redact it from errors.
	token string
	// gateway and endpoint say which transport serves interactions.
	gateway, endpoint bool
	log               *slog.Logger

	detach func()
	// cancel stops connecting the gateway; opened is closed when the
	// connecting goroutine is done.
	cancel context.CancelFunc
	opened chan struct{}
	// armNotifier hands the running alert pipeline to the bot's notifier
	// (set by App.startDiscord; called when the routes are mounted).
	armNotifier func()
}

// newDiscordService builds the Discord integration from the environment;
// it returns nil (no integration) when neither DISCORD_BOT_TOKEN nor
// DISCORD_PUBLIC_KEY is set. notifier turns newsroom actions into
// lifecycle updates (the alert pipeline); transport carries REST calls
// (nil: the default).
func newDiscordService(lookup func(string) (string, bool), cfg *config.Config, st store.Store, notifier bot.Notifier, log *slog.Logger, transport http.RoundTripper) (*discordService, error) {
	get := func(k string) string {
		v, _ := lookup(k)
		return strings.TrimSpace(v)
	}
	token, pub := get(envDiscordBotToken), get(envDiscordPublicKey)
	if token == "" && pub == "" {
		return nil, nil
	}
	log = log.With("component", "discord")
	d := &discordService{appID: get(envDiscordAppID), guildID: get(envDiscordGuildID), token: token, log: log}
	switch mode := strings.ToLower(get(envDiscordTransport)); mode {
	case "":
		d.endpoint = pub != ""
		d.gateway = !d.endpoint
	case "http":
		d.endpoint = true
	case "gateway":
		d.gateway = true
	default:
		return nil, usagef("%s must be http or gateway", envDiscordTransport)
	}
	if d.endpoint && pub == "" {
		return nil, usagef("%s=http needs %s (the application's public key)", envDiscordTransport, envDiscordPublicKey)
	}
	if d.gateway && token == "" {
		return nil, usagef("the Discord gateway needs %s", envDiscordBotToken)
	}
	var key []byte
	if pub != "" {
		k, err := discordbot.ParsePublicKey(pub)
		if err != nil {
			return nil, usagef("%s: %v", envDiscordPublicKey, err)
		}
		key = k
	}
	s, err := discordbot.NewSession(discordbot.SessionOptions{Token: token, APIURL: get(envDiscordAPIURL), Transport: transport})
	if err != nil {
		return nil, usagef("%s: %v", envDiscordAPIURL, err)
	}
	d.session = s
	b, err := newChatBot(cfg, st, notifier)
	if err != nil {
		return nil, err
	}
	d.handler, err = discordbot.NewHandler(discordbot.Options{Bot: b, Claims: st, Session: s, PublicKey: key, Logger: log})
	if err != nil {
		return nil, err
	}
	if d.sink, err = discordbot.NewSink(discordbot.SinkOptions{Session: s, Username: "gapwatch"}); err != nil {
		return nil, err
	}
	sides := make([]string, 0, len(cfg.Sides))
	for _, sd := range cfg.Sides {
		sides = append(sides, sd.ID)
	}
	d.cmds = discordbot.ApplicationCommands(b, sides)
	return d, nil
}

// Sink is the alert sink for channels on platform discord.
func (d *discordService) Sink() alert.Sink { return d.sink }

// register adds the interactions endpoint to mux (HTTP transport only);
// by then the alert pipeline runs, and newsroom actions from Discord
// enqueue their lifecycle updates through it.
func (d *discordService) register(mux *http.ServeMux) {
	if d == nil {
		return
	}
	if d.armNotifier != nil {
		d.armNotifier()
	}
	if !d.endpoint {
		return
	}
	mux.Handle("POST "+discordInteractionsPath, d.handler)
}

// start registers /gapwatch (a bulk overwrite: idempotent) and, when the
// gateway is the transport, connects to it in the background. Neither
// stops the service when Discord cannot be reached: a failed registration
// is logged (the commands registered last time stay), and the gateway is
// retried with backoff until it connects (then discordgo reconnects on its
// own). Without a bot token or an application ID the commands are not
// registered, and the log says so.
func (d *discordService) start(ctx context.Context) error {
	if d == nil {
		return nil
	}
	switch {
	case d.token == "" || d.appID == "":
		d.log.Warn("discord: commands not registered (needs " + envDiscordBotToken + " and " + envDiscordAppID + ")")
	default:
		scope := "global"
		if d.guildID != "" {
			scope = "guild"
		}
		if err := discordbot.Register(ctx, d.session, d.appID, d.guildID, d.cmds); err != nil {
			d.log.Error("discord: registering /gapwatch failed; the commands registered last time stay", "scope", scope, "err", d.redact(err))
		} else {
			d.log.Info("discord: /gapwatch registered", "scope", scope)
		}
	}
	if d.gateway {
		d.detach = d.handler.AttachGateway(d.session)
		gctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		d.cancel, d.opened = cancel, make(chan struct{})
		go d.openGateway(gctx)
	}
	if d.endpoint {
		d.log.Info("discord: interactions endpoint at " + discordInteractionsPath)
	}
	return nil
}

// openGateway connects the gateway, retrying with backoff (1s doubling to
// a minute) until it succeeds or ctx ends.
func (d *discordService) openGateway(ctx context.Context) {
	defer close(d.opened)
	wait := time.Second
	for {
		err := d.session.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			d.log.Info("discord: gateway connected")
			return
		}
		d.log.Warn("discord: gateway connection failed, retrying", "in", wait.String(), "err", d.redact(err))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, time.Minute)
	}
}

// redact returns err's text with the bot token removed (discordgo's
// gateway errors do not carry it; this keeps it so if they ever do).
func (d *discordService) redact(err error) string {
	msg := err.Error()
	if d.token != "" {
		msg = strings.ReplaceAll(msg, d.token, "<redacted>")
	}
	return msg
}

// stop closes the gateway and waits for answers in progress.
func (d *discordService) stop() error {
	if d == nil {
		return nil
	}
	var err error
	if d.gateway && d.detach != nil {
		d.cancel()
		select {
		case <-d.opened:
		case <-time.After(10 * time.Second):
			// A dial still in progress; Close below ends what it opened.
		}
		d.detach()
		if cerr := d.session.Close(); cerr != nil {
			err = fmt.Errorf("discord: close gateway: %w", cerr)
		}
	}
	d.handler.Close()
	return err
}

// startDiscord builds the Discord integration from the process
// environment, adds its sink for platform discord to the alert sender's
// platforms, registers the commands and opens the gateway. Newsroom
// actions from Discord reach the alert pipeline (as lifecycle updates)
// once Start has built it and mounted the routes.
func (a *App) startDiscord(ctx context.Context) error {
	var pipeline atomic.Pointer[alert.Pipeline]
	notifier := bot.NotifierFunc(func(ctx context.Context, c store.Claim, act store.Action) ([]store.OutboxMessage, error) {
		p := pipeline.Load()
		if p == nil {
			return nil, nil // the pipeline is still starting
		}
		return p.ActionMessages(ctx, c, act)
	})
	d, err := newDiscordService(os.LookupEnv, a.cfg, a.store, notifier, a.log, a.opts.transport)
	if err != nil || d == nil {
		return err
	}
	a.addPlatform(alert.PlatformDiscord, d.Sink())
	// Start builds the pipeline after this and mounts the routes after
	// that, in this goroutine: the pipeline is handed over there.
	d.armNotifier = func() {
		if a.alerts != nil {
			pipeline.Store(a.alerts.pipeline)
		}
	}
	if err := d.start(ctx); err != nil {
		return errors.Join(err, d.stop())
	}
	a.discord = d
	return nil
}

// stopDiscord closes the gateway and waits for answers in progress.
func (a *App) stopDiscord() {
	if err := a.discord.stop(); err != nil {
		a.log.Warn("discord: stop", "err", err)
	}
}
