package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/dump"
)

var (
	_ store.FeedLeases = (*sqlStore)(nil)
	_ store.Porter     = (*sqlStore)(nil)
)

// AcquireFeedLease takes or renews feed's lease for holder until now+ttl,
// unless another holder's lease is still running at now.
func (s *sqlStore) AcquireFeedLease(ctx context.Context, feed, holder string, now time.Time, ttl time.Duration) (bool, error) {
	if feed == "" || holder == "" {
		return false, errors.New("acquire feed lease: empty feed or holder")
	}
	var got string
	err := s.wdb.QueryRowContext(ctx, `INSERT INTO feed_leases (feed, holder, expires) VALUES (?1, ?2, ?3)
		ON CONFLICT (feed) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE feed_leases.holder = excluded.holder OR feed_leases.expires <= ?4
		RETURNING holder`, feed, holder, now.Add(ttl).UnixMicro(), now.UnixMicro()).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("acquire lease of feed %s: %w", feed, err)
	}
	return true, nil
}

// ReleaseFeedLeases drops holder's leases of feeds (all, and its
// heartbeat, when none is given).
func (s *sqlStore) ReleaseFeedLeases(ctx context.Context, holder string, feeds ...string) error {
	fail := func(err error) error { return fmt.Errorf("release feed leases of %s: %w", holder, err) }
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer func() { _ = tx.Rollback() }()
	if len(feeds) == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM replicas WHERE holder = ?`, holder); err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_leases WHERE holder = ?`, holder); err != nil {
			return fail(err)
		}
	}
	for _, f := range feeds {
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_leases WHERE holder = ? AND feed = ?`, holder, f); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// Heartbeat records holder alive until now+ttl and lists the live holders.
func (s *sqlStore) Heartbeat(ctx context.Context, holder string, now time.Time, ttl time.Duration) ([]string, error) {
	if holder == "" {
		return nil, errors.New("heartbeat: empty holder")
	}
	fail := func(err error) ([]string, error) { return nil, fmt.Errorf("heartbeat of %s: %w", holder, err) }
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, `INSERT INTO replicas (holder, expires) VALUES (?1, ?2)
		ON CONFLICT (holder) DO UPDATE SET expires = excluded.expires`, holder, now.Add(ttl).UnixMicro()); err != nil {
		return fail(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT holder FROM replicas WHERE expires > ? OR holder = ? ORDER BY holder`,
		now.UnixMicro(), holder)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return fail(err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return out, nil
}

// dialect is how SQLite takes imported values.
var dialect = dump.Dialect{
	Placeholder: func(int) string { return "?" },
	Time:        func(t time.Time) any { return t.UnixMicro() },
	Bool:        func(b bool) any { return boolInt(b) },
}

// Export writes the store's rows as JSON lines (package dump) from one
// read transaction, so a running service's writes do not tear it.
func (s *sqlStore) Export(ctx context.Context, w io.Writer) error {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("export %s: %w", s.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := dump.Export(ctx, tx, w); err != nil {
		return fmt.Errorf("export %s: %w", s.path, err)
	}
	return nil
}

// Import inserts rows written by Export (either engine's) into this empty
// store in one transaction.
func (s *sqlStore) Import(ctx context.Context, r io.Reader) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import into %s: %w", s.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := dump.Import(ctx, tx, dialect, r); err != nil {
		return fmt.Errorf("import into %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import into %s: %w", s.path, err)
	}
	return nil
}
