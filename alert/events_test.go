package alert_test

import (
	"testing"

	"github.com/gapwatch/gapwatch/alert"
)

func TestEventTitle(t *testing.T) {
	tests := []struct {
		event, lang, want string
	}{
		{alert.EventNewClaim, "en", "New claim"},
		{alert.EventConfirmedLate, "es", "Confirmado tarde"},
		{alert.EventFeedDown, "fr", "Feed down"}, // any other language is English
		{alert.EventResolved, "", "Resolved by the newsroom"},
		{"no_such_event", "es", ""},
	}
	for _, tt := range tests {
		if got := alert.EventTitle(tt.event, tt.lang); got != tt.want {
			t.Errorf("EventTitle(%q, %q) = %q, want %q", tt.event, tt.lang, got, tt.want)
		}
	}
}
