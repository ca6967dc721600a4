package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// tickEvery is how often the service closes due windows and checks the
// feeds' health.
const tickEvery = time.Minute

// defaultChannel is the console channel used when the config names none.
const defaultChannel = "console"

// alerting is the live alert pipeline of an App: the engine's tracker fed
// by the poller, the routes, and the outbox sender.
type alerting struct {
	engine   *match.Engine
	pipeline *alert.Pipeline
	sender   *alert.Sender
	routes   []alert.Route

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// newEngine builds the confirmation engine the config describes.
func newEngine(cfg *config.Config) (*match.Engine, error) {
	lex, err := engineLexicon(cfg)
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	offices, err := watchedOffices(cfg, lex) // which press offices are watched (sources.go)
	if err != nil {
		return nil, err
	}
	return match.NewEngine(lex, match.Options{Window: cfg.Engine.Window, Lookback: cfg.Engine.Lookback,
		MinCoverage: cfg.Engine.MinCoverage, Language: cfg.Engine.Language, Offices: offices}), nil
}

// alertRoutes maps the configured channels onto routes and their sinks
// (console and webhook; Slack and Discord sinks come from opts.platforms).
// With no channel configured, alerts go to a console channel on stdout.
func alertRoutes(cfg *config.Config, opts appOptions) ([]alert.Route, map[string]alert.Sink) {
	stdout := opts.stdout
	if stdout == nil {
		stdout = os.Stdout
	}
	chans := cfg.Channels
	if len(chans) == 0 {
		chans = []config.Channel{{Name: defaultChannel, Platform: config.PlatformConsole}}
	}
	var console *alert.ConsoleSink
	routes := make([]alert.Route, 0, len(chans))
	sinks := map[string]alert.Sink{}
	for _, ch := range chans {
		f := ch.Filters
		routes = append(routes, alert.Route{
			Channel:  alert.Channel{Name: ch.Name, Platform: ch.Platform, Target: ch.Target.Reveal()},
			Language: ch.Language,
			Filters: store.Filters{Sides: f.Sides, Feeds: f.Feeds, Statuses: f.Statuses, Concepts: f.Concepts,
				Keywords: f.Keywords, MinImportance: f.MinImportance},
		})
		switch ch.Platform {
		case config.PlatformConsole:
			if console == nil {
				console = alert.NewConsoleSink(stdout)
			}
			sinks[ch.Name] = console
		case config.PlatformWebhook:
			sinks[ch.Name] = alert.NewWebhookSink(alert.WebhookOptions{Name: ch.Name, URL: ch.Target.Reveal(),
				Secret: ch.Secret.Reveal(), Client: &http.Client{Timeout: 30 * time.Second, Transport: opts.transport}, Now: opts.now})
		}
	}
	for name, s := range opts.sinks {
		sinks[name] = s
	}
	return routes, sinks
}

// goneChecker reports a claim's page as withdrawn when its publisher
// answers 404 Not Found or 410 Gone to a HEAD request; any other answer,
// or none, is not a withdrawal.
func goneChecker(client *http.Client, userAgent string) func(ctx context.Context, link string) (bool, error) {
	return func(ctx context.Context, link string) (bool, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodHead, link, nil)
		if err != nil {
			return false, fmt.Errorf("check claim page: invalid link")
		}
		req.Header.Set("User-Agent", userAgent)
		resp, err := client.Do(req)
		if err != nil {
			return false, fmt.Errorf("check claim page: %w", err)
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone, nil
	}
}

// newAlerting builds the pipeline and the sender for cfg over st.
func newAlerting(cfg *config.Config, st store.Store, a *App, opts appOptions) (*alerting, error) {
	eng, err := newEngine(cfg)
	if err != nil {
		return nil, err
	}
	routes, sinks := alertRoutes(cfg, opts)
	sender := alert.NewSender(st, alert.SenderOptions{
		Sinks: sinks, Platforms: opts.platforms, MaxAttempts: cfg.Alerts.MaxAttempts,
		EvidenceURL: evidenceLinks(cfg, opts.now), Now: opts.now, Logger: a.log,
	})
	names := map[string]string{}
	for _, s := range cfg.Sides {
		names[s.ID] = s.Name
	}
	p, err := alert.NewPipeline(alert.Options{
		Engine: eng, Store: st, Router: alert.Router{Static: routes, Store: st},
		Language: cfg.Engine.Language, Location: cfg.Location(), SideNames: names,
		FeedDownAfter: cfg.Alerts.FeedDownAfter, SilentFactor: cfg.Alerts.SilentFactor,
		Now: opts.now, Logger: a.log, Notify: sender.Notify,
		CheckGone: goneChecker(&http.Client{Timeout: 20 * time.Second, Transport: opts.transport}, cfg.Poller.UserAgent),
	})
	if err != nil {
		return nil, err
	}
	return &alerting{engine: eng, pipeline: p, sender: sender, routes: routes}, nil
}

// start restores the pipeline from the store, routes the poller's items to
// it, and runs the ticker and the sender until stop.
func (al *alerting) start(ctx context.Context, a *App) error {
	if err := al.pipeline.Restore(ctx); err != nil {
		return err
	}
	a.setItemsHook(al.pipeline.OnItems)
	ctx, al.cancel = context.WithCancel(context.WithoutCancel(ctx))
	al.wg.Add(2)
	go func() {
		defer al.wg.Done()
		al.pipeline.Run(ctx, tickEvery)
	}()
	go func() {
		defer al.wg.Done()
		al.sender.Run(ctx)
	}()
	names := make([]string, len(al.routes))
	for i, r := range al.routes {
		names[i] = r.Channel.Name + " (" + r.Channel.Platform + ")"
	}
	a.log.Info("alert pipeline running", "channels", strings.Join(names, ", "))
	return nil
}

// stop ends the ticker and the sender; an interrupted delivery is retried
// at the next start.
func (al *alerting) stop() {
	if al.cancel != nil {
		al.cancel()
	}
	al.wg.Wait()
}
