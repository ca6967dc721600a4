package match

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestExplanationGolden renders the explanations of a few decisions, in
// both newsroom languages, against golden files (go test -update rewrites
// them).
func TestExplanationGolden(t *testing.T) {
	h := time.Hour
	scenarios := []struct {
		name  string
		items []Item
		claim string
		gap   time.Duration
	}{
		{"confirmed", []Item{
			mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
			usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(20*h)),
		}, "c1", 0},
		{"partial", []Item{
			mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
			usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz",
				"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9 in Nogales. They discussed water deliveries and asylum seekers.", day0.Add(5*h)),
			{Feed: "cbp", Side: "us", GUID: "s1", Language: "en", Published: day0.Add(30 * h), Title: "Nogales Officers Seize Rifles",
				Content: "CBP officers at the Nogales port of entry seized 30 rifles linked to arms trafficking."},
		}, "c1", 0},
		{"denied", []Item{
			mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
			usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz",
				"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9 in Nogales. No agreement was reached on a joint operation against arms trafficking.", day0.Add(3*h)),
		}, "c1", 0},
		{"unverified", []Item{
			mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
		}, "c1", 31 * h},
	}
	for _, sc := range scenarios {
		for _, lang := range []string{"en", "es"} {
			t.Run(sc.name+"_"+lang, func(t *testing.T) {
				e := testEngine(t)
				cov := func(side string, from, to time.Time) Coverage {
					return Coverage{"state": {Feed: "state", Side: "us", Watched: to.Sub(from) - 48*h, Failing: sc.gap}}
				}
				d := decisionFor(t, Replay(e, append(background(), sc.items...), cov), sc.claim)
				got := d.ExplanationText(lang) + "\n"
				path := filepath.Join("testdata", "explain", sc.name+"."+lang+".golden")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("explanation differs from %s:\n--- got\n%s--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// TestExplanationSaysWhatAJournalistChecks asserts the facts a reader
// relies on, independently of the layout.
func TestExplanationSaysWhatAJournalistChecks(t *testing.T) {
	e := testEngine(t)
	items := append(background(),
		mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
		usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz",
			"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9 in Nogales. They discussed water deliveries and asylum seekers.", day0.Add(5*time.Hour)))
	d := decisionFor(t, Replay(e, items, nil), "c1")
	en := d.ExplanationText("en")
	for _, want := range []string{"PARTIAL", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", "Ana Ruiz", "NOT STATED", "arms trafficking", "Window: 2031-03-08 15:00 UTC → 2031-03-17 15:00 UTC"} {
		if !strings.Contains(en, want) {
			t.Errorf("English explanation lacks %q:\n%s", want, en)
		}
	}
	es := d.ExplanationText("es")
	for _, want := range []string{"PARCIAL", "tráfico de armas", "Ventana:"} {
		if !strings.Contains(es, want) {
			t.Errorf("Spanish explanation lacks %q:\n%s", want, es)
		}
	}
	// An outage is named in hours.
	cov := func(side string, from, to time.Time) Coverage {
		return Coverage{"state": {Feed: "state", Side: "us", Watched: 168 * time.Hour, Failing: 31 * time.Hour}}
	}
	d = decisionFor(t, Replay(e, append(background(), mxItem("c2", "Acuerdo", mxArmsClaim, day0)), cov), "c2")
	if txt := d.ExplanationText("en"); !strings.Contains(txt, "state feed failing 31 of 168 hours") {
		t.Errorf("outage not named:\n%s", txt)
	}
}
