package sqlstore

import (
	"testing"
	"time"
)

// TestTimeScan checks that a time column reads the same from either
// engine's form: SQLite's integer microseconds and PostgreSQL's timestamptz.
func TestTimeScan(t *testing.T) {
	want := time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)
	mexico := time.FixedZone("CST", -6*3600)
	tests := []struct {
		name    string
		src     any
		want    time.Time
		wantErr bool
	}{
		{"null is the zero time", nil, time.Time{}, false},
		{"sqlite micros", want.UnixMicro(), want, false},
		{"sqlite micros as text", []byte("1772600767000008"), want, false},
		{"timestamptz in another zone reads as UTC", want.In(mexico), want, false},
		{"not a time", "yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := time.Unix(1, 0) // overwritten by every successful scan
			err := Time(&got).Scan(tt.src)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Scan(%v) error = %v, want error %v", tt.src, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Scan(%v) = %v, want %v in UTC", tt.src, got, tt.want)
			}
		})
	}
}

// TestRoundTrip checks the form a stored time is read back in.
func TestRoundTrip(t *testing.T) {
	in := time.Date(2026, 3, 4, 5, 6, 7, 8009, time.FixedZone("EST", -5*3600))
	tests := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"zero stays zero", time.Time{}, time.Time{}},
		{"truncated to the microsecond, in UTC", in, time.Date(2026, 3, 4, 10, 6, 7, 8000, time.UTC)},
	}
	for _, tt := range tests {
		if got := RoundTrip(tt.in); !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("%s: RoundTrip(%v) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}
