package sqlite

import (
	"context"
	"fmt"
)

// syncFTS indexes the items stored since the full-text index was last
// brought up to date (migration 00004: polls no longer index inside their
// transaction). Every search calls it first; when nothing is pending it costs
// one read.
func (s *sqlStore) syncFTS(ctx context.Context) error {
	var pending bool
	if err := s.rdb.QueryRowContext(ctx, `SELECT COALESCE((SELECT MAX(id) FROM items), 0) > indexed_to
		FROM fts_state WHERE id = 1`).Scan(&pending); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	if !pending {
		return nil
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	defer tx.Rollback()
	var from, to int64
	if err := tx.QueryRowContext(ctx, `SELECT indexed_to, COALESCE((SELECT MAX(id) FROM items), 0)
		FROM fts_state WHERE id = 1`).Scan(&from, &to); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	if to <= from {
		return nil // another caller indexed them meanwhile
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts (rowid, title, summary, content)
		SELECT id, title, summary, content FROM items WHERE id > ? AND id <= ? ORDER BY id`, from, to); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fts_state SET indexed_to = ? WHERE id = 1`, to); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	return nil
}
