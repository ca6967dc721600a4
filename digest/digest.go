package digest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Categories of a claim in counts and in the chart's stacks, in order.
const (
	Confirmed   = "confirmed"
	Partial     = "partial"
	Unconfirmed = "unconfirmed"
	Open        = "open"
	Dismissed   = "dismissed"
)

// Categories lists the categories in the order counts and stacks use.
var Categories = []string{Confirmed, Partial, Unconfirmed, Open, Dismissed}

// Category is what became of a claim: confirmed (by the other side or by
// hand), partial, unconfirmed, open (its window is still open) or
// dismissed by a journalist.
func Category(c store.Claim) string {
	if r := c.Resolution; r != nil {
		if r.Kind == store.ResolvedDismissed {
			return Dismissed
		}
		return Confirmed
	}
	switch c.Status() {
	case match.Confirmed:
		return Confirmed
	case match.Partial:
		return Partial
	case match.Unconfirmed:
		return Unconfirmed
	}
	return Open
}

// isGap reports whether a claim still lacks a confirmation nobody
// resolved.
func isGap(c store.Claim) bool {
	switch Category(c) {
	case Partial, Unconfirmed, Open:
		return true
	}
	return false
}

// Channel is one channel's digest settings.
type Channel struct {
	// Name is the channel's configured name (part of the outbox key).
	Name string
	// Platform and Target are its destination.
	Platform string
	Target   string
	// Filters select the claims and feeds its digest covers (the
	// channel's alert filters).
	Filters store.Filters
	// Language is "en" or "es" (others read as English).
	Language string
	// Location is the zone of its schedule and of the week's days (UTC
	// when nil).
	Location *time.Location
	// Schedule is its cron spec (Monday 09:00 when empty).
	Schedule string
}

func (ch Channel) loc() *time.Location {
	if ch.Location == nil {
		return time.UTC
	}
	return ch.Location
}

// Options configure a Builder.
type Options struct {
	// Sides are the side IDs in display order (the chart's bars); sides
	// met in claims and missing here are added after them.
	Sides []string
	// SideNames name the sides ("mx" → "Mexico"); an unnamed side shows
	// its ID.
	SideNames map[string]string
	// MaxListed caps each list of claims (10 when zero); the rest are
	// counted.
	MaxListed int
	// OldestScan is how many of the oldest open claims are read before the
	// channel's filters pick MaxListed of them (200 when zero).
	OldestScan int
}

// Builder reads a week from the store and builds its Report.
type Builder struct {
	st   store.Digests
	opts Options
}

// NewBuilder returns a builder over the store's digest queries.
func NewBuilder(st store.Digests, opts Options) *Builder {
	if opts.MaxListed <= 0 {
		opts.MaxListed = 10
	}
	if opts.OldestScan <= 0 {
		opts.OldestScan = 200
	}
	return &Builder{st: st, opts: opts}
}

// Gap is a claim still lacking confirmation, with its age.
type Gap struct {
	Claim store.Claim
	// Age is how long ago the claim was published, at the report's time.
	Age time.Duration
}

// Closure is a gap the other side closed during the week.
type Closure struct {
	Claim store.Claim
	// Late reports a confirmation after the claim's window closed.
	Late bool
	// At is when the confirmation was seen; Took is how long after the
	// claim's publication.
	At   time.Time
	Took time.Duration
}

// SideTally counts one side's new claims.
type SideTally struct {
	Side  string
	Total int
	// By counts them by category (Categories).
	By map[string]int
}

// Report is one channel's digest of one week.
type Report struct {
	Channel  string
	Week     Week
	Language string
	Location *time.Location
	// From and To bound the week: [From, To).
	From, To time.Time
	// Now is when the report was built (ages are counted to it).
	Now time.Time
	// Late marks a digest sent after its scheduled time (caught up after
	// downtime); ScheduledAt is that time (zero for previews).
	Late        bool
	ScheduledAt time.Time
	// SideNames name the sides.
	SideNames map[string]string
	// New counts the week's new claims by side and category; NewTotal
	// is their number.
	New      []SideTally
	NewTotal int
	// Open are the first MaxListed of the week's OpenTotal claims still
	// lacking confirmation, oldest first.
	Open      []Gap
	OpenTotal int
	// Closed are the first MaxListed of the ClosedTotal gaps the other
	// side confirmed during the week, in the order of the confirmations.
	Closed      []Closure
	ClosedTotal int
	// Resolved are the claims a journalist resolved during the week.
	Resolved []store.Claim
	// Oldest are the oldest gaps still open from earlier weeks.
	Oldest []Gap
	// Feeds is each followed feed's activity during the week.
	Feeds []store.FeedActivity
	// Chart is the data of the chart.
	Chart ChartData
	// MaxListed caps the lists in the text.
	MaxListed int
}

// Empty reports a week with no new claim, no confirmation and no
// resolution: its text is one line and it has no chart.
func (r *Report) Empty() bool {
	return r.NewTotal == 0 && r.ClosedTotal == 0 && len(r.Resolved) == 0
}

// Build reads week for ch and returns its report, with ages counted to
// now.
func (b *Builder) Build(ctx context.Context, ch Channel, week Week, now time.Time) (*Report, error) {
	loc := ch.loc()
	r := &Report{Channel: ch.Name, Week: week, Language: normLang(ch.Language), Location: loc,
		From: week.Start(loc), To: week.End(loc), Now: now, SideNames: b.opts.SideNames, MaxListed: b.opts.MaxListed}
	keep := func(c store.Claim) bool { return alert.MatchClaim(ch.Filters, c.Item, c.Decision) }

	pub, err := b.st.ClaimsPublished(ctx, r.From, r.To)
	if err != nil {
		return nil, fmt.Errorf("digest of %s for %s: %w", ch.Name, week, err)
	}
	sides := append([]string(nil), b.opts.Sides...)
	tallies := map[string]*SideTally{}
	kept := make([]bool, len(pub))
	for i := range pub {
		c := &pub[i]
		if !keep(*c) {
			continue
		}
		kept[i] = true
		if !slices.Contains(sides, c.Item.Side) {
			sides = append(sides, c.Item.Side)
		}
		t := tallies[c.Item.Side]
		if t == nil {
			t = &SideTally{Side: c.Item.Side, By: map[string]int{}}
			tallies[c.Item.Side] = t
		}
		t.Total++
		t.By[Category(*c)]++
		r.NewTotal++
		if isGap(*c) {
			if r.OpenTotal < r.MaxListed {
				r.Open = append(r.Open, Gap{Claim: *c, Age: now.Sub(c.Item.Published)})
			}
			r.OpenTotal++
		}
	}
	for _, s := range sides {
		if t := tallies[s]; t != nil {
			r.New = append(r.New, *t)
		}
	}
	r.Chart = chartData(pub, kept, sides, r.From, loc, r.Language)

	evs, err := b.st.ClaimEvents(ctx, []string{alert.EventConfirmed, alert.EventConfirmedLate}, r.From, r.To)
	if err != nil {
		return nil, fmt.Errorf("digest of %s for %s: %w", ch.Name, week, err)
	}
	seen := map[int64]bool{}
	for i := range evs {
		ev := &evs[i]
		if !keep(ev.Claim) || seen[ev.Claim.ID] {
			continue
		}
		seen[ev.Claim.ID] = true
		if r.ClosedTotal < r.MaxListed {
			r.Closed = append(r.Closed, Closure{Claim: ev.Claim, Late: ev.Event == alert.EventConfirmedLate, At: ev.At,
				Took: ev.At.Sub(ev.Claim.Item.Published)})
		}
		r.ClosedTotal++
	}

	res, err := b.st.ClaimsResolved(ctx, r.From, r.To)
	if err != nil {
		return nil, fmt.Errorf("digest of %s for %s: %w", ch.Name, week, err)
	}
	for _, c := range res {
		if keep(c) {
			r.Resolved = append(r.Resolved, c)
		}
	}

	old, err := b.st.OldestOpen(ctx, r.From, b.opts.OldestScan)
	if err != nil {
		return nil, fmt.Errorf("digest of %s for %s: %w", ch.Name, week, err)
	}
	for _, c := range old {
		if keep(c) && len(r.Oldest) < b.opts.MaxListed {
			r.Oldest = append(r.Oldest, Gap{Claim: c, Age: now.Sub(c.Item.Published)})
		}
	}

	feeds, err := b.st.FeedActivity(ctx, r.From, r.To)
	if err != nil {
		return nil, fmt.Errorf("digest of %s for %s: %w", ch.Name, week, err)
	}
	for _, f := range feeds {
		if followsFeed(ch.Filters, f, feeds) {
			r.Feeds = append(r.Feeds, f)
		}
	}
	sort.SliceStable(r.Feeds, func(i, j int) bool { return r.Feeds[i].Feed < r.Feeds[j].Feed })
	return r, nil
}

// normLang maps a language tag to "es" or "en".
func normLang(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "es") {
		return "es"
	}
	return "en"
}

// followsFeed reports whether a channel's digest shows a feed's health:
// the feeds of the sides it follows and of the sides that confirm them
// (alert.MatchFeed); a channel following some feeds of a side sees those
// of that side only.
func followsFeed(f store.Filters, fa store.FeedActivity, all []store.FeedActivity) bool {
	if !alert.MatchFeed(f, fa.Side) {
		return false
	}
	if len(f.Feeds) == 0 || slices.Contains(f.Feeds, fa.Feed) {
		return true
	}
	for _, g := range all {
		if g.Side == fa.Side && slices.Contains(f.Feeds, g.Feed) {
			return false
		}
	}
	return true
}
