package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"slices"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/store"
)

// gapStatuses are the statuses --status accepts.
var gapStatuses = []string{"pending", "partial", "unconfirmed", "confirmed"}

// gapJSON is one line of `gapwatch gaps --json`.
type gapJSON struct {
	ID         int64     `json:"id"`
	Status     string    `json:"status"`
	Abstain    string    `json:"abstain,omitempty"`
	Final      bool      `json:"final"`
	Side       string    `json:"side"`
	Feed       string    `json:"feed"`
	Title      string    `json:"title"`
	Link       string    `json:"link"`
	Published  time.Time `json:"published"`
	Deadline   time.Time `json:"deadline"`
	Resolution string    `json:"resolution,omitempty"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
}

func gapJSONOf(c store.Claim) gapJSON {
	g := gapJSON{ID: c.ID, Status: c.Decision.Status.String(), Abstain: c.Decision.Abstain.String(), Final: c.Final(),
		Side: c.Item.Side, Feed: c.Item.Feed, Title: c.Item.Title, Link: c.Item.Link, Published: c.Item.Published,
		Deadline: c.Decision.Deadline}
	if r := c.Resolution; r != nil {
		g.Resolution, g.ResolvedBy = string(r.Kind), r.By
	}
	return g
}

func gapsCommand() command {
	var g globalFlags
	var status, side, feed string
	var all, asJSON bool
	var limit int
	return command{
		name:  "gaps",
		usage: "[status] [side]",
		summary: "List open gaps: pending, partial and unconfirmed claims no one resolved yet.\n" +
			"Newest first, as the chat command list. Filters by flag or as words: gapwatch gaps partial mx.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.StringVar(&status, "status", "", "only these statuses, comma-separated: pending, partial, unconfirmed, confirmed")
			fs.StringVar(&side, "side", "", "only claims by this side")
			fs.StringVar(&feed, "feed", "", "only claims from this feed")
			fs.BoolVar(&all, "all", false, "every status, resolved claims too")
			fs.BoolVar(&asJSON, "json", false, "print one JSON object per claim")
			fs.IntVar(&limit, "limit", 50, "at most this many claims, newest first")
			return func(ctx context.Context, e *env, args []string) error {
				words := append([]string{}, args...)
				for _, s := range strings.Split(status, ",") {
					if s = strings.TrimSpace(s); s != "" {
						words = append(words, s)
					}
				}
				if side != "" {
					words = append(words, side)
				}
				if feed != "" {
					words = append(words, "feed:"+feed)
				}
				if all {
					words = append(words, "all")
				}
				if limit <= 0 {
					return usagef("--limit must be positive")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{limit: limit})
				if err != nil {
					return err
				}
				defer n.Close()
				if side != "" {
					if _, ok := n.cfg.Side(side); !ok {
						return usagef("--side %q is not a configured side", side)
					}
				}
				for _, s := range strings.Split(status, ",") {
					if s = strings.TrimSpace(s); s != "" && !slices.Contains(gapStatuses, s) {
						return usagef("--status %q: want %s", s, strings.Join(gapStatuses, ", "))
					}
				}
				if !asJSON {
					return n.run(ctx, e, "", "list", words...)
				}
				claims, err := n.bot.List(ctx, n.request(e, "", "list", words...), words...)
				var ue *bot.UserError
				if errors.As(err, &ue) {
					return replyError{title: ue.Msg}
				}
				if err != nil {
					return err
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetEscapeHTML(false)
				for _, c := range claims {
					if err := enc.Encode(gapJSONOf(c)); err != nil {
						return err
					}
				}
				return nil
			}
		},
	}
}
