package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/postgres"
	"github.com/gapwatch/gapwatch/store/postgres/pgtest"
	"github.com/gapwatch/gapwatch/store/storetest"
)

// openN opens n stores (n replicas' pools) on one fresh schema.
func openN(b *testing.B, n int) []store.Store {
	url := pgtest.URL(b)
	out := make([]store.Store, n)
	for i := range out {
		s, err := postgres.Open(context.Background(), url)
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
