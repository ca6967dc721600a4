package match

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestReplayFixtureCorpus replays the project's own labelled corpus
// (cmd/gapwatch/testdata/replay, invented events in the eval format) with
// the shipped lexicon and checks every claim's status, matches and denial,
// and that nothing else is taken for a claim.
func TestReplayFixtureCorpus(t *testing.T) {
	items, labels := loadCorpus(t, filepath.Join("..", "cmd", "gapwatch", "testdata", "replay"))
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(lex, Options{Window: time.Duration(labels.WindowHours) * time.Hour,
		Lookback: time.Duration(labels.LookbackHours) * time.Hour})
	got := map[Ref]Decision{}
	for _, d := range Replay(e, items, nil) {
		got[d.Ref()] = d
	}
	want := map[Ref]bool{}
	for _, c := range labels.Claims {
		r := Ref{c.Feed, c.GUID}
		want[r] = true
		d, ok := got[r]
		if !ok {
			t.Errorf("claim %s/%s not detected", c.Feed, c.GUID)
			continue
		}
		if d.ScoredStatus().String() != c.Status {
			t.Errorf("%s/%s: status %s, want %s\n%s", c.Feed, c.GUID, d.ScoredStatus(), c.Status, d.ExplanationText("en"))
		}
		wantM := append([]Ref{}, c.Matches...)
		sortRefs(wantM)
		if !slices.Equal(d.Matches, wantM) && !(len(d.Matches) == 0 && len(wantM) == 0) {
			t.Errorf("%s/%s: matches %v, want %v", c.Feed, c.GUID, d.Matches, wantM)
		}
	}
	for r, d := range got {
		if !want[r] {
			t.Errorf("%s/%s (%q) taken for a claim", r.Feed, r.GUID, d.Title)
		}
	}
	denied := Ref{"state", "https://www.state.gov/?p=700301"}
	if !got[denied].Denied {
		t.Errorf("the contradicted claim is not marked denied:\n%s", got[denied].ExplanationText("en"))
	}
}
