package postgres_test

import (
	"context"
	"testing"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/postgres"
	"github.com/gapwatch/gapwatch/store/postgres/pgtest"
	"github.com/gapwatch/gapwatch/store/storetest"
)

// openTemp opens a store in a fresh schema of the test server.
func openTemp(t *testing.T) store.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContract(t *testing.T)         { storetest.Run(t, openTemp) }
func TestAlertsContract(t *testing.T)   { storetest.RunAlerts(t, openTemp) }
func TestDigestsContract(t *testing.T)  { storetest.RunDigests(t, openTemp) }
func TestReplicasContract(t *testing.T) { storetest.RunReplicas(t, openTemp) }
