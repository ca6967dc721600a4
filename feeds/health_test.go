package feeds

import (
	"testing"
	"time"
)

func TestBackoffDelay(t *testing.T) {
	tests := []struct {
		name       string
		b          Backoff
		errCount   int
		retryAfter time.Duration
		rnd        float64
		want       time.Duration
	}{
		{name: "first failure", errCount: 1, rnd: 0.5, want: time.Minute},
		{name: "zero count is the first", errCount: 0, rnd: 0.5, want: time.Minute},
		{name: "second doubles", errCount: 2, rnd: 0.5, want: 2 * time.Minute},
		{name: "fifth", errCount: 5, rnd: 0.5, want: 16 * time.Minute},
		{name: "ninth", errCount: 9, rnd: 0.5, want: 256 * time.Minute},
		{name: "tenth hits the cap", errCount: 10, rnd: 0.5, want: 6 * time.Hour},
		{name: "huge count stays capped", errCount: 1 << 30, rnd: 0.5, want: 6 * time.Hour},
		{name: "jitter low end", errCount: 3, rnd: 0, want: 4 * time.Minute * 8 / 10},
		{name: "jitter high end", errCount: 3, rnd: 1, want: 4 * time.Minute * 12 / 10},
		{name: "jitter never above the cap", errCount: 20, rnd: 1, want: 6 * time.Hour},
		{name: "jitter below the cap at the cap", errCount: 20, rnd: 0, want: 6 * time.Hour * 8 / 10},
		{name: "rnd out of range is clamped", errCount: 1, rnd: 7, want: time.Minute * 12 / 10},
		{name: "longer retry-after wins", errCount: 1, retryAfter: 10 * time.Minute, rnd: 0.5, want: 10 * time.Minute},
		{name: "shorter retry-after loses", errCount: 4, retryAfter: time.Minute, rnd: 0.5, want: 8 * time.Minute},
		{name: "retry-after beyond the backoff cap", errCount: 1, retryAfter: 8 * time.Hour, rnd: 0.5, want: 8 * time.Hour},
		{name: "retry-after capped at a day", errCount: 1, retryAfter: 30 * 24 * time.Hour, rnd: 0.5, want: 24 * time.Hour},
		{name: "feed interval as base", b: Backoff{Base: 10 * time.Minute}, errCount: 3, rnd: 0.5, want: 40 * time.Minute},
		{name: "custom cap", b: Backoff{Max: time.Hour}, errCount: 8, rnd: 0.5, want: time.Hour},
		{name: "no jitter", b: Backoff{Jitter: -1}, errCount: 2, rnd: 0, want: 2 * time.Minute},
		{name: "base above cap", b: Backoff{Base: 2 * time.Hour, Max: time.Hour}, errCount: 1, rnd: 0.5, want: 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Delay(tt.errCount, tt.retryAfter, tt.rnd); got != tt.want {
				t.Errorf("Delay(%d, %v, %v) = %v, want %v", tt.errCount, tt.retryAfter, tt.rnd, got, tt.want)
			}
		})
	}
}

func TestBackoffGrowsToCap(t *testing.T) {
	var prev time.Duration
	for n := 1; n <= 40; n++ {
		for _, rnd := range []float64{0, 0.5, 0.999} {
			d := Backoff{}.Delay(n, 0, rnd)
			if d > DefaultBackoffMax {
				t.Fatalf("Delay(%d, rnd %v) = %v, above the %v cap", n, rnd, d, DefaultBackoffMax)
			}
			if d < time.Minute*8/10 {
				t.Fatalf("Delay(%d, rnd %v) = %v, below the jittered base", n, rnd, d)
			}
		}
		d := Backoff{}.Delay(n, 0, 0.5)
		if d < prev {
			t.Fatalf("Delay(%d) = %v shrank from %v", n, d, prev)
		}
		prev = d
	}
	if prev != DefaultBackoffMax {
		t.Errorf("delay after 40 failures = %v, want the cap %v", prev, DefaultBackoffMax)
	}
}

func TestNextAttempt(t *testing.T) {
	got := NextAttempt(fixedNow, 2, 0, 0.5)
	if want := fixedNow.Add(2 * time.Minute); !got.Equal(want) {
		t.Errorf("NextAttempt = %v, want %v", got, want)
	}
	got = NextAttempt(fixedNow, 1, 45*time.Minute, 0.5)
	if want := fixedNow.Add(45 * time.Minute); !got.Equal(want) {
		t.Errorf("NextAttempt with Retry-After = %v, want %v", got, want)
	}
}
