package feeds

import (
	"errors"
	"time"

	"github.com/gapwatch/gapwatch/match"
)

// ParseFeed parses an RSS 2.0, RSS 1.0, Atom or JSON Feed document into
// normalised items of src. feedURL resolves relative links. now is the
// first-seen time given to entries without a date.
func ParseFeed(body []byte, feedURL string, src Source, now time.Time) ([]match.Item, error) {
	return nil, errors.New("parse: not implemented yet")
}

// ParseHTMLList reads one listing page of an html source with its selectors,
// returning its items and the absolute URL of the next page ("" if none).
func ParseHTMLList(body []byte, pageURL string, src Source, now time.Time) ([]match.Item, string, error) {
	return nil, "", errors.New("parse html: not implemented yet")
}

// ExtractBody returns the HTML of the element selected by selector on an
// item's own page.
func ExtractBody(body []byte, pageURL, selector string) (string, error) {
	return "", errors.New("extract body: not implemented yet")
}
