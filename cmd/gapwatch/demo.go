package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/cmd/gapwatch/demo"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// demoConfig is the configuration of the demo: the bundled feeds on the
// loopback server, SQLite in dir, nothing listening.
func demoConfig(baseURL, dir string) *config.Config {
	cfg := config.Default()
	cfg.Sides = nil
	for _, s := range demo.Sides() {
		cfg.Sides = append(cfg.Sides, config.Side{ID: s.ID, Name: s.Name, Language: s.Language, TimeZone: s.TimeZone})
	}
	cfg.Feeds = nil
	for _, f := range demo.Sources(baseURL) {
		cf := config.Feed{Name: f.Name, Side: f.Side, URL: f.URL, Type: f.Type, Language: f.Language, Schedule: config.DefaultSchedule}
		if h := f.HTML; h != nil {
			cf.HTML = &config.HTML{
				Item: h.Item, Title: h.Title, Link: h.Link, Date: h.Date, DateAttr: h.DateAttr, DateFormat: h.DateFormat,
				TimeZone: h.TimeZone, Summary: h.Summary, Next: h.Next, MaxPages: h.MaxPages, Body: h.Body,
			}
		}
		cfg.Feeds = append(cfg.Feeds, cf)
	}
	cfg.Storage = config.Storage(filepath.Join(dir, "demo.db"))
	cfg.Listen = "127.0.0.1:0"
	cfg.TimeZone = "America/Mexico_City"
	return cfg
}

func demoCommand() command {
	var keep bool
	var lang string
	var serve bool
	return command{
		name: "demo",
		summary: "Run the real pipeline offline on bundled feeds: serve them from a loopback server, poll them\n" +
			"through the same fetch, parse and store code into a temporary SQLite file, then replay the releases\n" +
			"over simulated days through the engine, the outbox and the console sink, printing the full lifecycle\n" +
			"(new claims, confirmations, edits, deadline alerts). Needs no tokens and no network.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			fs.BoolVar(&keep, "keep", false, "keep the temporary SQLite file and print its path")
			fs.StringVar(&lang, "language", config.DefaultLanguage, "language of the explanations: en or es")
			fs.BoolVar(&serve, "serve", false, "then keep the evidence pages up on 127.0.0.1 (a free port, printed) until Ctrl-C")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("demo takes no arguments")
				}
				if lang != "en" && lang != "es" {
					return usagef("--language %q: en or es", lang)
				}
				return runDemo(ctx, e, keep, lang, serve)
			}
		},
	}
}

// demoStart is the simulated clock's start: before the first bundled
// release, so that the first poll is the feeds' baseline.
var demoStart = time.Date(2026, time.February, 1, 6, 0, 0, 0, time.UTC)

// demoEditAt is when the demo's SRE list publishes its edited release
// (the day after the meeting it reports; see demo.Server.PublishEdits).
var demoEditAt = time.Date(2026, time.February, 13, 18, 0, 0, 0, time.UTC)

// demoClock is the demo's simulated clock.
type demoClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *demoClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *demoClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// dayWriter prints a day's heading before the first line written that day.
type dayWriter struct {
	w       io.Writer
	pending string
}

func (d *dayWriter) Write(p []byte) (int, error) {
	if d.pending != "" {
		if _, err := io.WriteString(d.w, d.pending); err != nil {
			return 0, err
		}
		d.pending = ""
	}
	return d.w.Write(p)
}

func runDemo(ctx context.Context, e *env, keep bool, lang string, serve bool) error {
	srv, err := demo.Serve(ctx)
	if err != nil {
		return fmt.Errorf("start demo feed server: %w", err)
	}
	defer srv.Close()
	dir, err := os.MkdirTemp("", "gapwatch-demo-")
	if err != nil {
		return fmt.Errorf("temporary folder: %w", err)
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	cfg := demoConfig(srv.URL(), dir)
	cfg.Engine.Language = lang
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	clock := &demoClock{t: demoStart}
	var pages *demoPages // --serve: the evidence pages (web.go)
	if serve {
		if pages, err = startDemoPages(e, cfg, clock.Now); err != nil {
			return err
		}
		defer pages.close()
	}
	out := e.stdout
	days := &dayWriter{w: out}
	opts := appOptions{now: clock.Now, stdout: days}
	app, err := newApp(ctx, cfg, log, opts)
	if err != nil {
		return err
	}
	defer app.Close()
	loc := cfg.Location()

	fmt.Fprintf(out, "gapwatch demo — the real pipeline, offline, over simulated days\n\n")
	fmt.Fprintf(out, "Bundled feeds served on %s:\n", srv.URL())
	for _, s := range app.sources {
		fmt.Fprintf(out, "  %-8s side %-3s %-4s %s\n", s.Name, s.Side, s.Kind(), s.URL)
	}
	fmt.Fprintf(out, "\n1. Poll every feed once on %s (fetch, parse, normalise, store in %s)\n\n", showTime(demoStart, loc), cfg.Storage)
	results := app.scheduler.RunOnce(ctx, app.sources)
	printPollTable(out, results)
	for _, r := range results {
		if !r.OK() {
			return fmt.Errorf("demo feed %s failed: %v", r.Feed, r.Err)
		}
	}
	items, err := app.store.Items(ctx, store.ItemQuery{})
	if err != nil {
		return fmt.Errorf("read items: %w", err)
	}
	fmt.Fprintf(out, "\n2. Stored %d items (the first poll of a new feed is its baseline)\n\n", len(items))
	printDemoItems(out, items, loc)

	// The alert pipeline, exactly as serve builds it, with the default
	// console channel. The feeds are a snapshot: rather than restoring the
	// tracker from the baseline, the demo replays each item as news at its
	// publication time, so the console shows what a newsroom would have
	// seen live.
	al, err := newAlerting(cfg, app.store, app, opts)
	if err != nil {
		return err
	}
	asNews := func(it match.Item) match.Item {
		it.Backlog = false
		it.FirstSeen = it.Published
		return it
	}
	app.setItemsHook(func(ctx context.Context, res store.SaveResult) error {
		for i := range res.New {
			res.New[i] = asNews(res.New[i])
		}
		for i := range res.Revised {
			res.Revised[i] = asNews(res.Revised[i])
		}
		return al.pipeline.OnItems(ctx, res)
	})
	win := cfg.Engine.Window
	fmt.Fprintf(out, "\n3. Replay: each item arrives at its publication time; windows close %s after each claim.\n", win)
	fmt.Fprintf(out, "   Messages to the console channel, as `serve` prints them:\n")
	sort.SliceStable(items, func(i, j int) bool { return items[i].Published.Before(items[j].Published) })
	day := ""
	step := func(t time.Time) error {
		clock.Set(t)
		if d := t.In(loc).Format("Monday 2 January 2006"); d != day {
			day = d
			days.pending = fmt.Sprintf("\n━━ %s ━━\n\n", d)
		}
		if err := al.pipeline.CloseWindows(ctx); err != nil {
			return err
		}
		return al.sender.Flush(ctx)
	}
	edited := false
	for _, it := range items {
		if !edited && it.Published.After(demoEditAt) {
			if err := step(demoEditAt); err != nil {
				return err
			}
			// The SRE list edits a release: a real poll stores the revision
			// and the pipeline reports it.
			srv.PublishEdits()
			app.scheduler.RunOnce(ctx, app.sources[:1])
			if err := al.sender.Flush(ctx); err != nil {
				return err
			}
			edited = true
		}
		if err := step(it.Published); err != nil {
			return err
		}
		if err := al.pipeline.OnItems(ctx, store.SaveResult{New: []match.Item{asNews(it)}}); err != nil {
			return err
		}
		if err := al.sender.Flush(ctx); err != nil {
			return err
		}
	}
	if len(items) > 0 {
		last := items[len(items)-1].Published
		for t := last.Truncate(24 * time.Hour).Add(24 * time.Hour); !t.After(last.Add(win + 24*time.Hour)); t = t.Add(24 * time.Hour) {
			if err := step(t); err != nil {
				return err
			}
		}
	}
	claims, err := app.store.Claims(ctx, store.ClaimQuery{})
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	counts := map[string]int{}
	for _, c := range claims {
		counts[alert.StatusName(c.Decision)]++
	}
	sent, err := app.store.Outbox(ctx, store.OutboxQuery{State: store.OutboxSent})
	if err != nil {
		return fmt.Errorf("read outbox: %w", err)
	}
	fmt.Fprintf(out, "\n4. %d claims: %d confirmed, %d partial, %d unconfirmed, %d unverified; %d messages delivered.\n",
		len(claims), counts["confirmed"], counts["partial"], counts["unconfirmed"], counts["unverified"], len(sent))
	fmt.Fprintln(out, "   A newsroom is alerted for partial and unconfirmed claims; `gapwatch outbox` lists every message.")
	if keep {
		fmt.Fprintf(out, "\nThe demo's SQLite file is kept at %s\n", cfg.Storage)
	}
	if pages != nil {
		return pages.serve(ctx, out, cfg, app.store, log, clock.Now)
	}
	return nil
}

// printDemoItems prints per feed the count and the newest titles.
func printDemoItems(w io.Writer, items []match.Item, loc *time.Location) {
	byFeed := map[string][]match.Item{}
	var names []string
	for _, it := range items {
		if _, ok := byFeed[it.Feed]; !ok {
			names = append(names, it.Feed)
		}
		byFeed[it.Feed] = append(byFeed[it.Feed], it)
	}
	sort.Strings(names)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range names {
		its := byFeed[n]
		sort.Slice(its, func(i, j int) bool { return its[i].Published.After(its[j].Published) })
		fmt.Fprintf(tw, "%s (%d items, side %s)\t\t\n", n, len(its), its[0].Side)
		for i, it := range its {
			if i == 4 {
				fmt.Fprintf(tw, "  …\t\t\n")
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\t\n", showTime(it.Published, loc), oneLine(it.Title, 90))
		}
	}
	tw.Flush()
}
