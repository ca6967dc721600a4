package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/gapwatch/gapwatch/config"
)

// Exit codes, in one place.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what a command may touch of the outside world, injectable in tests.
type env struct {
	stdout    io.Writer
	stderr    io.Writer
	lookupEnv func(string) (string, bool)
	now       func() time.Time
}

func (e *env) getenv(k string) string {
	if e.lookupEnv == nil {
		return ""
	}
	v, _ := e.lookupEnv(k)
	return v
}

func (e *env) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}

// command is one subcommand: its flags are defined by setup, its work done by run.
type command struct {
	name    string
	summary string
	usage   string // arguments after the flags, for the help line
	setup   func(fs *flag.FlagSet) func(ctx context.Context, e *env, args []string) error
}

// usageError marks a wrong invocation or an invalid configuration (exit 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func commands() []command {
	cmds := []command{
		serveCommand(),
		pollCommand(),
		feedsCommand(),
		itemsCommand(),
		checkConfigCommand(),
		replayCommand(),
		demoCommand(),
		versionCommand(),
		digestCommand(),
		gapsCommand(),
		showCommand(),
		searchCommand(),
		confirmCommand(),
		dismissCommand(),
		muteCommand(),
		outboxCommand(),
		migrateCommand(),
		exportCommand(),
		importCommand(),
		sourcesCommand(),
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	return cmds
}

// run parses args, runs one subcommand and returns the process exit code.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, []string{args[1], "--help"}, e)
		}
		printUsage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			c := c
			cmd = &c
			break
		}
	}
	if cmd == nil {
		fmt.Fprintf(e.stderr, "gapwatch: unknown command %q\n\n", args[0])
		printUsage(e.stderr)
		return exitUsage
	}
	fs := flag.NewFlagSet("gapwatch "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	runFn := cmd.setup(fs)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: gapwatch %s [flags] %s\n\n%s\n", cmd.name, cmd.usage, cmd.summary)
		if hasFlags(fs) {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return exitOK
		}
		return exitUsage
	}
	err := runFn(ctx, e, fs.Args())
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, new(usageError)):
		fmt.Fprintf(e.stderr, "gapwatch %s: %v\n", cmd.name, err)
		return exitUsage
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(e.stderr, "gapwatch %s: interrupted\n", cmd.name)
		return exitFailure
	default:
		fmt.Fprintf(e.stderr, "gapwatch %s: %v\n", cmd.name, err)
		return exitFailure
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "gapwatch finds the announcements one government says were made together and the other never confirmed.")
	fmt.Fprintln(w, "\nusage: gapwatch <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, firstLine(c.summary))
	}
	fmt.Fprintln(w, "\nRun 'gapwatch <command> --help' for a command's flags. Exit codes: 0 ok, 1 failure, 2 usage or config error.")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// newLogger builds the process logger: text on a terminal, JSON otherwise,
// unless format says which.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	if format == "" {
		format = "text"
		if f, ok := w.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
			format = "json"
		}
	}
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, usagef("unknown log format %q (text or json)", format)
	}
}

// openApp loads the config the flags name, builds the logger and the App:
// what every command that works on the service's state starts with. The
// caller closes the App.
func (g *globalFlags) openApp(ctx context.Context, e *env) (*App, *config.Config, error) {
	cfg, err := g.load(e)
	if err != nil {
		return nil, nil, err
	}
	log, err := g.logger(e, cfg)
	if err != nil {
		return nil, nil, err
	}
	app, err := newApp(ctx, cfg, log, appOptions{})
	if err != nil {
		return nil, nil, err
	}
	return app, cfg, nil
}
