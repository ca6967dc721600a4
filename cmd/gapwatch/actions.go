package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/gapwatch/gapwatch/config"
)

func confirmCommand() command {
	var g globalFlags
	return command{
		name:  "confirm",
		usage: "ID URL [note]",
		summary: "Record that a claim was confirmed elsewhere, with a link and a note.\n" +
			"For a confirmation obtained by phone or in another publication; recorded as cli:$USER.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) < 2 {
					return usagef("confirm takes a claim ID, a URL and an optional note")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{notify: true})
				if err != nil {
					return err
				}
				defer n.Close()
				return n.run(ctx, e, "", "confirm", args...)
			}
		},
	}
}

func dismissCommand() command {
	var g globalFlags
	return command{
		name:    "dismiss",
		usage:   "ID REASON",
		summary: "Mark an item as not a claim, with the reason (kept as feedback for the engine's evaluation).",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) < 2 {
					return usagef("dismiss takes a claim ID and a reason")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{notify: true})
				if err != nil {
					return err
				}
				defer n.Close()
				return n.run(ctx, e, "", "dismiss", args...)
			}
		},
	}
}

func muteCommand() command {
	var g globalFlags
	var channel string
	var undo bool
	return command{
		name:  "mute",
		usage: "--channel NAME ID",
		summary: "Stop a claim's updates in one channel.\n" +
			"The channel is a configured channel's name, or platform:target of a subscription made from chat.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.StringVar(&channel, "channel", "", "the channel: a configured channel's name or platform:target of a subscription")
			fs.BoolVar(&undo, "unmute", false, "resume the claim's updates instead")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("mute takes one claim ID")
				}
				if channel == "" {
					return usagef("mute needs --channel NAME")
				}
				n, err := openNewsroom(ctx, e, &g, newsroomNeeds{})
				if err != nil {
					return err
				}
				defer n.Close()
				if err := n.checkChannel(ctx, channel); err != nil {
					return err
				}
				name := "mute"
				if undo {
					name = "unmute"
				}
				return n.run(ctx, e, channel, name, args[0])
			}
		},
	}
}

// checkChannel accepts a configured channel's name or the platform:target
// of a stored subscription.
func (n *newsroom) checkChannel(ctx context.Context, name string) error {
	var known []string
	if len(n.cfg.Channels) == 0 {
		// With no channels configured, alerts go to the default console channel.
		if name == config.PlatformConsole {
			return nil
		}
		known = append(known, config.PlatformConsole)
	}
	for _, c := range n.cfg.Channels {
		if c.Name == name {
			return nil
		}
		known = append(known, c.Name)
	}
	subs, err := n.store.Subscriptions(ctx)
	if err != nil {
		return fmt.Errorf("read subscriptions: %w", err)
	}
	for _, s := range subs {
		if s.Channel.String() == name {
			return nil
		}
		known = append(known, s.Channel.String())
	}
	return usagef("unknown channel %q (known: %s)", name, strings.Join(known, ", "))
}
