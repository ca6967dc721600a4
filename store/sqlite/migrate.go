package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// migrationFiles holds the versioned schema migrations, applied in order by
// goose. A schema change is a new numbered file; applied files never change.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrationState is one schema migration and whether a database has it.
type MigrationState = sqlstore.MigrationState

// newProvider returns a goose provider over the embedded migrations, with no
// global goose state involved.
func newProvider(db *sql.DB) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// migrateAttempts bounds how often migrate retries when another process
// is migrating the same file at the same time.
const migrateAttempts = 5

// migrate applies every pending migration. Two processes opening a new
// database at once (`gapwatch serve` and `gapwatch poll`) race to apply the
// same migrations: the loser sees "table already exists" or a busy
// database, so a failed attempt counts as done when the database then has
// nothing pending, and is retried otherwise.
func migrate(ctx context.Context, db *sql.DB) error {
	p, err := newProvider(db)
	if err != nil {
		return err
	}
	var last error
	for attempt := range migrateAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return fmt.Errorf("apply migrations: %w", errors.Join(last, ctx.Err()))
			case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
			}
		}
		if _, last = p.Up(ctx); last == nil {
			return nil
		}
		if pending, err := p.HasPending(ctx); err == nil && !pending {
			return nil
		}
	}
	return fmt.Errorf("apply migrations: %w", last)
}

// MigrationStatus reports, for every migration this build knows, whether the
// database at path has it. It applies nothing; a database that does not
// exist yet is an error wrapping fs.ErrNotExist.
func MigrationStatus(ctx context.Context, dbPath string) ([]MigrationState, error) {
	if err := checkPath(dbPath); err != nil {
		return nil, err
	}
	if _, err := os.Stat(dbPath); err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(dbPath, false))
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", dbPath, err)
	}
	states, err := migrationStatus(ctx, db)
	if cerr := db.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", dbPath, err)
	}
	return states, nil
}

func migrationStatus(ctx context.Context, db *sql.DB) ([]MigrationState, error) {
	p, err := newProvider(db)
	if err != nil {
		return nil, err
	}
	return sqlstore.MigrationStates(ctx, p)
}
