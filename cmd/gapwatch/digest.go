package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/web"
)

// digestChannel maps a configured channel onto its digest settings (the
// defaults when it has no digest: key).
func digestChannel(cfg *config.Config, ch config.Channel) digest.Channel {
	d := config.Digest{}
	if ch.Digest != nil {
		d = *ch.Digest
	}
	f := ch.Filters
	return digest.Channel{
		Name: ch.Name, Platform: ch.Platform, Target: ch.Target.Reveal(),
		Filters: store.Filters{Sides: f.Sides, Feeds: f.Feeds, Statuses: f.Statuses, Concepts: f.Concepts,
			Keywords: f.Keywords, MinImportance: f.MinImportance},
		Language: cfg.DigestLanguage(ch), Location: cfg.DigestLocation(d), Schedule: d.DigestSchedule(),
	}
}

// digestChannels are the configured channels that asked for a digest.
func digestChannels(cfg *config.Config) []digest.Channel {
	var out []digest.Channel
	for _, ch := range cfg.Channels {
		if ch.Digest != nil {
			out = append(out, digestChannel(cfg, ch))
		}
	}
	return out
}

// newDigestBuilder is the digest builder the config implies (sides in
// order, with their names).
func newDigestBuilder(cfg *config.Config, st store.Digests) *digest.Builder {
	opts := digest.Options{SideNames: map[string]string{}}
	for _, s := range cfg.Sides {
		opts.Sides = append(opts.Sides, s.ID)
		opts.SideNames[s.ID] = s.Name
	}
	return digest.NewBuilder(st, opts)
}

// digests is the running digest scheduler of an App.
type digests struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startDigests runs the digest scheduler of the channels that asked for a
// digest, enqueueing into the outbox the alert pipeline's sender delivers
// (call after startAlerts). It catches up at once on digests missed while
// the service was down.
func (a *App) startDigests(ctx context.Context) error {
	chans := digestChannels(a.cfg)
	if len(chans) == 0 {
		return nil
	}
	opts := digest.SchedulerOptions{Now: a.opts.now, Logger: a.log}
	if a.alerts != nil {
		opts.Notify = a.alerts.sender.Notify
	}
	s, err := digest.NewScheduler(newDigestBuilder(a.cfg, a.store), a.store, chans, opts)
	if err != nil {
		return fmt.Errorf("digests: %w", err)
	}
	d := &digests{}
	ctx, d.cancel = context.WithCancel(context.WithoutCancel(ctx))
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		s.Run(ctx)
	}()
	a.digests = d
	names := make([]string, len(chans))
	for i, c := range chans {
		names[i] = c.Name
	}
	a.log.Info("digests scheduled", "channels", strings.Join(names, ", "), "next", s.Next(a.clock()))
	return nil
}

// stopDigests stops the digest scheduler (nil-safe); a digest being built
// is enqueued at the next start if it was not yet.
func (a *App) stopDigests() {
	if a.digests == nil {
		return
	}
	a.digests.cancel()
	a.digests.wg.Wait()
	a.digests = nil
}

// clock is the App's clock.
func (a *App) clock() time.Time {
	if a.opts.now != nil {
		return a.opts.now()
	}
	return time.Now()
}

// newDigester is what the /gapwatch digest commands of Slack and Discord
// preview: the current week's digest, so far, of the first configured
// channel that asked for a digest (its filters, language and zone); nil
// when no channel did, so that the command says digests are not
// configured.
func newDigester(cfg *config.Config, st store.Digests) bot.Digester {
	chans := digestChannels(cfg)
	if len(chans) == 0 {
		return nil
	}
	ch := chans[0]
	b := newDigestBuilder(cfg, st)
	return bot.DigesterFunc(func(ctx context.Context, now time.Time) (bot.DigestPreview, error) {
		r, err := b.Build(ctx, ch, digest.WeekOf(now, ch.Location), now)
		if err != nil {
			return bot.DigestPreview{}, err
		}
		p := bot.DigestPreview{Title: r.Title(), Text: r.Text()}
		if cfg.PublicURL != "" {
			p.URL = strings.TrimSuffix(cfg.PublicURL, "/") + web.DigestPath(r.Week.String())
		}
		return p, nil
	})
}

func digestCommand() command {
	var g globalFlags
	var channel, week, out string
	return command{
		name: "digest",
		summary: "Preview a channel's weekly digest: the week's new claims by side and status, open gaps and their age,\n" +
			"gaps closed and how long it took, gaps resolved by hand, the oldest open gaps and each feed's health,\n" +
			"as the channel would receive it (its filters and language). The text goes to stdout; with --out the\n" +
			"chart is written there as a PNG. Nothing is sent.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.StringVar(&channel, "channel", "", "the configured channel whose digest to preview (required)")
			fs.StringVar(&week, "week", "", "the ISO week, e.g. 2019-W30 (default: the current week, so far)")
			fs.StringVar(&out, "out", "", "folder to write the chart PNG to (default: no chart)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("digest takes no arguments")
				}
				if channel == "" {
					return usagef("--channel is required")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				var ch *config.Channel
				var known []string
				for i, c := range cfg.Channels {
					known = append(known, c.Name)
					if c.Name == channel {
						ch = &cfg.Channels[i]
					}
				}
				if ch == nil {
					if len(known) == 0 {
						return usagef("unknown channel %q: the config names no channels", channel)
					}
					return usagef("unknown channel %q (configured: %s)", channel, strings.Join(known, ", "))
				}
				dc := digestChannel(cfg, *ch)
				now := e.clock()
				w := digest.WeekOf(now, dc.Location)
				if week != "" {
					if w, err = digest.ParseWeek(week); err != nil {
						return usageError{err}
					}
				}
				st, err := openStore(ctx, cfg.Storage)
				if err != nil {
					return err
				}
				defer st.Close()
				r, err := newDigestBuilder(cfg, st).Build(ctx, dc, w, now)
				if err != nil {
					return err
				}
				if _, err := fmt.Fprintln(e.stdout, r.Text()); err != nil {
					return err
				}
				if out == "" || r.Empty() {
					return nil
				}
				png, err := r.ChartPNG()
				if err != nil {
					return err
				}
				if err := os.MkdirAll(out, 0o750); err != nil {
					return fmt.Errorf("chart folder: %w", err)
				}
				path := filepath.Join(out, "digest-"+safeName(dc.Name)+"-"+w.String()+".png")
				if err := os.WriteFile(path, png, 0o640); err != nil {
					return fmt.Errorf("write chart: %w", err)
				}
				_, err = fmt.Fprintln(e.stdout, "Chart: "+path)
				return err
			}
		},
	}
}

// safeName keeps a channel name usable in a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == 0 {
			return '_'
		}
		return r
	}, s)
}
