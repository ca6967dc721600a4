package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/postgres"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// App is everything `serve` runs, built from a config: the store, the
// poller and its scheduler, and the HTTP server. `demo`, `poll` and the
// end-to-end tests build the same App so they run exactly what serve runs.
type App struct {
	cfg       *config.Config
	log       *slog.Logger
	store     store.Store
	sources   []feeds.Source
	poller    *feeds.Poller
	scheduler *feeds.Scheduler
	registry  *prometheus.Registry
	opts      appOptions
	// alerts is the live alert pipeline, built by Start (nil before).
	alerts *alerting
	// digests is the running digest scheduler (digest.go; nil when none).
	digests *digests
	// slack is the Slack integration (slack.go; nil when not configured).
	slack *slackService
	// discord is the Discord integration (discord.go; nil when not configured).
	discord *discordService
	// browser is the headless Chromium shared by browser and auto feeds (started on first use).
	browser *feeds.Browser

	mu sync.Mutex
	// itemsHook receives what each poll stored (the alert pipeline's
	// OnItems once it is restored; nil: items wait for the next start).
	itemsHook func(ctx context.Context, res store.SaveResult) error
	srv       *http.Server
	listener  net.Listener
	ready     bool
}

// appOptions are the parts of an App a caller may replace (tests, demo).
type appOptions struct {
	// now is the clock (time.Now when nil).
	now func() time.Time
	// transport replaces the fetcher's HTTP transport.
	transport http.RoundTripper
	// stdout is where console channels write (os.Stdout when nil).
	stdout io.Writer
	// sinks replace or add the sinks of channels, by channel name.
	sinks map[string]alert.Sink
	// platforms deliver subscribed channels' messages, by platform.
	platforms map[string]alert.Sink
}

// globalFlags are the flags every command that reads the config takes.
type globalFlags struct {
	configPath string
	logFormat  string
}

func (g *globalFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.configPath, "config", "", "config file (default $GAPWATCH_CONFIG; none: built-in defaults)")
	fs.StringVar(&g.logFormat, "log-format", "", "log format: text or json (default text on a terminal, json otherwise; $GAPWATCH_LOG_FORMAT)")
}

// load reads the config the flags and environment name; an invalid config
// is a usage error (exit 2) listing every problem.
func (g *globalFlags) load(e *env) (*config.Config, error) {
	path := config.Path(g.configPath, e.lookupEnv)
	cfg, err := config.Loader{LookupEnv: e.lookupEnv}.Load(path)
	if err != nil {
		return nil, usageError{err}
	}
	if g.logFormat != "" {
		cfg.LogFormat = g.logFormat
	}
	return cfg, nil
}

// logger returns the logger the config and flags ask for, writing to stderr.
func (g *globalFlags) logger(e *env, cfg *config.Config) (*slog.Logger, error) {
	format := g.logFormat
	if format == "" {
		if v := e.getenv(config.EnvLogFormat); v != "" {
			format = v
		} else if g.configPath != "" || e.getenv(config.EnvConfig) != "" {
			format = cfg.LogFormat
		}
	}
	return newLogger(e.stderr, format)
}

// openStore opens the configured storage.
func openStore(ctx context.Context, s config.Storage) (store.Store, error) {
	if s.IsPostgres() {
		st, err := postgres.Open(ctx, s.DSN())
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", s, err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, s.DSN())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", s, err)
	}
	return st, nil
}

// sourcesFromConfig maps the config's feeds onto the fetcher's sources.
func sourcesFromConfig(cfg *config.Config) []feeds.Source {
	out := make([]feeds.Source, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		src := feeds.Source{
			Name:      f.Name,
			Side:      f.Side,
			URL:       f.URL,
			Type:      f.Type,
			Language:  f.Language,
			UserAgent: f.UserAgent,
			Timeout:   f.Timeout,
			MaxBytes:  f.MaxBytes,
			Fetch:     f.Fetch,
		}
		if src.Language == "" {
			if side, ok := cfg.Side(f.Side); ok {
				src.Language = side.Language
			}
		}
		if len(f.Headers) > 0 {
			src.Headers = make(map[string]string, len(f.Headers))
			for k, v := range f.Headers {
				src.Headers[k] = v.Reveal()
			}
		}
		if h := f.HTML; h != nil {
			src.HTML = &feeds.HTMLSelectors{
				Item: h.Item, Title: h.Title, Link: h.Link, Date: h.Date, Summary: h.Summary,
				DateAttr: h.DateAttr, DateFormat: h.DateFormat, TimeZone: h.TimeZone,
				Next: h.Next, MaxPages: h.MaxPages, Body: h.Body, BodyInterval: h.BodyInterval,
			}
		}
		out = append(out, src)
	}
	return out
}

// newApp builds the App for cfg: it opens the store and records the feeds.
func newApp(ctx context.Context, cfg *config.Config, log *slog.Logger, opts appOptions) (*App, error) {
	st, err := openStore(ctx, cfg.Storage)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, store: st, sources: sourcesFromConfig(cfg), registry: prometheus.NewRegistry(), opts: opts}
	a.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics, err := feeds.NewMetrics(a.registry)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("metrics: %w", err)
	}
	fetcher := feeds.NewFetcher(feeds.FetcherOptions{
		Version:   buildVersion(),
		UserAgent: cfg.Poller.UserAgent,
		Timeout:   cfg.Poller.Timeout,
		MaxBytes:  cfg.Poller.MaxBytes,
		Transport: opts.transport,
		Now:       opts.now,
	})
	a.browser = feeds.NewBrowser(feeds.BrowserOptions{Logger: log, Now: opts.now})
	a.poller = feeds.NewPoller(st, feeds.PollerOptions{
		Browser: a.browser,
		Fetcher: fetcher,
		Logger:  log,
		Now:     opts.now,
		Metrics: metrics,
		OnItems: a.handleItems,
	})
	// Replicas sharing a PostgreSQL store poll each feed from one of them (replicas.go).
	a.scheduler = feeds.NewScheduler(a.leasedPoll(a.poller.Poll), feeds.SchedulerOptions{
		Concurrency: cfg.Poller.Concurrency,
		MaxSpread:   cfg.Poller.Spread,
		Location:    cfg.Location(),
		Logger:      log,
		// A freshly started service polls at once rather than at the first cron tick.
		PollAtStart: true,
	})
	if err := a.poller.Sync(ctx, a.sources); err != nil {
		st.Close()
		return nil, fmt.Errorf("record feeds: %w", err)
	}
	return a, nil
}

// selectSources returns the sources named (all when names is empty).
func (a *App) selectSources(names []string) ([]feeds.Source, error) {
	if len(names) == 0 {
		return a.sources, nil
	}
	var out []feeds.Source
	var unknown []string
	for _, n := range names {
		found := false
		for _, s := range a.sources {
			if s.Name == n {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		known := make([]string, len(a.sources))
		for i, s := range a.sources {
			known[i] = s.Name
		}
		return nil, usagef("unknown feed %s (configured: %s)", strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	return out, nil
}

// setItemsHook routes the poller's stored items to h.
func (a *App) setItemsHook(h func(ctx context.Context, res store.SaveResult) error) {
	a.mu.Lock()
	a.itemsHook = h
	a.mu.Unlock()
}

// handleItems is the poller's OnItems hook: feed → store → engine → outbox.
// Before the alert pipeline runs (poll, feeds), items are only stored; the
// pipeline's restore at the next start decides them.
func (a *App) handleItems(ctx context.Context, res store.SaveResult) error {
	a.mu.Lock()
	h := a.itemsHook
	a.mu.Unlock()
	if h == nil {
		return nil
	}
	return h(ctx, res)
}

// addPlatform makes sink deliver the platform's subscribed channels unless
// the options already name a sink for it (a test's fake). The options' map
// is copied, not changed.
func (a *App) addPlatform(platform string, sink alert.Sink) {
	if _, set := a.opts.platforms[platform]; set {
		return
	}
	platforms := map[string]alert.Sink{platform: sink}
	for k, v := range a.opts.platforms {
		platforms[k] = v
	}
	a.opts.platforms = platforms
}

// startAlerts builds the alert pipeline and the sender (see alerts.go).
func (a *App) startAlerts(ctx context.Context) error {
	al, err := newAlerting(a.cfg, a.store, a, a.opts)
	if err != nil {
		return fmt.Errorf("alert pipeline: %w", err)
	}
	if err := al.start(ctx, a); err != nil {
		return fmt.Errorf("alert pipeline: %w", err)
	}
	a.alerts = al
	return nil
}

// Start restores the alert pipeline and starts it with its sender, then
// schedules every feed and starts the HTTP server on cfg.Listen (an
// address ending in :0 picks a free port; see Addr).
func (a *App) Start(ctx context.Context) (err error) {
	if err := a.startDiscord(ctx); err != nil { // before the sender: it adds the discord sink
		return err
	}
	if err := a.startSlack(ctx); err != nil { // before the sender: it adds the slack sink
		return err
	}
	if err := a.startAlerts(ctx); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			a.setItemsHook(nil)
			a.stopDigests()
			a.stopSlack()
			a.stopDiscord()
			a.alerts.stop()
		}
	}()
	if err := a.startDigests(ctx); err != nil {
		return err
	}
	if err := a.followReplicas(ctx); err != nil {
		return err
	}
	for i, src := range a.sources {
		if err := a.scheduler.Add(src, a.cfg.Feeds[i].Schedule); err != nil {
			return fmt.Errorf("schedule feed %s: %w", src.Name, err)
		}
	}
	ln, err := net.Listen("tcp", a.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.Listen, err)
	}
	srv := &http.Server{Handler: a.routes(), ReadHeaderTimeout: 10 * time.Second}
	a.mu.Lock()
	a.srv, a.listener, a.ready = srv, ln, true
	a.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("http server stopped", "err", err)
		}
	}()
	a.scheduler.Start(ctx)
	a.log.Info("gapwatch serving", "addr", ln.Addr().String(), "feeds", len(a.sources), "version", buildVersion())
	return nil
}

// Addr is the address the HTTP server listens on ("" before Start).
func (a *App) Addr() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.listener == nil {
		return ""
	}
	return a.listener.Addr().String()
}

// Stop shuts down gracefully: no new polls, in-flight polls finish or are
// cancelled by ctx, the HTTP server drains, the store closes.
func (a *App) Stop(ctx context.Context) error {
	a.mu.Lock()
	a.ready = false
	srv := a.srv
	a.mu.Unlock()
	var errs []error
	if err := a.scheduler.Stop(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop scheduler: %w", err))
	}
	if err := a.releaseLeases(ctx); err != nil {
		errs = append(errs, err)
	}
	a.setItemsHook(nil)
	a.stopDigests()
	a.stopSlack()
	a.stopDiscord()
	if a.alerts != nil {
		a.alerts.stop()
	}
	if srv != nil {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop http server: %w", err))
		}
	}
	return errors.Join(append(errs, a.Close())...)
}

// Close releases the store and stops the browser (for commands that never Start).
func (a *App) Close() error {
	a.browser.Close()
	if err := a.store.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// routes is the service's HTTP surface.
func (a *App) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		ready := a.ready
		a.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ready {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		// Ready means the store answers.
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if _, err := a.store.FeedStates(ctx); err != nil {
			a.log.Warn("readyz: store not answering", "err", err)
			http.Error(w, "store not ready", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.registry, promhttp.HandlerOpts{Registry: a.registry}))
	a.mountWeb(mux) // the evidence pages (web.go)
	// POST /discord/interactions (discord.go)
	a.discord.register(mux)
	// POST /slack/commands, /slack/interactions, /slack/events (slack.go)
	a.slack.register(mux)
	return mux
}
