package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Suggestion is one claim offered while a user types an ID (Discord's
// autocomplete): the value to fill in and a label to show.
type Suggestion struct {
	// ID is the claim's ID, the value the command receives.
	ID int64
	// Label is "#42 PARTIAL — title", plain and at most 100 runes
	// (Discord's limit for a choice's name).
	Label string
}

// suggestScan is how many recent claims Suggest looks through.
const suggestScan = 200

// Suggest returns up to limit recent claims, open gaps first, whose ID
// starts with typed or whose title contains it (case- and
// accent-insensitively). It records no action: it runs on every keystroke.
func (b *Bot) Suggest(ctx context.Context, typed string, limit int) ([]Suggestion, error) {
	typed = strings.TrimPrefix(strings.TrimSpace(typed), "#")
	want := match.Fold(typed)
	if limit <= 0 {
		limit = 25
	}
	resolved := false
	open, err := b.opts.Queries.Claims(ctx, store.ClaimQuery{Statuses: openStatuses, Resolved: &resolved, Limit: suggestScan})
	if err != nil {
		return nil, fmt.Errorf("suggest claims: %w", err)
	}
	rest, err := b.opts.Queries.Claims(ctx, store.ClaimQuery{Limit: suggestScan})
	if err != nil {
		return nil, fmt.Errorf("suggest claims: %w", err)
	}
	var out []Suggestion
	seen := map[int64]bool{}
	for _, cl := range append(open, rest...) {
		if len(out) >= limit {
			break
		}
		if seen[cl.ID] {
			continue
		}
		seen[cl.ID] = true
		id := strconv.FormatInt(cl.ID, 10)
		if want != "" && !strings.HasPrefix(id, typed) && !strings.Contains(match.Fold(cl.Item.Title), want) {
			continue
		}
		label := Cut(OneLine(fmt.Sprintf("#%d %s — %s", cl.ID, statusLabel(cl), sanitize(cl.Item.Title))), 100, "")
		out = append(out, Suggestion{ID: cl.ID, Label: label})
	}
	return out, nil
}
