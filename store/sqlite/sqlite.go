// Package sqlite implements store.Store on a SQLite file with a pure-Go
// driver (modernc.org/sqlite), so the binary builds with CGO_ENABLED=0.
//
// The database runs in WAL mode with a busy timeout and foreign keys on, set
// on every pooled connection through the DSN. Writes go through a pool of one
// connection whose transactions begin IMMEDIATE, so writers in this process
// queue in Go and writers in other processes (a `gapwatch poll` beside
// `gapwatch serve`) wait on the busy timeout instead of failing with
// "database is locked". Reads use a separate read-only pool and never wait
// for writers. synchronous=NORMAL is used, which in WAL mode loses no
// committed transaction when the process is killed, only (possibly) the last
// ones on an operating-system crash or power loss.
//
// Times are stored as INTEGER microseconds since the Unix epoch in UTC
// (PostgreSQL's precision); NULL is the zero time.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"

	// The pure-Go SQLite driver, registered as "sqlite".
	_ "modernc.org/sqlite"
)

const (
	// busyTimeout is how long a connection waits for another process's
	// write lock before giving up.
	busyTimeout = 10 * time.Second
	// pollRetention is how long poll log entries are kept.
	pollRetention = 400 * 24 * time.Hour
	// pruneEvery is how many polls of one feed pass between two prunings
	// of that feed's poll log.
	pruneEvery = 100
)

// sqlStore is the SQLite implementation of store.Store.
type sqlStore struct {
	// Queries runs the queries shared with store/postgres: reads on rdb,
	// writes on wdb.
	sqlstore.Queries
	path string
	// wdb has a single connection: every write goes through it.
	wdb *sql.DB
	// rdb is a pool of read-only connections.
	rdb *sql.DB
	// retention and pruneEvery bound the poll log (fields so that tests
	// can shorten them).
	retention  time.Duration
	pruneEvery int
}

var _ store.Store = (*sqlStore)(nil)

// Open opens (creating if needed) the SQLite database at path, applies
// pending migrations and returns the store. ":memory:" is not supported;
// use a file in a temporary directory. The parent directory is created if
// it is missing.
func Open(ctx context.Context, path string) (store.Store, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("open sqlite %s: create directory: %w", path, err)
	}
	wdb, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Migrations run before the writer pool is narrowed to one connection,
	// so the migration library may use connections as it likes.
	if err := migrate(ctx, wdb); err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), wdb.Close())
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(0)

	rdb, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), wdb.Close())
	}
	readers := max(4, runtime.NumCPU())
	rdb.SetMaxOpenConns(readers)
	rdb.SetMaxIdleConns(readers)
	if err := rdb.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite %s: %w", path, err), rdb.Close(), wdb.Close())
	}
	return &sqlStore{
		Queries:    sqlstore.Queries{R: rdb, W: wdb, Dialect: sqliteDialect, NewOutbox: newOutbox},
		path:       path,
		wdb:        wdb,
		rdb:        rdb,
		retention:  pollRetention,
		pruneEvery: pruneEvery,
	}, nil
}

// checkPath rejects paths the store cannot open as a plain file.
func checkPath(path string) error {
	switch {
	case path == "":
		return errors.New("open sqlite: empty path")
	case path == ":memory:" || strings.HasPrefix(path, "file:"):
		return fmt.Errorf("open sqlite %s: only a plain file path is supported", path)
	case strings.ContainsRune(path, '?'):
		return fmt.Errorf("open sqlite %s: path must not contain '?'", path)
	}
	return nil
}

// dsn is the driver's data source name for path: the pragmas every pooled
// connection runs when it opens, and IMMEDIATE write transactions.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		// The writer's page cache holds a whole poll's transaction (500
		// new releases with their HTML and full-text index are a few MB):
		// with SQLite's 2 MB default it spills pages mid-transaction and
		// writes them twice. 32 MB, on the one writer connection only.
		q.Add("_pragma", "cache_size(-32000)")
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// Close releases both connection pools.
func (s *sqlStore) Close() error {
	if err := errors.Join(s.rdb.Close(), s.wdb.Close()); err != nil {
		return fmt.Errorf("close sqlite %s: %w", s.path, err)
	}
	return nil
}

// sqliteDialect is how SQLite differs in the queries shared with
// store/postgres.
var sqliteDialect = sqlstore.Dialect{SQLite: true, Time: micros}

// micros is the stored form of t: microseconds since the epoch, or NULL for
// the zero time.
func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

// fromMicros is the inverse of micros.
func fromMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMicro(v.Int64).UTC()
}

// boolInt is the stored form of a boolean.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
