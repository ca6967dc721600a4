package digest

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Week is an ISO 8601 week: Monday to Sunday, numbered within its
// ISO year ("2019-W30").
type Week struct {
	Year int
	Num  int
}

// WeekOf returns the ISO week t falls in, in loc.
func WeekOf(t time.Time, loc *time.Location) Week {
	y, n := t.In(loc).ISOWeek()
	return Week{Year: y, Num: n}
}

// weekPattern is an ISO week's text form.
var weekPattern = regexp.MustCompile(`^(\d{4})-[Ww](\d{2})$`)

// ParseWeek reads "2019-W30" (or "2019-w30").
func ParseWeek(s string) (Week, error) {
	m := weekPattern.FindStringSubmatch(s)
	if m == nil {
		return Week{}, fmt.Errorf("week %q: want an ISO week such as 2019-W30", s)
	}
	y, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	w := Week{Year: y, Num: n}
	if n < 1 || n > 53 || WeekOf(w.Start(time.UTC), time.UTC) != w {
		return Week{}, fmt.Errorf("week %q: year %d has no week %d", s, y, n)
	}
	return w, nil
}

// String returns "2019-W30".
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// Start is the week's Monday at 00:00 in loc.
func (w Week) Start(loc *time.Location) time.Time {
	// 4 January is always in week 1.
	jan4 := time.Date(w.Year, 1, 4, 0, 0, 0, 0, loc)
	back := (int(jan4.Weekday()) + 6) % 7
	return time.Date(w.Year, 1, 4-back+7*(w.Num-1), 0, 0, 0, 0, loc)
}

// End is the next week's Monday at 00:00 in loc (the week is [Start, End)).
func (w Week) End(loc *time.Location) time.Time {
	s := w.Start(loc)
	return time.Date(s.Year(), s.Month(), s.Day()+7, 0, 0, 0, 0, loc)
}

// Prev is the week before.
func (w Week) Prev() Week {
	s := w.Start(time.UTC)
	return WeekOf(s.AddDate(0, 0, -7), time.UTC)
}

// Next is the week after.
func (w Week) Next() Week { return WeekOf(w.End(time.UTC), time.UTC) }
