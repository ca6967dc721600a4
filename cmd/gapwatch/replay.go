package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/sources"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// parseReplayFeeds reads the --feed values into sources named after their
// files' base names, with the side's usual language as fallback.
//
// A value SIDE=ID:PATH names a catalogue office: the feed is named ID and
// the engine is told which offices were replayed (the rest of the
// catalogue is known and unwatched), so the "not watched" rule applies as
// in the service. Plain SIDE=PATH values keep replay exactly as before:
// with none of them naming an office, offices is nil and the rule is off,
// since no plain file is known to be any office. The file's type still
// comes from its extension (.html: a gob.mx list), whatever the office.
func parseReplayFeeds(values []string, sides []config.Side) (out []feeds.Source, offices match.Offices, err error) {
	seen := map[string]string{}
	var cat *sources.Catalogue
	var asConfig []config.Feed
	named := false
	for _, v := range values {
		side, path, ok := strings.Cut(v, "=")
		side, path = strings.TrimSpace(side), strings.TrimSpace(path)
		if !ok || side == "" || path == "" {
			return nil, nil, usagef("--feed %q: want SIDE=PATH or SIDE=ID:PATH, e.g. mx=feeds/sre.xml or mx=sre:feeds/sre.xml", v)
		}
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		office := ""
		if id, rest, ok := strings.Cut(path, ":"); ok && rest != "" {
			if cat == nil {
				if cat, err = sources.Builtin(); err != nil {
					return nil, nil, fmt.Errorf("load catalogue: %w", err)
				}
			}
			if e, known := cat.Get(id); known {
				if e.Side != side {
					return nil, nil, usagef("--feed %q: office %s speaks for side %s, not %s", v, id, e.Side, side)
				}
				name, path, office, named = id, rest, id, true
			}
		}
		if prev, dup := seen[name]; dup {
			return nil, nil, usagef("--feed %q: two feeds named %q (%s and %s); feed names come from file base names or office ids", v, name, prev, path)
		}
		seen[name] = path
		src := feeds.Source{Name: name, Side: side, URL: path, Type: feeds.TypeRSS}
		for _, s := range sides {
			if s.ID == side {
				src.Language = s.Language
			}
		}
		if strings.EqualFold(filepath.Ext(path), ".html") || strings.EqualFold(filepath.Ext(path), ".htm") {
			src.Type = feeds.TypeHTML
			sel := feeds.GobMXSelectors
			// Replay is offline: never fetch each release's own page.
			sel.Body = ""
			src.HTML = &sel
		}
		out = append(out, src)
		asConfig = append(asConfig, config.Feed{Name: name, Side: side, URL: path, Office: office})
	}
	if len(out) == 0 {
		return nil, nil, usagef("name at least one --feed SIDE=PATH")
	}
	if named {
		if offices, err = cat.Offices(asConfig); err != nil {
			return nil, nil, usageError{err}
		}
	}
	return out, offices, nil
}

// ingestFiles polls each source once into st through the same fetch, parse
// and normalise code the service runs. A feed that cannot be read is an
// error: a side we could not read must never look silent.
func ingestFiles(ctx context.Context, st store.Store, srcs []feeds.Source, log *slog.Logger) error {
	p := feeds.NewPoller(st, feeds.PollerOptions{Logger: log})
	if err := p.Sync(ctx, srcs); err != nil {
		return fmt.Errorf("record feeds: %w", err)
	}
	for _, src := range srcs {
		res, err := p.Poll(ctx, src)
		if err == nil && !res.OK() {
			err = res.Err
		}
		if err != nil {
			return fmt.Errorf("read feed %s (%s): %w", src.Name, src.URL, err)
		}
	}
	return nil
}

func replayCommand() command {
	var feedArgs stringList
	var window, lookback time.Duration
	var lang string
	return command{
		name:  "replay",
		usage: "--feed SIDE=[ID:]PATH [--feed SIDE=[ID:]PATH ...]",
		summary: "Run the engine over feed files as the live service would, then past every deadline, and print\n" +
			"one JSON object per line for each item treated as a claim: feed, guid, status (confirmed, partial,\n" +
			"unconfirmed), matches, explanation, and the extra fields denied, abstain and confirmed_late.\n" +
			"A feed's name is its file's base name; an .html file is read as a gob.mx press list. SIDE=ID:PATH\n" +
			"names a catalogue office (gapwatch sources): a claim naming an office not replayed is then unverified\n" +
			"(status unchanged, abstain unverified); with plain paths only, no office is assumed and the rule is off.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			fs.Var(&feedArgs, "feed", "SIDE=PATH or SIDE=ID:PATH (a catalogue office) of a feed file (repeatable)")
			fs.DurationVar(&window, "window", config.DefaultWindow, "how long after a claim the other side may confirm it")
			fs.DurationVar(&lookback, "lookback", config.DefaultLookback, "how long before a claim the other side's items count")
			fs.StringVar(&lang, "language", config.DefaultLanguage, "language of the explanations: en or es")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q (feeds are given with --feed SIDE=PATH)", args[0])
				}
				if window <= 0 || lookback < 0 {
					return usagef("--window must be positive and --lookback not negative")
				}
				if lang != "en" && lang != "es" {
					return usagef("--language %q: en or es", lang)
				}
				srcs, offices, err := parseReplayFeeds(feedArgs, config.Default().Sides)
				if err != nil {
					return err
				}
				dir, err := os.MkdirTemp("", "gapwatch-replay-")
				if err != nil {
					return fmt.Errorf("temporary store: %w", err)
				}
				defer os.RemoveAll(dir)
				st, err := sqlite.Open(ctx, filepath.Join(dir, "replay.db"))
				if err != nil {
					return fmt.Errorf("temporary store: %w", err)
				}
				defer st.Close()
				log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
				if err := ingestFiles(ctx, st, srcs, log); err != nil {
					return err
				}
				items, err := st.Items(ctx, store.ItemQuery{})
				if err != nil {
					return fmt.Errorf("read items: %w", err)
				}
				lex, err := match.DefaultLexicon()
				if err != nil {
					return fmt.Errorf("load lexicon: %w", err)
				}
				eng := match.NewEngine(lex, match.Options{Window: window, Lookback: lookback, Language: lang, Offices: offices})
				w := bufio.NewWriter(e.stdout)
				for _, d := range match.Replay(eng, items, nil) {
					line, err := d.ReplayJSON()
					if err != nil {
						return fmt.Errorf("encode decision for %s/%s: %w", d.Feed, d.GUID, err)
					}
					w.Write(line)
					w.WriteByte('\n')
				}
				return w.Flush()
			}
		},
	}
}
