package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func pollCommand() command {
	var g globalFlags
	var names stringList
	return command{
		name:    "poll",
		summary: "Poll every feed (or the ones named) once now and print a summary table. Exits 1 if a feed failed.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.Var(&names, "feed", "poll only this feed (repeatable)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("poll takes no arguments (use --feed NAME)")
				}
				app, _, err := g.openApp(ctx, e)
				if err != nil {
					return err
				}
				defer app.Close()
				srcs, err := app.selectSources(names)
				if err != nil {
					return err
				}
				results := app.scheduler.RunOnce(ctx, srcs)
				printPollTable(e.stdout, results)
				failed := 0
				for _, r := range results {
					if !r.OK() && !r.Skipped {
						failed++
					}
				}
				if failed > 0 {
					return fmt.Errorf("%d of %d feeds failed", failed, len(results))
				}
				return nil
			}
		},
	}
}

// printPollTable writes one row per poll result.
func printPollTable(w io.Writer, results []feeds.PollResult) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tRESULT\tNEW\tREVISED\tUNCHANGED\tDUPLICATES\tTIME\tERROR")
	for _, r := range results {
		outcome := "ok"
		switch {
		case r.Skipped:
			outcome = "skipped (backoff until " + r.NextAttemptAt.UTC().Format(time.RFC3339) + ")"
		case r.NotModified:
			outcome = "not modified"
		case !r.OK():
			outcome = "FAILED " + string(r.Class)
		}
		errText := ""
		if r.Err != nil {
			errText = oneLine(r.Err.Error(), 100)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", r.Feed, outcome, r.New, r.Revised, r.Unchanged, r.Duplicates,
			r.Duration.Round(time.Millisecond), errText)
	}
	tw.Flush()
}

// oneLine folds s onto one line and cuts it to max runes.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
