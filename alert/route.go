package alert

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Route is one destination with the filters that select what it receives:
// a configured channel or a subscription made from chat.
type Route struct {
	// Channel is the destination.
	Channel Channel
	// Language is the language of its messages ("" = the pipeline's).
	Language string
	// Filters select the claims and feed alerts it receives.
	Filters store.Filters
}

// SubscriptionRoute is the route of a stored subscription; its channel's
// name is "platform:target".
func SubscriptionRoute(s store.Subscription) Route {
	return Route{
		Channel:  Channel{Name: s.Channel.String(), Platform: s.Channel.Platform, Target: s.Channel.Target},
		Language: s.Language,
		Filters:  s.Filters,
	}
}

// Subscriptions is the part of the store routing reads.
type Subscriptions interface {
	Subscriptions(ctx context.Context) ([]store.Subscription, error)
}

// Router returns every route in force: the configured ones, then the
// subscriptions stored at run time (a configured channel's name wins over
// a subscription to the same destination).
type Router struct {
	// Static are the configured routes.
	Static []Route
	// Store holds the subscriptions (nil: configured routes only).
	Store Subscriptions
}

// Routes returns the routes in force now.
func (r Router) Routes(ctx context.Context) ([]Route, error) {
	out := append([]Route(nil), r.Static...)
	if r.Store == nil {
		return out, nil
	}
	subs, err := r.Store.Subscriptions(ctx)
	if err != nil {
		return nil, fmt.Errorf("routes: %w", err)
	}
	for _, s := range subs {
		sr := SubscriptionRoute(s)
		dup := slices.ContainsFunc(out, func(x Route) bool {
			return x.Channel.Platform == sr.Channel.Platform && x.Channel.Target == sr.Channel.Target && x.Channel.Target != ""
		})
		if !dup {
			out = append(out, sr)
		}
	}
	return out, nil
}

// Importance grades a claim for min_importance filters: 3 (high) when the
// other side contradicts it or it states three or more commitments or a
// commitment with places or quantities; 1 (low) when every commitment is
// hedged or the engine asks for review; 2 otherwise.
func Importance(d match.Decision) int {
	if d.Abstain == match.NeedsReview {
		return 1
	}
	if d.Denied || len(d.Units) >= 3 {
		return 3
	}
	hedged := len(d.Units) > 0
	for _, u := range d.Units {
		if len(u.Unit.Places) > 0 || len(u.Unit.Quantities) > 0 {
			return 3
		}
		if u.Unit.Modality != match.ModalityHedged {
			hedged = false
		}
	}
	if hedged {
		return 1
	}
	return 2
}

// StatusName is the status a filter compares: the abstention when the
// decision abstains (unverified, needs_review), else the verdict.
func StatusName(d match.Decision) string {
	if d.Abstain != match.NoAbstention {
		return d.Abstain.String()
	}
	return d.Status.String()
}

// MatchClaim reports whether a claim, with its item and current decision,
// passes the filters.
func MatchClaim(f store.Filters, it match.Item, d match.Decision) bool {
	if len(f.Sides) > 0 && !slices.Contains(f.Sides, it.Side) {
		return false
	}
	if len(f.Feeds) > 0 && !slices.Contains(f.Feeds, it.Feed) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, StatusName(d)) && !slices.Contains(f.Statuses, d.Status.String()) {
		return false
	}
	if len(f.Concepts) > 0 {
		found := false
		for _, u := range d.Units {
			for _, id := range append(append([]string{}, u.Unit.Objects...), u.Unit.Places...) {
				if slices.Contains(f.Concepts, id) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	if len(f.Keywords) > 0 {
		text := fold(it.Title + "\n" + it.Text())
		found := false
		for _, k := range f.Keywords {
			if k = fold(strings.TrimSpace(k)); k != "" && strings.Contains(text, k) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return f.MinImportance <= 0 || Importance(d) >= f.MinImportance
}

// MatchFeed reports whether a feed alert about a feed of side reaches a
// channel with these filters: every channel that follows claims of that
// side or of the side whose claims the feed confirms. Status, concept,
// keyword and importance filters do not apply to feed alerts.
func MatchFeed(f store.Filters, side string) bool {
	if len(f.Sides) == 0 {
		return true
	}
	return slices.Contains(f.Sides, side) || slices.Contains(f.Sides, match.Other(side))
}

// fold lower-cases s and removes its accents, so that keyword filters
// match "tráfico" with "trafico".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
