// Package postgres implements store.Store on PostgreSQL through
// jackc/pgx/v5 (its database/sql driver), for newsrooms that run several
// replicas of the service against one database.
//
// The schema is the SQLite one with PostgreSQL types (migrations/): times
// are timestamptz, truncated to the microsecond as SQLite's are, booleans
// boolean, JSON columns text. Every write that SQLite makes in one
// transaction is one transaction here; rows that concurrent replicas race
// for are locked (a feed's row while its poll is recorded, a claim's row
// while its decision is saved) and due outbox messages are taken with
// FOR UPDATE SKIP LOCKED, so each is handed to one sender.
//
// Full-text search uses a stored tsvector over the item's title, summary
// and content with the 'simple' configuration after gw_fold (lower case,
// accents removed by the unaccent extension when the server has it; the
// migration installs it into schema public if it may, else search is only
// case-insensitive). A term's words match as a phrase, the last as a
// prefix, like SQLite's FTS5 query; results are ranked by ts_rank with
// length normalisation (shorter texts first on equal matches, as FTS5's
// bm25 does).
//
// The storage URL is a libpq-style URL (postgres://user:pass@host/db?...);
// a search_path parameter selects a schema, which is how tests isolate
// themselves (see package pgtest).
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/internal/sqlstore"
)

const (
	// pollRetention is how long poll log entries are kept.
	pollRetention = 400 * 24 * time.Hour
	// pruneEvery is how many polls of one feed pass between two prunings
	// of that feed's poll log.
	pruneEvery = 100
	// maxConns bounds the connection pool of one replica.
	maxConns = 16
)

// pgStore is the PostgreSQL implementation of store.Store.
type pgStore struct {
	// Queries runs the queries shared with store/sqlite, all on db.
	sqlstore.Queries
	db         *sql.DB
	name       string // the URL with its password masked, for errors
	retention  time.Duration
	pruneEvery int
}

var (
	_ store.Store      = (*pgStore)(nil)
	_ store.FeedLeases = (*pgStore)(nil)
	_ store.Porter     = (*pgStore)(nil)
)

// Open connects to the PostgreSQL database at rawURL, applies pending
// migrations and returns the store.
func Open(ctx context.Context, rawURL string) (store.Store, error) {
	db, name, err := connect(rawURL)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db); err != nil {
		return nil, errors.Join(fmt.Errorf("open postgres %s: %w", name, err), db.Close())
	}
	return &pgStore{
		Queries: sqlstore.Queries{R: db, W: db, Dialect: pgDialect, NewOutbox: newOutbox},
		db:      db, name: name, retention: pollRetention, pruneEvery: pruneEvery,
	}, nil
}

// connect opens a pool on rawURL and checks that the server answers.
func connect(rawURL string) (*sql.DB, string, error) {
	name := Redact(rawURL)
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		// pgx's message may quote the URL with its password.
		return nil, name, fmt.Errorf("open postgres %s: invalid URL", name)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, name, nil
}

// Redact returns rawURL with its password masked, for logs and errors.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Close releases the connection pool.
func (s *pgStore) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close postgres %s: %w", s.name, err)
	}
	return nil
}

// pgDialect is how PostgreSQL differs in the queries shared with store/sqlite.
var pgDialect = sqlstore.Dialect{Time: tm}

// tm is the stored form of t: UTC truncated to the microsecond, or NULL for
// the zero time.
func tm(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

// fromTime is the inverse of tm.
func fromTime(v sql.NullTime) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return v.Time.UTC()
}

// placeholders returns "$from, $from+1, ..." for n arguments.
func placeholders(from, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ph, ", ")
}

// args accumulates query arguments and hands out their placeholders.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}
