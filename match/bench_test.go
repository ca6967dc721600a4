package match

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// synthIndex builds an index of n synthetic analysed items spread evenly
// over span, with features drawn from the shipped lexicon (a skewed draw,
// so some concepts are common and most are rare).
func synthIndex(b *testing.B, e *Engine, n int, span time.Duration) (*Index, time.Time) {
	b.Helper()
	ids := e.lex.IDs()
	var concepts, entities []string
	for _, id := range ids {
		switch e.lex.entries[id].Kind {
		case KindConcept:
			concepts = append(concepts, id)
		case KindGovernment, KindNationals:
		default:
			entities = append(entities, id)
		}
	}
	if len(concepts) == 0 {
		concepts = entities[:len(entities)/2]
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string {
		// Squared uniform: low indexes are drawn more often.
		f := r.Float64()
		return xs[int(f*f*float64(len(xs)))]
	}
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	step := span / time.Duration(n)
	ix := e.NewIndex()
	sides := []string{"mx", "us"}
	for i := range n {
		a := synthAnalysis(e.lex, i, sides[i%2], start.Add(time.Duration(i)*step), r, pick, concepts, entities)
		ix.Add(a)
	}
	return ix, start.Add(span / 2)
}

func synthAnalysis(lex *Lexicon, i int, side string, at time.Time, r *rand.Rand, pick func([]string) string, concepts, entities []string) *Analysis {
	a := &Analysis{Item: Item{Feed: side + "-feed", Side: side, GUID: fmt.Sprint(i), Published: at, Title: "synthetic"},
		Concepts: map[string]int{}, Entities: map[string]int{}, Parties: []string{"mx", "us"}}
	s := Sentence{Index: 0, Text: "synthetic sentence", Statement: true}
	for range 3 + r.IntN(4) {
		c := pick(concepts)
		a.Concepts[c]++
		s.Annots = append(s.Annots, Annotation{ID: c, Kind: KindConcept})
	}
	for range 2 + r.IntN(3) {
		a.Entities[pick(entities)]++
	}
	a.Sentences = []Sentence{s}
	if i%3 == 0 {
		a.Events = []string{"event_meeting"}
	}
	a.Units = []Unit{{Action: CueAgree, Objects: sortedCountKeys(a.Concepts), Parties: []string{"both_governments"}}}
	a.prepare(lex)
	return a
}

var benchIndexes sync.Map

// BenchmarkDecideNewItem measures deciding one new item (candidates from
// the index, scoring, unit verification, explanation) against indexes of
// different sizes and densities: cost follows the items inside the
// window, not the total held.
func BenchmarkDecideNewItem(b *testing.B) {
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	e := NewEngine(lex, Options{})
	cases := []struct {
		name string
		n    int
		span time.Duration
	}{
		{"100k_over_2y", 100_000, 2 * 365 * 24 * time.Hour},
		{"1M_over_20y", 1_000_000, 20 * 365 * 24 * time.Hour},
		{"1M_over_2y", 1_000_000, 2 * 365 * 24 * time.Hour},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			type built struct {
				ix  *Index
				mid time.Time
			}
			v, ok := benchIndexes.Load(c.name)
			if !ok {
				ix, mid := synthIndex(b, e, c.n, c.span)
				v = built{ix, mid}
				benchIndexes.Store(c.name, v)
			}
			ix, mid := v.(built).ix, v.(built).mid
			r := rand.New(rand.NewPCG(3, 4))
			ids := lex.IDs()
			var concepts, entities []string
			for _, id := range ids {
				if lex.entries[id].Kind == KindConcept {
					concepts = append(concepts, id)
				} else {
					entities = append(entities, id)
				}
			}
			if len(concepts) == 0 {
				concepts = entities[:len(entities)/2]
			}
			pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
			claims := make([]*Analysis, 64)
			for i := range claims {
				claims[i] = synthAnalysis(lex, -i-1, "mx", mid.Add(time.Duration(i)*time.Hour), r, pick, concepts, entities)
			}
			inWindow := len(e.candidatesIn(ix, claims[0], claims[0].Item.Published.Add(-e.opts.Lookback), e.Deadline(claims[0])))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				cl := claims[i%len(claims)]
				d := e.decide(ix, cl, e.Candidates(ix, cl), nil, cl.Item.Published.Add(e.opts.Window), time.Time{})
				if d.Feed == "" {
					b.Fatal("empty decision")
				}
			}
			b.ReportMetric(float64(inWindow), "candidates")
		})
	}
}

// BenchmarkAnalyze measures normalising and annotating one press release.
func BenchmarkAnalyze(b *testing.B) {
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	e := NewEngine(lex, Options{})
	it := mxItem("b", "Acuerdo contra el tráfico de armas", mxArmsClaim+" "+mxArmsClaim+" "+mxArmsClaim, day0)
	b.ReportAllocs()
	for b.Loop() {
		e.Analyze(it)
	}
}

// BenchmarkReplayCorpus replays a labelled corpus end to end (analysis,
// index, lifecycle, decisions): the dev corpus when GAPWATCH_DEV_CORPUS
// names it, else the project's fixture corpus.
func BenchmarkReplayCorpus(b *testing.B) {
	dir := os.Getenv("GAPWATCH_DEV_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "cmd", "gapwatch", "testdata", "replay")
	}
	items, labels := loadCorpus(b, dir)
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	e := NewEngine(lex, Options{Window: time.Duration(labels.WindowHours) * time.Hour,
		Lookback: time.Duration(labels.LookbackHours) * time.Hour})
	b.ReportAllocs()
	for b.Loop() {
		if len(Replay(e, items, nil)) == 0 {
			b.Fatal("no decisions")
		}
	}
	b.ReportMetric(float64(len(items)), "items")
}
