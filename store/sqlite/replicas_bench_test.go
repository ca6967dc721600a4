package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
	"github.com/gapwatch/gapwatch/store/storetest"
)

// openN opens n stores on one fresh file, as n processes would.
func openN(b *testing.B, n int) []store.Store {
	path := filepath.Join(b.TempDir(), "bench.db")
	out := make([]store.Store, n)
	for i := range out {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			b.Fatalf("Open: %v", err)
		}
		b.Cleanup(func() { _ = s.Close() })
		out[i] = s
	}
	return out
}

func BenchmarkIngest(b *testing.B) {
	for _, n := range []int{1, 3} {
		b.Run(fmt.Sprintf("replicas=%d", n), func(b *testing.B) { storetest.BenchIngest(b, openN, n) })
	}
}

func BenchmarkOutbox(b *testing.B) {
	for _, n := range []int{1, 3} {
		b.Run(fmt.Sprintf("replicas=%d", n), func(b *testing.B) { storetest.BenchOutbox(b, openN, n) })
	}
}
