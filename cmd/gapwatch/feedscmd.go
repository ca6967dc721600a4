package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gapwatch/gapwatch/feeds"
	"github.com/gapwatch/gapwatch/store"
)

// feedHealth is one row of `gapwatch feeds`.
type feedHealth struct {
	Name          string    `json:"name"`
	Side          string    `json:"side"`
	Kind          string    `json:"kind"`
	Items         int       `json:"items"`
	Polls         int       `json:"polls"`
	Failures      int       `json:"failures"`
	LastSuccess   time.Time `json:"last_success,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
	LastErrorAt   time.Time `json:"last_error_at,omitzero"`
	ErrorClass    string    `json:"error_class,omitempty"`
	ErrorCount    int       `json:"consecutive_errors"`
	NextPoll      time.Time `json:"next_poll,omitzero"`
	Configured    bool      `json:"configured"`
	NeverPolled   bool      `json:"never_polled,omitempty"`
	FetchPath     string    `json:"fetch_path,omitempty"`
	NextAttemptAt time.Time `json:"backoff_until,omitzero"`
}

// feedHealthRows joins the stored feed states with the configured schedules:
// the next poll is the later of the next cron run and the backoff.
func feedHealthRows(states []store.FeedState, sources []feeds.Source, schedules map[string]string, now time.Time) []feedHealth {
	configured := map[string]bool{}
	for _, s := range sources {
		configured[s.Name] = true
	}
	rows := make([]feedHealth, 0, len(states))
	for _, st := range states {
		h := feedHealth{
			Name: st.Name, Side: st.Side, Kind: st.Kind, Items: st.Items, Polls: st.Polls, Failures: st.Failures,
			LastSuccess: st.LastSuccessAt, LastError: st.LastError, LastErrorAt: st.LastErrorAt,
			ErrorClass: st.LastErrorClass, ErrorCount: st.ErrorCount, Configured: configured[st.Name],
			NeverPolled: st.Polls == 0, FetchPath: st.FetchPath, NextAttemptAt: st.NextAttemptAt,
		}
		if h.Configured {
			if sched, err := feeds.ParseSchedule(schedules[st.Name]); err == nil {
				h.NextPoll = sched.Next(now)
			}
			if st.NextAttemptAt.After(h.NextPoll) {
				h.NextPoll = st.NextAttemptAt
			}
		}
		rows = append(rows, h)
	}
	return rows
}

func feedsCommand() command {
	var g globalFlags
	var asJSON bool
	return command{
		name:    "feeds",
		summary: "Show each feed's health: last success, last error, items stored, next poll.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.BoolVar(&asJSON, "json", false, "print JSON lines instead of a table")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("feeds takes no arguments")
				}
				app, cfg, err := g.openApp(ctx, e)
				if err != nil {
					return err
				}
				defer app.Close()
				states, err := app.store.FeedStates(ctx)
				if err != nil {
					return fmt.Errorf("read feed states: %w", err)
				}
				schedules := map[string]string{}
				for _, f := range cfg.Feeds {
					schedules[f.Name] = f.Schedule
				}
				rows := feedHealthRows(states, app.sources, schedules, e.clock())
				if asJSON {
					enc := json.NewEncoder(e.stdout)
					for _, r := range rows {
						if err := enc.Encode(r); err != nil {
							return err
						}
					}
					return nil
				}
				printFeedTable(e.stdout, rows, cfg.Location())
				return nil
			}
		},
	}
}

func printFeedTable(w io.Writer, rows []feedHealth, loc *time.Location) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tSIDE\tITEMS\tPOLLS\tFAILED\tLAST SUCCESS\tLAST ERROR\tNEXT POLL")
	for _, r := range rows {
		name := r.Name
		if !r.Configured {
			name += " (not configured)"
		}
		last := "never"
		if !r.LastSuccess.IsZero() {
			last = showTime(r.LastSuccess, loc)
		}
		errText := "-"
		if r.ErrorCount > 0 {
			errText = fmt.Sprintf("%s ×%d at %s: %s", r.ErrorClass, r.ErrorCount, showTime(r.LastErrorAt, loc), oneLine(r.LastError, 70))
		}
		next := "-"
		if !r.NextPoll.IsZero() {
			next = showTime(r.NextPoll, loc)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", name, r.Side, r.Items, r.Polls, r.Failures, last, errText, next)
	}
	tw.Flush()
}

// showTime formats t in the display zone.
func showTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}
