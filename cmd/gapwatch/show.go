package main

import (
	"context"
	"flag"
)

func showCommand() command {
	var g globalFlags
	return command{
		name:  "show",
		usage: "ID",
		summary: "Show a claim's evidence and what the newsroom did about it.\n" +
			"Both sides' items, the topics they share and the commitments the other side left out.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("show takes one claim ID")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{})
				if err != nil {
					return err
				}
				defer n.Close()
				return n.run(ctx, e, "", "show", args[0])
			}
		},
	}
}
