package sqlite_test

import (
	"testing"

	"github.com/gapwatch/gapwatch/store/storetest"
)

func TestAlertsContract(t *testing.T) {
	storetest.RunAlerts(t, openTemp)
}
