package postgres_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gapwatch/gapwatch/store/sqlite"
	"github.com/gapwatch/gapwatch/store/storetest"
)

// TestMoveFromSQLite moves a filled SQLite store into PostgreSQL and back
// into a new SQLite file: every query answers alike on all three.
func TestMoveFromSQLite(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	defer lite.Close()
	storetest.Fill(t, lite)

	pg := openTemp(t)
	storetest.Move(t, lite, pg)
	storetest.SameContent(t, lite, pg)

	back, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	defer back.Close()
	storetest.Move(t, pg, back)
	storetest.SameContent(t, pg, back)
}
