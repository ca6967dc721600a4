// Package sqlite implements store.Store on a SQLite file with a pure-Go
// driver (modernc.org/sqlite), so the binary builds with CGO_ENABLED=0.
package sqlite

import (
	"context"
	"errors"

	"github.com/gapwatch/gapwatch/store"
)

// Open opens (creating if needed) the SQLite database at path, applies
// pending migrations and returns the store. ":memory:" is not supported;
// use a file in a temporary directory.
func Open(ctx context.Context, path string) (store.Store, error) {
	return nil, errors.New("sqlite: not implemented yet")
}
