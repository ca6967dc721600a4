package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// parseSince reads a --since value: a duration back from now ("48h", "7d")
// or a date or time ("2019-07-01", RFC 3339).
func parseSince(v string, now time.Time, loc *time.Location) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if strings.HasSuffix(v, "d") {
		var days int
		if _, err := fmt.Sscanf(v, "%dd", &days); err == nil && days >= 0 {
			return now.Add(-time.Duration(days) * 24 * time.Hour), nil
		}
	}
	if d, err := time.ParseDuration(v); err == nil {
		if d < 0 {
			return time.Time{}, fmt.Errorf("--since %q: negative duration", v)
		}
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", v, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: not a duration (48h, 7d), a date (2019-07-01) or an RFC 3339 time", v)
}

func itemsCommand() command {
	var g globalFlags
	var feed, side, since string
	var asJSON bool
	var limit int
	return command{
		name:    "items",
		summary: "List stored items, newest first.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.StringVar(&feed, "feed", "", "only this feed")
			fs.StringVar(&side, "side", "", "only this side")
			fs.StringVar(&since, "since", "", "only items published since: a duration (48h, 7d), a date or an RFC 3339 time")
			fs.BoolVar(&asJSON, "json", false, "print JSON lines (the full normalised items)")
			fs.IntVar(&limit, "limit", 50, "at most this many items (0: all)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("items takes no arguments")
				}
				if limit < 0 {
					return usagef("--limit must be 0 or more")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				from, err := parseSince(since, e.clock(), cfg.Location())
				if err != nil {
					return usageError{err}
				}
				st, err := openStore(ctx, cfg.Storage)
				if err != nil {
					return err
				}
				defer st.Close()
				items, err := st.Items(ctx, store.ItemQuery{Feed: feed, Side: side, Since: from, Limit: limit, Newest: true})
				if err != nil {
					return fmt.Errorf("read items: %w", err)
				}
				if asJSON {
					enc := json.NewEncoder(e.stdout)
					enc.SetEscapeHTML(false)
					for _, it := range items {
						if err := enc.Encode(it); err != nil {
							return err
						}
					}
					return nil
				}
				loc := cfg.Location()
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "PUBLISHED\tFEED\tSIDE\tLANG\tTITLE\tLINK")
				for _, it := range items {
					flags := ""
					if it.Backlog {
						flags += " [backlog]"
					}
					if it.Revision > 0 {
						flags += fmt.Sprintf(" [edited ×%d]", it.Revision)
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\t%s\n", showTime(it.Published, loc), it.Feed, it.Side, it.Lang(),
						oneLine(it.Title, 80), flags, it.Link)
				}
				return tw.Flush()
			}
		},
	}
}
