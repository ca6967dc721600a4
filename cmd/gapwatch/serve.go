package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"
	"time"
)

// shutdownGrace bounds a graceful stop: in-flight polls get this long to finish.
const shutdownGrace = 20 * time.Second

func serveCommand() command {
	var g globalFlags
	return command{
		name: "serve",
		summary: "Run the service: poll every configured feed on its schedule, decide claims and deliver alerts to the\n" +
			"configured channels (the console when none), and serve /healthz, /readyz and /metrics.\n" +
			"SIGINT or SIGTERM stops it gracefully: in-flight polls finish or are cancelled, nothing is half written.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("serve takes no arguments")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				log, err := g.logger(e, cfg)
				if err != nil {
					return err
				}
				if problems := chatEnvProblems(cfg, os.LookupEnv); len(problems) > 0 {
					return usageError{errors.New(strings.Join(problems, "\n"))}
				}
				app, err := newApp(ctx, cfg, log, appOptions{stdout: e.stdout})
				if err != nil {
					if ctx.Err() != nil {
						// Stopped while opening the store: nothing was started.
						log.Info("shutting down")
						return nil
					}
					return err
				}
				if err := app.Start(ctx); err != nil {
					app.Close()
					if ctx.Err() != nil {
						// Stopped while starting (the pipeline's restore
						// reads the store): nothing was half done.
						log.Info("shutting down")
						return nil
					}
					return err
				}
				<-ctx.Done()
				log.Info("shutting down")
				stopCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
				defer cancel()
				return app.Stop(stopCtx)
			}
		},
	}
}
