package match

import (
	"fmt"
	"time"
)

// UnmarshalText decodes a lower-case word, so that a stored Decision reads
// back as it was written.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if n == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("unknown outcome %q", b)
}

// SetCoverage makes the tracker compute each claim's coverage with fn (the
// other side and the claim's window, lookback included) instead of using
// the Coverage passed to Observe and Advance. The live alert pipeline
// passes a function over the store's poll log, as Replay does with its cov.
func (t *Tracker) SetCoverage(fn func(side string, from, to time.Time) Coverage) { t.covFn = fn }
