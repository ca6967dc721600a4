package match

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Item is one press release or news entry from one side's feed, normalised
// to plain text. It is the unit every package exchanges: feeds produce it,
// the store keeps it, the engine reads it.
type Item struct {
	// ID is the store's identifier; zero until the item is stored.
	ID int64 `json:"id,omitempty"`
	// Feed is the configured name of the feed the item came from.
	Feed string `json:"feed"`
	// Side is the government the feed belongs to (from config, never from
	// the language of the text).
	Side string `json:"side"`
	// GUID is the entry's id, else its link, else a stable hash of title and date.
	GUID string `json:"guid"`
	// Title is the plain-text title.
	Title string `json:"title"`
	// Link is the absolute URL of the original.
	Link string `json:"link"`
	// Published is when the publisher says the item was published (UTC);
	// when the entry had no date it is the time gapwatch first saw it and
	// DateGuessed is set.
	Published time.Time `json:"published"`
	// Updated is the entry's own update time, if any.
	Updated time.Time `json:"updated,omitzero"`
	// DateGuessed reports that Published is the first-seen time.
	DateGuessed bool `json:"date_guessed,omitempty"`
	// Summary is the plain-text summary or teaser.
	Summary string `json:"summary,omitempty"`
	// Content is the plain-text body.
	Content string `json:"content,omitempty"`
	// SummaryHTML is the summary as published (raw HTML).
	SummaryHTML string `json:"summary_html,omitempty"`
	// ContentHTML is the body as published (raw HTML).
	ContentHTML string `json:"content_html,omitempty"`
	// Categories are the entry's categories or tags.
	Categories []string `json:"categories,omitempty"`
	// Language is a BCP 47 tag: the feed's declared one, else the side's.
	Language string `json:"language,omitempty"`
	// Backlog marks items stored by the first poll of a new feed: kept for
	// matching, never alerted on.
	Backlog bool `json:"backlog,omitempty"`
	// FirstSeen is when gapwatch first stored the item (UTC).
	FirstSeen time.Time `json:"first_seen,omitzero"`
	// Revision counts the edits seen after the first version (0 = original).
	Revision int `json:"revision,omitempty"`
}

// Text returns the item's title, summary and content joined as one plain
// text, the input of claim detection and matching.
func (it Item) Text() string {
	parts := make([]string, 0, 3)
	for _, p := range []string{it.Title, it.Summary, it.Content} {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		// A teaser is often the first words of the body: keep it once.
		if len(parts) > 0 && strings.HasPrefix(p, strings.TrimSuffix(strings.TrimSuffix(parts[len(parts)-1], "…"), "...")) {
			parts[len(parts)-1] = p
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "\n\n")
}

// ContentHash is a stable digest of the parts of an item whose change makes
// a new revision (title, summary and content as plain text).
func (it Item) ContentHash() string {
	h := sha256.New()
	for _, p := range []string{it.Title, it.Summary, it.Content} {
		h.Write([]byte(strings.TrimSpace(p)))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Lang returns the item's primary language subtag ("es", "en"), lower-case.
func (it Item) Lang() string {
	l := strings.ToLower(it.Language)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return l
}
