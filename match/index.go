package match

import (
	"math"
	"sort"
	"time"
)

// Index is an in-memory retrieval index of analysed items by day, side and
// feature (concepts and specific entities), so finding a claim's
// candidates reads only the postings of its own features inside its
// window, never every stored item. An Index is not safe for concurrent
// use.
type Index struct {
	e    *Engine
	days map[int64]*dayBucket
	byID map[Ref]*Analysis
	// df and n are rarity statistics over every item seen (pruning keeps
	// them); live counts the items still retrievable.
	df   map[string]int
	n    int
	live int
}

type dayBucket struct {
	items []*Analysis
	// post maps side → feature → items of that day.
	post map[string]map[string][]*Analysis
}

// NewIndex returns an empty index for the engine's items.
func (e *Engine) NewIndex() *Index {
	return &Index{e: e, days: map[int64]*dayBucket{}, byID: map[Ref]*Analysis{}, df: map[string]int{}}
}

// Len returns how many items the index holds for retrieval.
func (ix *Index) Len() int { return ix.live }

func dayOf(t time.Time) int64 { return t.Unix() / 86400 }

// indexed reports whether a feature is posted: concepts and specific
// entities, not governments or nationals, which nearly every item names.
func (ix *Index) indexed(id string) bool {
	ent := ix.e.lex.entries[id]
	if ent == nil {
		return false
	}
	switch ent.Kind {
	case KindGovernment, KindNationals:
		return false
	}
	return true
}

// Add indexes a; an item already indexed under the same feed and GUID (a
// revision) is replaced.
func (ix *Index) Add(a *Analysis) {
	ref := RefOf(a.Item)
	if old, ok := ix.byID[ref]; ok {
		ix.remove(old, true)
	}
	ix.byID[ref] = a
	day := dayOf(a.Item.Published)
	b := ix.days[day]
	if b == nil {
		b = &dayBucket{post: map[string]map[string][]*Analysis{}}
		ix.days[day] = b
	}
	b.items = append(b.items, a)
	side := b.post[a.Item.Side]
	if side == nil {
		side = map[string][]*Analysis{}
		b.post[a.Item.Side] = side
	}
	for _, f := range a.features {
		ix.df[f]++
		if ix.indexed(f) {
			side[f] = append(side[f], a)
		}
	}
	ix.n++
	ix.live++
}

// remove drops a from retrieval; with stats it also takes it out of the
// rarity statistics (a revision replaces it there too).
func (ix *Index) remove(a *Analysis, stats bool) {
	delete(ix.byID, RefOf(a.Item))
	b := ix.days[dayOf(a.Item.Published)]
	if b == nil {
		return
	}
	b.items = without(b.items, a)
	for _, f := range a.features {
		if stats {
			ix.df[f]--
			if ix.df[f] <= 0 {
				delete(ix.df, f)
			}
		}
		if side := b.post[a.Item.Side]; side != nil {
			side[f] = without(side[f], a)
		}
	}
	if stats {
		ix.n--
	}
	ix.live--
}

func without(xs []*Analysis, a *Analysis) []*Analysis {
	out := xs[:0]
	for _, x := range xs {
		if x != a {
			out = append(out, x)
		}
	}
	return out
}

// Prune drops every item published before the day of before from
// retrieval; the rarity statistics keep counting them.
func (ix *Index) Prune(before time.Time) {
	cut := dayOf(before)
	days := make([]int64, 0)
	for d := range ix.days {
		if d < cut {
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	for _, d := range days {
		for _, a := range append([]*Analysis(nil), ix.days[d].items...) {
			ix.remove(a, false)
		}
		delete(ix.days, d)
	}
}

// idfPrior is a count of pseudo-items that hold no feature, so a small
// index does not make every shared feature look common; idfCap bounds the
// weight of a feature seen once, so weights do not grow with the index.
const (
	idfPrior = 20
	idfCap   = 4.0
)

// idf is the rarity weight of a feature: ln(1 + N/(1+df)), with a prior
// and a cap that keep it comparable between small and large indexes.
func (ix *Index) idf(id string) float64 {
	return math.Min(idfCap, math.Log(1+float64(ix.n+idfPrior)/float64(1+ix.df[id])))
}

// Get returns the indexed item with ref, or nil.
func (ix *Index) Get(ref Ref) *Analysis { return ix.byID[ref] }

// Candidates returns the other side's items in the claim's window
// [published − lookback, published + window] that share at least one
// indexed feature with it, in publication order.
func (e *Engine) Candidates(ix *Index, claim *Analysis) []*Analysis {
	return e.candidatesIn(ix, claim, claim.Item.Published.Add(-e.opts.Lookback), e.Deadline(claim))
}

func (e *Engine) candidatesIn(ix *Index, claim *Analysis, from, to time.Time) []*Analysis {
	seen := map[*Analysis]bool{}
	var out []*Analysis
	side := claim.Item.Side
	for d := dayOf(from); d <= dayOf(to); d++ {
		b := ix.days[d]
		if b == nil {
			continue
		}
		for s, posts := range b.post {
			if s == side || s == "" {
				continue
			}
			for _, f := range claim.features {
				for _, c := range posts[f] {
					if seen[c] {
						continue
					}
					seen[c] = true
					p := c.Item.Published
					if p.Before(from) || p.After(to) {
						continue
					}
					out = append(out, c)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		pi, pj := out[i].Item.Published, out[j].Item.Published
		if !pi.Equal(pj) {
			return pi.Before(pj)
		}
		return refLess(RefOf(out[i].Item), RefOf(out[j].Item))
	})
	return out
}
