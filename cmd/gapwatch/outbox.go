package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/gapwatch/gapwatch/store"
)

func outboxCommand() command {
	var g globalFlags
	var state, channel string
	var claim int64
	var limit int
	return command{
		name: "outbox",
		summary: "List the alert outbox, newest first: every message to a channel with its state (pending, sent, dead),\n" +
			"attempts, last error and receipt. Dead messages failed for good (`--state dead`); nothing is dropped.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.StringVar(&state, "state", "", "only messages in this state: pending, sent or dead")
			fs.StringVar(&channel, "channel", "", "only messages to this channel")
			fs.Int64Var(&claim, "claim", 0, "only messages about this claim ID")
			fs.IntVar(&limit, "limit", 50, "show at most this many (0: all)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("outbox takes no arguments")
				}
				switch store.OutboxState(state) {
				case "", store.OutboxPending, store.OutboxSent, store.OutboxDead:
				default:
					return usagef("--state %q: pending, sent or dead", state)
				}
				if limit < 0 {
					return usagef("--limit must be 0 or more")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				st, err := openStore(ctx, cfg.Storage)
				if err != nil {
					return err
				}
				defer st.Close()
				msgs, err := st.Outbox(ctx, store.OutboxQuery{State: store.OutboxState(state), Channel: channel,
					ClaimID: claim, Limit: limit, Newest: true})
				if err != nil {
					return fmt.Errorf("read outbox: %w", err)
				}
				if len(msgs) == 0 {
					fmt.Fprintln(e.stdout, "No messages.")
					return nil
				}
				loc := cfg.Location()
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSTATE\tCHANNEL\tEVENT\tABOUT\tATTEMPTS\tCREATED\tSENT / NEXT TRY\tRECEIPT / LAST ERROR")
				for _, m := range msgs {
					about := m.Feed
					if m.ClaimID != 0 {
						about = "claim " + strconv.FormatInt(m.ClaimID, 10)
					}
					when, note := showTime(m.NextAttempt, loc), oneLine(m.LastError, 80)
					if m.State == store.OutboxSent {
						when, note = showTime(m.SentAt, loc), m.Receipt
					} else if m.State == store.OutboxDead {
						when = "-"
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", m.ID, m.State, m.Channel, m.Event, about,
						m.Attempts, showTime(m.CreatedAt, loc), when, note)
				}
				return tw.Flush()
			}
		},
	}
}
