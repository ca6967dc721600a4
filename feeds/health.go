package feeds

import (
	"math"
	"time"
)

// Backoff defaults.
const (
	// DefaultBackoffBase is the delay after a feed's first failure.
	DefaultBackoffBase = time.Minute
	// DefaultBackoffMax caps the delay between attempts of a failing feed.
	DefaultBackoffMax = 6 * time.Hour
	// DefaultBackoffJitter spreads each delay by ±20%.
	DefaultBackoffJitter = 0.2
	// DefaultMaxRetryAfter caps how long a server's Retry-After can silence a feed.
	DefaultMaxRetryAfter = 24 * time.Hour
)

// Backoff computes when a failing feed may be fetched again. It is
// stateless: the delay follows from the consecutive error count kept in
// the store, so backoff survives restarts. (cenkalti/backoff's
// ExponentialBackOff keeps its progress in memory between calls, which
// does not fit; the arithmetic is a few lines.)
type Backoff struct {
	// Base is the delay after the first failure (DefaultBackoffBase when
	// zero); it doubles with each further consecutive failure.
	Base time.Duration
	// Max caps the delay (DefaultBackoffMax when zero).
	Max time.Duration
	// Jitter is the relative spread around the delay, 0.2 = ±20%
	// (DefaultBackoffJitter when zero; negative disables it).
	Jitter float64
	// MaxRetryAfter caps a server's Retry-After (DefaultMaxRetryAfter when zero).
	MaxRetryAfter time.Duration
}

// withDefaults returns b with zero fields set to the defaults.
func (b Backoff) withDefaults() Backoff {
	if b.Base <= 0 {
		b.Base = DefaultBackoffBase
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoffMax
	}
	if b.Max < b.Base {
		b.Max = b.Base
	}
	switch {
	case b.Jitter == 0:
		b.Jitter = DefaultBackoffJitter
	case b.Jitter < 0:
		b.Jitter = 0
	case b.Jitter > 1:
		b.Jitter = 1
	}
	if b.MaxRetryAfter <= 0 {
		b.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return b
}

// Delay returns the wait after errCount consecutive failures (counting the
// one just seen; errCount < 1 is taken as 1). rnd in [0, 1) places the
// delay within the jitter band: 0.5 is the exact exponential value. The
// exponential delay is Base·2^(errCount-1) capped at Max; jitter never
// takes it above Max. A longer retryAfter (up to MaxRetryAfter) wins.
func (b Backoff) Delay(errCount int, retryAfter time.Duration, rnd float64) time.Duration {
	b = b.withDefaults()
	if errCount < 1 {
		errCount = 1
	}
	d := b.Base
	for i := 1; i < errCount && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max {
		d = b.Max
	}
	rnd = min(max(rnd, 0), 1)
	d = time.Duration(math.Round(float64(d) * (1 + b.Jitter*(2*rnd-1))))
	if d > b.Max {
		d = b.Max
	}
	retryAfter = min(retryAfter, b.MaxRetryAfter)
	if retryAfter > d {
		d = retryAfter
	}
	return d
}

// NextAttempt returns the earliest time a feed that has just failed for the
// errCount-th consecutive time may be fetched again, from now.
func (b Backoff) NextAttempt(now time.Time, errCount int, retryAfter time.Duration, rnd float64) time.Time {
	return now.Add(b.Delay(errCount, retryAfter, rnd))
}

// NextAttempt is Backoff{}.NextAttempt: the default policy (1 min doubling
// to 6 h, ±20% jitter, Retry-After honoured up to 24 h).
func NextAttempt(now time.Time, errCount int, retryAfter time.Duration, rnd float64) time.Time {
	return Backoff{}.NextAttempt(now, errCount, retryAfter, rnd)
}
