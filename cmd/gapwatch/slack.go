package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/bot/slackbot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store"
)

// Environment of the Slack integration: secrets are read from it only,
// never from the config file, and never logged.
const (
	// envSlackBotToken is the bot token (xoxb-…): alerts, modals, answers.
	envSlackBotToken = "SLACK_BOT_TOKEN"
	// envSlackSigningSecret verifies the HTTP endpoints' requests.
	envSlackSigningSecret = "SLACK_SIGNING_SECRET"
	// envSlackAppToken (xapp-…) selects Socket Mode.
	envSlackAppToken = "SLACK_APP_TOKEN"
	// envSlackAPIURL overrides the Web API base URL (tests, staging).
	envSlackAPIURL = "SLACK_API_URL"
)

// slackService is the Slack integration of a running service: the sink for
// channels on platform slack, and the command handler over HTTP (with a
// signing secret) or Socket Mode (with an app token, chosen when
// SLACK_APP_TOKEN is set).
type slackService struct {
	handler *slackbot.Handler
	sink    *slackbot.Sink
	app     *slack.Client // Socket Mode client; nil over HTTP
	log     *slog.Logger

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan error
}

// newSlackService builds the Slack integration from the environment; it
// returns nil (no integration) when SLACK_BOT_TOKEN is not set. notifier,
// when set, turns newsroom actions into lifecycle updates (the alert
// pipeline).
func newSlackService(lookup func(string) (string, bool), cfg *config.Config, st store.Store, notifier bot.Notifier, log *slog.Logger) (*slackService, error) {
	get := func(k string) string {
		v, _ := lookup(k)
		return strings.TrimSpace(v)
	}
	token := get(envSlackBotToken)
	if token == "" {
		return nil, nil
	}
	apiURL := get(envSlackAPIURL)
	if apiURL == "" {
		apiURL = slack.APIURL
	}
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("%s is not an http(s) URL", envSlackAPIURL)
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	log = log.With("component", "slack")
	// Every call also carries its context's deadline; this bounds the rest.
	client := slack.OptionHTTPClient(&http.Client{Timeout: 30 * time.Second})
	api := slack.New(token, slack.OptionAPIURL(apiURL), client)
	b, err := newChatBot(cfg, st, notifier)
	if err != nil {
		return nil, err
	}
	secret := get(envSlackSigningSecret)
	appToken := get(envSlackAppToken)
	if secret == "" && appToken == "" {
		log.Warn("slack: neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN is set: alerts are posted, commands are not served")
	}
	h, err := slackbot.NewHandler(slackbot.Options{Bot: b, Client: api, SigningSecret: secret, Logger: log})
	if err != nil {
		return nil, err
	}
	s := &slackService{handler: h, sink: slackbot.NewSink(api, log), log: log}
	if appToken != "" {
		s.app = slack.New(token, slack.OptionAPIURL(apiURL), client, slack.OptionAppLevelToken(appToken))
	}
	return s, nil
}

// newChatBot is the command layer chat platforms share: the store, the
// engine's lexicon for search, the configured language and sides, and
// configured channel names for mutes.
func newChatBot(cfg *config.Config, st store.Store, notifier bot.Notifier) (*bot.Bot, error) {
	lex, err := engineLexicon(cfg)
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	opts := botOptions(cfg) // language, sides, configured channel names (newsroom.go)
	opts.Queries, opts.Actions, opts.Notifier, opts.Lexicon = st, st, notifier, lex
	opts.Digester = newDigester(cfg, st) // digest.go
	return bot.New(opts)
}

// Sink is the alert sink for channels on platform slack.
func (s *slackService) Sink() alert.Sink { return s.sink }

// register adds the HTTP endpoints to mux (HTTP mode only).
func (s *slackService) register(mux *http.ServeMux) {
	if s == nil || s.app != nil {
		return
	}
	s.handler.Register(mux)
}

// start opens the Socket Mode session (Socket Mode only).
func (s *slackService) start(ctx context.Context) {
	if s == nil || s.app == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	s.mu.Lock()
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	go func() {
		err := s.handler.RunSocketMode(ctx, s.app, slackbot.SocketOptions{})
		if err != nil {
			s.log.Error("slack socket mode stopped", "err", err)
		}
		done <- err
	}()
}

// stop closes the Socket Mode session and waits for answers in progress.
func (s *slackService) stop(ctx context.Context) error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	var errs []error
	if cancel != nil {
		cancel()
		select {
		case <-done:
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("stop slack socket mode: %w", ctx.Err()))
		}
	}
	if err := s.handler.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop slack: %w", err))
	}
	return errors.Join(errs...)
}

// startSlack builds the Slack integration from the process environment,
// adds its sink for platform slack to the alert sender's platforms (before
// the sender starts) and opens the Socket Mode session when
// SLACK_APP_TOKEN is set; the HTTP endpoints are mounted by routes. The
// newsroom's actions reach the alert pipeline once it runs.
func (a *App) startSlack(ctx context.Context) error {
	notifier := bot.NotifierFunc(func(ctx context.Context, c store.Claim, act store.Action) ([]store.OutboxMessage, error) {
		a.mu.Lock()
		al := a.alerts
		a.mu.Unlock()
		if al == nil {
			return nil, nil
		}
		return al.pipeline.ActionMessages(ctx, c, act)
	})
	s, err := newSlackService(os.LookupEnv, a.cfg, a.store, notifier, a.log)
	if err != nil || s == nil {
		return err
	}
	a.addPlatform(alert.PlatformSlack, s.Sink())
	s.start(ctx)
	a.slack = s
	return nil
}

// slackStopGrace bounds the wait for Slack answers in progress at shutdown.
const slackStopGrace = 10 * time.Second

// stopSlack closes the Socket Mode session and waits for answers in
// progress (at most slackStopGrace).
func (a *App) stopSlack() {
	if a.slack == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), slackStopGrace)
	defer cancel()
	if err := a.slack.stop(ctx); err != nil {
		a.log.Warn("slack: stop", "err", err)
	}
}
