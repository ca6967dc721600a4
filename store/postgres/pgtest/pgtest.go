// Package pgtest gives tests a private PostgreSQL schema: the server's URL
// comes from GAPWATCH_TEST_POSTGRES (set by .ci/run), and tests skip
// without it.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// EnvVar names the variable holding the test server's URL.
const EnvVar = "GAPWATCH_TEST_POSTGRES"

// URL creates a schema gapwatch_test_<random> on the test server, drops it
// when tb ends, and returns a URL whose connections use it (search_path).
// It skips tb when EnvVar is unset.
func URL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvVar)
	if base == "" {
		tb.Skipf("%s is not set: no PostgreSQL server to test against", EnvVar)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatalf("random schema name: %v", err)
	}
	schema := "gapwatch_test_" + hex.EncodeToString(b[:])
	db := admin(tb, base)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("create schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		if _, err := db.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
		_ = db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: invalid URL", EnvVar)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func admin(tb testing.TB, base string) *sql.DB {
	tb.Helper()
	cfg, err := pgx.ParseConfig(base)
	if err != nil {
		tb.Fatalf("%s: invalid URL", EnvVar)
	}
	db := stdlib.OpenDB(*cfg)
	if err := db.PingContext(context.Background()); err != nil {
		_ = db.Close()
		tb.Fatalf("connect to the test server: %v", err)
	}
	return db
}
