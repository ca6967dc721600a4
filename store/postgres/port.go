package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"github.com/gapwatch/gapwatch/store/dump"
)

// dialect is how PostgreSQL takes imported values.
var dialect = dump.Dialect{
	Placeholder: func(n int) string { return fmt.Sprintf("$%d", n) },
	Time:        func(t time.Time) any { return tm(t) },
	Bool:        func(b bool) any { return b },
	After:       resetSequences,
}

// resetSequences moves each id sequence past the imported ids.
func resetSequences(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"feeds", "items", "polls", "claims", "actions", "subscriptions", "outbox"} {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'),
			COALESCE(max(id), 1), max(id) IS NOT NULL) FROM `+t); err != nil {
			return fmt.Errorf("reset %s ids: %w", t, err)
		}
	}
	return nil
}

// Export writes the store's rows as JSON lines (package dump), from one
// snapshot of the database.
func (s *pgStore) Export(ctx context.Context, w io.Writer) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("export %s: %w", s.name, err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := dump.Export(ctx, tx, w); err != nil {
		return fmt.Errorf("export %s: %w", s.name, err)
	}
	return nil
}

// Import inserts rows written by Export (either engine's) into this empty
// store in one transaction.
func (s *pgStore) Import(ctx context.Context, r io.Reader) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import into %s: %w", s.name, err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := dump.Import(ctx, tx, dialect, r); err != nil {
		return fmt.Errorf("import into %s: %w", s.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import into %s: %w", s.name, err)
	}
	return nil
}
