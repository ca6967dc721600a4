package main

import (
	"context"
	"flag"
)

func searchCommand() command {
	var g globalFlags
	return command{
		name:  "search",
		usage: "TEXT",
		summary: "Search items and claims in both languages.\n" +
			"The query is expanded through the engine's lexicon, so a Spanish query finds English items.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) == 0 {
					return usagef("search needs some text")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{lexicon: true})
				if err != nil {
					return err
				}
				defer n.Close()
				return n.run(ctx, e, "", "search", args...)
			}
		},
	}
}
