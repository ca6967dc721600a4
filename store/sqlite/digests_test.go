package sqlite_test

import (
	"testing"

	"github.com/gapwatch/gapwatch/store/storetest"
)

func TestDigestsContract(t *testing.T) {
	storetest.RunDigests(t, openTemp)
}
