package digest

import (
	"testing"
	"time"
)

func TestWeek(t *testing.T) {
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in         string
		start, end string // in UTC
		prev, next string
	}{
		{"2019-W30", "2019-07-22T00:00:00Z", "2019-07-29T00:00:00Z", "2019-W29", "2019-W31"},
		{"2020-W53", "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z", "2020-W52", "2021-W01"},
		{"2021-W01", "2021-01-04T00:00:00Z", "2021-01-11T00:00:00Z", "2020-W53", "2021-W02"},
		{"2025-W01", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z", "2024-W52", "2025-W02"},
	}
	for _, c := range cases {
		w, err := ParseWeek(c.in)
		if err != nil {
			t.Fatalf("ParseWeek(%q): %v", c.in, err)
		}
		if w.String() != c.in {
			t.Errorf("String = %q, want %q", w, c.in)
		}
		if got := w.Start(time.UTC).Format(time.RFC3339); got != c.start {
			t.Errorf("%s starts %s, want %s", c.in, got, c.start)
		}
		if got := w.End(time.UTC).Format(time.RFC3339); got != c.end {
			t.Errorf("%s ends %s, want %s", c.in, got, c.end)
		}
		if w.Prev().String() != c.prev || w.Next().String() != c.next {
			t.Errorf("%s: prev %s next %s, want %s %s", c.in, w.Prev(), w.Next(), c.prev, c.next)
		}
		if got := WeekOf(w.Start(mx), mx); got != w {
			t.Errorf("WeekOf(start in Mexico City) = %s, want %s", got, w)
		}
		if got := WeekOf(w.End(mx).Add(-time.Nanosecond), mx); got != w {
			t.Errorf("WeekOf(last instant in Mexico City) = %s, want %s", got, w)
		}
	}
	// Monday 00:00 in Mexico City is 06:00 UTC: a week's bounds follow the zone.
	w := Week{2026, 48}
	if got := w.Start(mx).UTC().Format(time.RFC3339); got != "2026-11-23T06:00:00Z" {
		t.Errorf("2026-W48 in Mexico City starts %s UTC, want 2026-11-23T06:00:00Z", got)
	}
	for _, bad := range []string{"2019-30", "2019-W00", "2019-W54", "2019-W53", "W30", "2019-X30", "2019-W3x"} {
		if _, err := ParseWeek(bad); err == nil {
			t.Errorf("ParseWeek(%q) accepted", bad)
		}
	}
}
