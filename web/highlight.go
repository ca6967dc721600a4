package web

import (
	"sort"

	"github.com/gapwatch/gapwatch/match"
)

// Segment is a piece of an item's text with how it is highlighted; the
// template prints Text as text, never as markup.
type Segment struct {
	Text string
	// Commitment marks a sentence stating a commitment the claim
	// attributes to the other side.
	Commitment bool
	// Shared marks a concept, person or place both sides name; Label is
	// its id's words.
	Shared bool
	Label  string
}

// span is a byte range of a text to mark.
type span struct {
	start, end int
	commitment bool
	label      string
}

// segments cuts text at the spans' boundaries and marks each piece.
func segments(text string, spans []span) []Segment {
	if len(spans) == 0 {
		return []Segment{{Text: text}}
	}
	cuts := map[int]bool{0: true, len(text): true}
	for _, sp := range spans {
		if sp.start < 0 || sp.end > len(text) || sp.start >= sp.end {
			continue
		}
		cuts[sp.start], cuts[sp.end] = true, true
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	var out []Segment
	for i := 0; i+1 < len(points); i++ {
		a, b := points[i], points[i+1]
		seg := Segment{Text: text[a:b]}
		for _, sp := range spans {
			if sp.start <= a && b <= sp.end {
				if sp.commitment {
					seg.Commitment = true
				} else {
					seg.Shared, seg.Label = true, sp.label
				}
			}
		}
		if n := len(out); n > 0 && out[n-1].Commitment == seg.Commitment && out[n-1].Shared == seg.Shared && out[n-1].Label == seg.Label {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	return out
}

// analysed is an item's text with the spans of its annotations.
type analysed struct {
	text      string
	annots    []match.Annotation
	sentences []match.Sentence
}

func analyse(e *match.Engine, it match.Item) analysed {
	if e == nil {
		return analysed{text: it.Text()}
	}
	a := e.Analyze(it)
	out := analysed{text: a.Text, sentences: a.Sentences}
	for _, s := range a.Sentences {
		out.annots = append(out.annots, s.Annots...)
	}
	return out
}

// sharedSpans are the spans of the annotations whose id is in ids.
func (a analysed) sharedSpans(ids map[string]string) []span {
	var out []span
	for _, an := range a.annots {
		if lbl, ok := ids[an.ID]; ok {
			out = append(out, span{start: an.Start, end: an.End, label: lbl})
		}
	}
	return out
}

// sentencesWith returns the sentences holding a span, each as segments.
func (a analysed) sentencesWith(spans []span, extra []span) [][]Segment {
	var out [][]Segment
	for _, s := range a.sentences {
		var in []span
		for _, sp := range spans {
			if sp.start >= s.Start && sp.end <= s.End {
				in = append(in, span{start: sp.start - s.Start, end: sp.end - s.Start, label: sp.label})
			}
		}
		if len(in) == 0 {
			continue
		}
		for _, sp := range extra {
			if sp.start >= s.Start && sp.end <= s.End {
				in = append(in, span{start: sp.start - s.Start, end: sp.end - s.Start, commitment: true})
			}
		}
		out = append(out, segments(s.Text, in))
	}
	return out
}
