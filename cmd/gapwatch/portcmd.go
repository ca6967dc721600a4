package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/postgres"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// storageFlag lets a command name the storage instead of the config's.
type storageFlag struct{ value string }

func (s *storageFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&s.value, "storage", "", "SQLite path or postgres:// URL to use instead of the config's storage")
}

// storage returns the flag's storage, else the config's.
func (s *storageFlag) storage(cfg *config.Config) config.Storage {
	if s.value != "" {
		return config.Storage(s.value)
	}
	return cfg.Storage
}

// migrationRow is one migration as `migrate` prints it.
type migrationRow struct {
	version   int64
	name      string
	applied   bool
	appliedAt time.Time
}

// migrations reads (up: after applying them) the storage's migrations.
func migrations(ctx context.Context, s config.Storage, up bool) ([]migrationRow, error) {
	var out []migrationRow
	if s.IsPostgres() {
		get := postgres.MigrationStatus
		if up {
			get = postgres.Migrate
		}
		st, err := get(ctx, s.DSN())
		if err != nil {
			return nil, err
		}
		for _, m := range st {
			out = append(out, migrationRow{m.Version, m.Name, m.Applied, m.AppliedAt})
		}
		return out, nil
	}
	if up {
		// Opening a SQLite store applies its pending migrations.
		st, err := sqlite.Open(ctx, s.DSN())
		if err != nil {
			return nil, err
		}
		if err := st.Close(); err != nil {
			return nil, err
		}
	}
	st, err := sqlite.MigrationStatus(ctx, s.DSN())
	if err != nil {
		return nil, err
	}
	for _, m := range st {
		out = append(out, migrationRow{m.Version, m.Name, m.Applied, m.AppliedAt})
	}
	return out, nil
}

func migrateCommand() command {
	var g globalFlags
	var sf storageFlag
	return command{
		name:  "migrate",
		usage: "[up|status]",
		summary: "Apply the store's pending schema migrations (up, the default) or list them (status) without\n" +
			"applying anything. Every command opening the store migrates it too; run `migrate up` first when\n" +
			"several replicas share a PostgreSQL database, so that none of them starts on an old schema.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			sf.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				up := true
				switch {
				case len(args) == 0 || (len(args) == 1 && args[0] == "up"):
				case len(args) == 1 && args[0] == "status":
					up = false
				default:
					return usagef("migrate takes up or status")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				s := sf.storage(cfg)
				rows, err := migrations(ctx, s, up)
				if err != nil {
					return fmt.Errorf("migrations of %s: %w", s, err)
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "VERSION\tMIGRATION\tSTATE\tAPPLIED")
				pending := 0
				for _, m := range rows {
					state, at := "pending", "-"
					if m.applied {
						state, at = "applied", m.appliedAt.In(cfg.Location()).Format("2006-01-02 15:04")
					} else {
						pending++
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", m.version, m.name, state, at)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: %d migrations, %d pending.\n", s, len(rows), pending)
				return nil
			}
		},
	}
}

// porterOf opens the storage as a store that can export and import.
func porterOf(ctx context.Context, s config.Storage) (store.Store, store.Porter, error) {
	st, err := openStore(ctx, s)
	if err != nil {
		return nil, nil, err
	}
	p, ok := st.(store.Porter)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("storage %s cannot export or import", s)
	}
	return st, p, nil
}

func exportCommand() command {
	var g globalFlags
	var sf storageFlag
	var out string
	return command{
		name: "export",
		summary: "Write the whole store as JSON lines (feeds, items and their revisions, polls, claims, decisions and\n" +
			"events, actions, mutes, subscriptions, the outbox) to stdout or --out, for `gapwatch import` into\n" +
			"another store: how a newsroom moves from SQLite to PostgreSQL. Stop the service first.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			sf.register(fs)
			fs.StringVar(&out, "out", "", "file to write (default stdout)")
			return func(ctx context.Context, e *env, args []string) (err error) {
				if len(args) > 0 {
					return usagef("export takes no arguments")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				st, p, err := porterOf(ctx, sf.storage(cfg))
				if err != nil {
					return err
				}
				defer st.Close()
				w := e.stdout
				if out != "" {
					f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
					if err != nil {
						return fmt.Errorf("export: %w", err)
					}
					defer func() {
						if cerr := f.Close(); cerr != nil && err == nil {
							err = fmt.Errorf("export: %w", cerr)
						}
					}()
					w = f
				}
				return p.Export(ctx, w)
			}
		},
	}
}

func importCommand() command {
	var g globalFlags
	var sf storageFlag
	return command{
		name:  "import",
		usage: "FILE|-",
		summary: "Read what `gapwatch export` wrote (FILE, or - for stdin) into the storage, which must hold no feeds\n" +
			"yet: `gapwatch import --storage postgres://... gapwatch.jsonl`. Everything is imported in one\n" +
			"transaction, or nothing.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			sf.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("import takes one file (- for stdin)")
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				var r io.Reader = os.Stdin
				if args[0] != "-" {
					f, err := os.Open(args[0])
					if err != nil {
						return fmt.Errorf("import: %w", err)
					}
					defer f.Close()
					r = f
				}
				s := sf.storage(cfg)
				st, p, err := porterOf(ctx, s)
				if err != nil {
					return err
				}
				defer st.Close()
				if err := p.Import(ctx, r); err != nil {
					return err
				}
				feeds, err := st.FeedStates(ctx)
				if err != nil {
					return errors.Join(errors.New("import: done, but the store cannot be read back"), err)
				}
				claims, err := st.Claims(ctx, store.ClaimQuery{})
				if err != nil {
					return errors.Join(errors.New("import: done, but the store cannot be read back"), err)
				}
				fmt.Fprintf(e.stdout, "Imported into %s: %d feeds, %d claims.\n", s, len(feeds), len(claims))
				return nil
			}
		},
	}
}
