package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

// migrationFiles holds the versioned schema migrations, applied in order by
// goose. A schema change is a new numbered file; applied files never change.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// MigrationState is one schema migration and whether a database has it.
type MigrationState = sqlstore.MigrationState

// newProvider returns a goose provider over the embedded migrations. A
// session advisory lock serialises replicas that start together, so one
// applies the migrations and the others then find nothing pending.
func newProvider(db *sql.DB) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// migrate applies every pending migration.
func migrate(ctx context.Context, db *sql.DB) error {
	p, err := newProvider(db)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// Migrate applies the pending migrations of the database at rawURL and
// returns the states afterwards (`gapwatch migrate up`).
func Migrate(ctx context.Context, rawURL string) ([]MigrationState, error) {
	db, name, err := connect(rawURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := migrate(ctx, db); err != nil {
		return nil, fmt.Errorf("migrate %s: %w", name, err)
	}
	st, err := migrationStatus(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", name, err)
	}
	return st, nil
}

// MigrationStatus reports, for every migration this build knows, whether
// the database at rawURL has it. It applies nothing.
func MigrationStatus(ctx context.Context, rawURL string) ([]MigrationState, error) {
	db, name, err := connect(rawURL)
	if err != nil {
		return nil, err
	}
	st, err := migrationStatus(ctx, db)
	if cerr := db.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return nil, fmt.Errorf("migration status %s: %w", name, err)
	}
	return st, nil
}

func migrationStatus(ctx context.Context, db *sql.DB) ([]MigrationState, error) {
	p, err := newProvider(db)
	if err != nil {
		return nil, err
	}
	return sqlstore.MigrationStates(ctx, p)
}
