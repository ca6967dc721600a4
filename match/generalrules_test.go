package match

import (
	"slices"
	"testing"
	"time"
)

// TestWeekdayDates checks that a marked day name dates an event relative to
// publication, in both languages.
func TestWeekdayDates(t *testing.T) {
	// A Friday evening.
	pub := time.Date(2031, 1, 3, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"la brigada partió este jueves hacia Texas", "es", []string{"2031-01-02"}},
		{"las delegaciones se reunieron el lunes", "es", []string{"2030-12-30"}},
		{"el próximo martes se firmará el acta", "es", []string{"2031-01-07"}},
		{"el viernes pasado concluyó la visita", "es", []string{"2030-12-27"}},
		{"the ministers met on Thursday in Laredo", "en", []string{"2031-01-02"}},
		{"the talks resume next Friday", "en", []string{"2031-01-10"}},
		{"officials spoke last Sunday", "en", []string{"2030-12-29"}},
		{"the crossing opens this Saturday", "en", []string{"2031-01-04"}},
		// A bare day name (a person's name, a list of opening days) is no date.
		{"Domingo Pérez encabezó la delegación", "es", nil},
		{"open Monday through Friday", "en", nil},
	}
	for _, tt := range tests {
		got := statedDates(Tokenize(tt.text, tt.lang, 0), pub)
		if !slices.Equal(got, tt.want) {
			t.Errorf("statedDates(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
