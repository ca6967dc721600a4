package digest_test

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file (run with -update to create): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

// digestTime is when the week's digest is due: Monday 23 November 09:00
// in Mexico City.
var digestTime = local(11, 23, 9, 0)

func TestWeekSections(t *testing.T) {
	st, _ := tempStore(t)
	fill(t, st, weekClaims())
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			ch := desk
			ch.Language = lang
			r, err := newBuilder(st).Build(context.Background(), ch, week47, digestTime)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			golden(t, "week-"+lang+".golden", r.Title()+"\n\n"+r.Text()+"\n")
		})
	}
}

func TestWeekContents(t *testing.T) {
	st, _ := tempStore(t)
	fill(t, st, weekClaims())
	r, err := newBuilder(st).Build(context.Background(), desk, week47, digestTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	guids := func(cs []store.Claim) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Item.GUID)
		}
		return out
	}
	var open, oldest, closed []store.Claim
	for _, g := range r.Open {
		open = append(open, g.Claim)
	}
	for _, g := range r.Oldest {
		oldest = append(oldest, g.Claim)
	}
	for _, c := range r.Closed {
		closed = append(closed, c.Claim)
	}
	checks := []struct {
		what      string
		got, want []string
	}{
		{"still open", guids(open), []string{"state-b", "sre-c", "state-d", "sre-k"}},
		{"closed", guids(closed), []string{"sre-a", "sre-g"}},
		{"resolved", guids(r.Resolved), []string{"sre-e", "state-f"}},
		{"oldest open", guids(oldest), []string{"sre-i", "state-h"}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if r.NewTotal != 7 {
		t.Errorf("new claims = %d, want 7 (the claims published Monday to Sunday in Mexico City)", r.NewTotal)
	}
	if !r.Closed[1].Late || r.Closed[0].Late {
		t.Errorf("late flags = %v %v, want the old claim's confirmation late only", r.Closed[0].Late, r.Closed[1].Late)
	}
	if got, want := r.Closed[0].Took, 22*time.Hour; got != want {
		t.Errorf("confirmation took %s, want %s", got, want)
	}
	var silent []string
	for _, f := range r.Feeds {
		if f.Items == 0 {
			silent = append(silent, f.Feed)
		}
	}
	if !slices.Equal(silent, []string{"cbp"}) {
		t.Errorf("silent feeds = %v, want cbp", silent)
	}

	// Long lists show their first entries and count the rest.
	short, err := digest.NewBuilder(st, digest.Options{Sides: []string{"mx", "us"}, MaxListed: 3}).Build(context.Background(), desk, week47, digestTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if len(short.Open) != 3 || short.OpenTotal != 4 || !strings.Contains(short.Text(), "Still open from this week (4):") ||
		!strings.Contains(short.Text(), "… and 1 more") || !strings.HasSuffix(short.Title(), "4 still open") {
		t.Errorf("a list of 4 capped at 3: %d listed of %d\n%s", len(short.Open), short.OpenTotal, short.Text())
	}

	// A channel following Mexico's claims sees only them (and every feed
	// that could confirm them).
	mx := desk
	mx.Filters.Sides = []string{"mx"}
	r, err = newBuilder(st).Build(context.Background(), mx, week47, digestTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if r.NewTotal != 4 || len(r.New) != 1 || r.New[0].Side != "mx" || len(r.Feeds) != 3 {
		t.Errorf("mx channel: %d new claims by %d sides, %d feeds; want 4 by mx only, 3 feeds", r.NewTotal, len(r.New), len(r.Feeds))
	}
}

func TestEmptyWeek(t *testing.T) {
	st, _ := tempStore(t)
	fill(t, st, weekClaims())
	for _, lang := range []string{"en", "es"} {
		ch := desk
		ch.Language = lang
		r, err := newBuilder(st).Build(context.Background(), ch, digest.Week{Year: 2026, Num: 30}, digestTime)
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		if !r.Empty() {
			t.Fatalf("week 30 is not empty: %d new, %d closed, %d resolved", r.NewTotal, len(r.Closed), len(r.Resolved))
		}
		text := r.Text()
		if bytes.Count([]byte(text), []byte("\n")) != 0 {
			t.Errorf("empty week in %d lines, want one:\n%s", bytes.Count([]byte(text), []byte("\n"))+1, text)
		}
		golden(t, "empty-"+lang+".golden", text+"\n")
		msg, err := digest.Message(r, ch, digestTime)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(msg.Payload, []byte("attachments")) {
			t.Errorf("an empty week carries a chart: %s", msg.Payload)
		}
	}
}

func TestChartData(t *testing.T) {
	st, _ := tempStore(t)
	fill(t, st, weekClaims())
	r, err := newBuilder(st).Build(context.Background(), desk, week47, digestTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	type bar struct {
		cat  string
		day  int
		side string
	}
	want := map[bar]int{
		{digest.Confirmed, 0, "mx"}:   1, // sre-a, confirmed in the week
		{digest.Open, 1, "us"}:        1, // state-b
		{digest.Unconfirmed, 2, "mx"}: 1, // sre-c
		{digest.Partial, 3, "us"}:     1, // state-d
		{digest.Confirmed, 4, "mx"}:   1, // sre-e, confirmed by hand
		{digest.Dismissed, 5, "us"}:   1, // state-f
		{digest.Open, 6, "mx"}:        1, // sre-k, Sunday 23:30 in Mexico City (Monday in UTC)
	}
	total := 0
	for _, cat := range digest.Categories {
		for day := range 7 {
			for _, side := range []string{"mx", "us"} {
				got := r.Chart.Count(cat, day, side)
				total += got
				if got != want[bar{cat, day, side}] {
					t.Errorf("chart %s on day %d for %s = %d, want %d", cat, day, side, got, want[bar{cat, day, side}])
				}
			}
		}
	}
	if total != r.NewTotal {
		t.Errorf("chart holds %d claims, the text counts %d", total, r.NewTotal)
	}
	if len(r.Chart.Labels) != 14 || r.Chart.Labels[0] != "Mon 16\nmx" || r.Chart.Labels[13] != "Sun 22\nus" {
		t.Errorf("bar labels = %q", r.Chart.Labels)
	}

	data, err := r.ChartPNG()
	if err != nil {
		t.Fatalf("ChartPNG: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the chart is not a valid PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != digest.ChartWidth || b.Dy() != digest.ChartHeight {
		t.Errorf("chart is %dx%d, want %dx%d", b.Dx(), b.Dy(), digest.ChartWidth, digest.ChartHeight)
	}
	svg, err := r.ChartSVG()
	if err != nil {
		t.Fatalf("ChartSVG: %v", err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("Claims per day, week 2026-W47")) {
		t.Errorf("ChartSVG is not an SVG of the chart: %.200s", svg)
	}
	// Every category has a bar, so each stack colour is drawn.
	for _, cat := range digest.Categories {
		if n := countColor(img, digest.CategoryColor(cat)); n < 50 {
			t.Errorf("%s colour covers %d pixels, want a drawn bar", cat, n)
		}
	}
}

func countColor(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B && uint8(a>>8) == c.A {
				n++
			}
		}
	}
	return n
}
