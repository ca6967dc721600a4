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
	"strings"
	"text/tabwriter"
	"time"

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
	return command{
		name: "demo",
		summary: "Run the real pipeline offline on bundled feeds: serve them from a loopback server, poll them\n" +
			"through the same fetch, parse and store code into a temporary SQLite file, run the engine, and print\n" +
			"what was ingested and decided. Needs no tokens and no network.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			fs.BoolVar(&keep, "keep", false, "keep the temporary SQLite file and print its path")
			fs.StringVar(&lang, "language", config.DefaultLanguage, "language of the explanations: en or es")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("demo takes no arguments")
				}
				if lang != "en" && lang != "es" {
					return usagef("--language %q: en or es", lang)
				}
				return runDemo(ctx, e, keep, lang)
			}
		},
	}
}

func runDemo(ctx context.Context, e *env, keep bool, lang string) error {
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
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	app, err := newApp(ctx, cfg, log, appOptions{})
	if err != nil {
		return err
	}
	defer app.Close()
	out := e.stdout
	loc := cfg.Location()

	fmt.Fprintf(out, "gapwatch demo — the real pipeline, offline\n\n")
	fmt.Fprintf(out, "Bundled feeds served on %s:\n", srv.URL())
	for _, s := range app.sources {
		fmt.Fprintf(out, "  %-8s side %-3s %-4s %s\n", s.Name, s.Side, s.Kind(), s.URL)
	}
	fmt.Fprintf(out, "\n1. Poll every feed once (fetch, parse, normalise, store in %s)\n\n", cfg.Storage)
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

	lex, err := match.DefaultLexicon()
	if err != nil {
		return fmt.Errorf("load lexicon: %w", err)
	}
	eng := match.NewEngine(lex, match.Options{Window: cfg.Engine.Window, Lookback: cfg.Engine.Lookback, MinCoverage: cfg.Engine.MinCoverage, Language: lang})
	decisions := match.Replay(eng, items, nil)
	fmt.Fprintf(out, "\n3. Claims and verdicts (window %s after each claim, lookback %s)\n\n", cfg.Engine.Window, cfg.Engine.Lookback)
	printDemoDecisions(out, decisions, items, lang, loc)
	if keep {
		fmt.Fprintf(out, "\nThe demo's SQLite file is kept at %s\n", cfg.Storage)
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

// printDemoDecisions prints each claim with its verdict and explanation.
func printDemoDecisions(w io.Writer, ds []match.Decision, items []match.Item, lang string, loc *time.Location) {
	byKey := map[string]match.Item{}
	for _, it := range items {
		byKey[it.Feed+"\x00"+it.GUID] = it
	}
	if len(ds) == 0 {
		fmt.Fprintln(w, "No claims found.")
		return
	}
	counts := map[string]int{}
	for _, d := range ds {
		it := byKey[d.Feed+"\x00"+d.GUID]
		status := strings.ToUpper(d.Status.String())
		if d.Abstain != match.NoAbstention {
			status += " (" + d.Abstain.String() + ")"
		}
		if d.Denied {
			status += " — DENIED by the other side"
		}
		counts[d.Status.String()]++
		fmt.Fprintf(w, "[%s] %s · %s · %s\n", status, d.Feed, showTime(it.Published, loc), oneLine(it.Title, 100))
		for _, line := range strings.Split(strings.TrimSpace(d.ExplanationText(lang)), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d claims: %d confirmed, %d partial, %d unconfirmed. A newsroom is alerted for partial and unconfirmed.\n",
		len(ds), counts["confirmed"], counts["partial"], counts["unconfirmed"])
}
