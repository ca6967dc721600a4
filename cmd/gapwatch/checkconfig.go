package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/gapwatch/gapwatch/config"
)

func checkConfigCommand() command {
	var configPath string
	var dump bool
	return command{
		name: "check-config",
		summary: "Validate the configuration and print every problem with its field path (exit 2 when invalid).\n" +
			"With --dump, print the effective configuration with secrets redacted.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			fs.StringVar(&configPath, "config", "", "config file (default $GAPWATCH_CONFIG; none: built-in defaults)")
			fs.BoolVar(&dump, "dump", false, "print the effective configuration (secrets redacted)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("check-config takes no arguments")
				}
				path := config.Path(configPath, e.lookupEnv)
				cfg, err := config.Loader{LookupEnv: e.lookupEnv}.Load(path)
				var verr *config.ValidationError
				if errors.As(err, &verr) {
					fmt.Fprintf(e.stderr, "%s: %d problem(s):\n", describePath(path), len(verr.Problems))
					for _, p := range verr.Problems {
						fmt.Fprintf(e.stderr, "  %s\n", p)
					}
					return usageError{fmt.Errorf("invalid configuration")}
				}
				if err != nil {
					return usageError{err}
				}
				// The press-office catalogue and the feeds' office ids are
				// checked as the engine will read them.
				lex, err := engineLexicon(cfg)
				if err != nil {
					if len(cfg.Engine.Lexicon) > 0 {
						// The embedded vocabulary loads (tests hold it to
						// that): the configured extension is what clashes.
						return usageError{fmt.Errorf("engine.lexicon: %w", err)}
					}
					return fmt.Errorf("load lexicon: %w", err)
				}
				var problems []string
				if _, err := watchedOffices(cfg, lex); err != nil {
					problems = append(problems, err.Error())
				}
				problems = append(problems, chatEnvProblems(cfg, os.LookupEnv)...)
				if len(problems) > 0 {
					fmt.Fprintf(e.stderr, "%s: %d problem(s):\n", describePath(path), len(problems))
					for _, p := range problems {
						fmt.Fprintf(e.stderr, "  %s\n", p)
					}
					return usageError{fmt.Errorf("invalid configuration")}
				}
				if dump {
					out, err := cfg.Redacted()
					if err != nil {
						return err
					}
					fmt.Fprint(e.stdout, out)
					return nil
				}
				fmt.Fprintf(e.stdout, "%s: ok (%d sides, %d feeds, window %s, lookback %s, storage %s)\n",
					describePath(path), len(cfg.Sides), len(cfg.Feeds), cfg.Engine.Window, cfg.Engine.Lookback, cfg.Storage)
				return nil
			}
		},
	}
}

func describePath(path string) string {
	if path == "" {
		return "built-in defaults"
	}
	return path
}
