package sqlite_test

import (
	"testing"

	"github.com/gapwatch/gapwatch/store/storetest"
)

func TestReplicasContract(t *testing.T) {
	storetest.RunReplicas(t, openTemp)
}
