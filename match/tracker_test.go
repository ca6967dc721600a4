package match

import (
	"testing"
	"time"
)

func kinds(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Kind.String()+":"+e.Decision.GUID+":"+e.Decision.Status.String())
	}
	return out
}

func TestTrackerLifecycle(t *testing.T) {
	e := testEngine(t)
	tr := e.NewTracker()
	h := time.Hour
	for _, it := range background() {
		tr.Observe(e.Analyze(it), nil, it.Published)
	}
	type step struct {
		name    string
		at      time.Duration
		item    *Item
		advance bool
		want    []string
	}
	claimA := mxItem("a", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0)
	claimB := usItem("b", "Water", "The Government of Mexico committed to extend water deliveries at the Nogales port of entry through the summer.", day0.Add(h))
	confirmA := usItem("ua", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(30*h))
	lateB := mxItem("mb", "Entregas de agua", "México y Estados Unidos acordaron extender las entregas de agua en la garita de Nogales durante el verano.", day0.Add(200*h))
	steps := []step{
		{name: "new claim is pending", at: 0, item: &claimA, want: []string{"new_claim:a:pending"}},
		{name: "second claim", at: h, item: &claimB, want: []string{"new_claim:b:pending"}},
		{name: "nothing due yet", at: 20 * h, advance: true, want: nil},
		// The US readout is itself a claim (it says Mexico agreed), confirmed
		// by the claim before it; and it confirms that claim early.
		{name: "confirmed early", at: 30 * h, item: &confirmA,
			want: []string{"new_claim:ua:confirmed", "confirmed:ua:confirmed", "confirmed:a:confirmed"}},
		{name: "deadlines pass", at: 170 * h, advance: true, want: []string{"final:a:confirmed", "final:b:unconfirmed"}},
		{name: "late confirmation keeps the verdict", at: 200 * h, item: &lateB,
			want: []string{"new_claim:mb:pending", "confirmed_late:b:unconfirmed"}},
		{name: "the rest closes", at: 400 * h, advance: true, want: []string{"final:ua:confirmed", "final:mb:unconfirmed"}},
		{name: "nothing more", at: 900 * h, advance: true, want: nil},
	}
	for _, s := range steps {
		now := day0.Add(s.at)
		var evs []Event
		if s.item != nil {
			evs = tr.Observe(e.Analyze(*s.item), nil, now)
		}
		if s.advance {
			evs = tr.Advance(nil, now)
		}
		got := kinds(evs)
		if len(got) != len(s.want) {
			t.Fatalf("%s: events %v, want %v", s.name, got, s.want)
		}
		for i := range got {
			if got[i] != s.want[i] {
				t.Fatalf("%s: events %v, want %v", s.name, got, s.want)
			}
		}
	}
}

func TestTrackerRevisionReplacesItem(t *testing.T) {
	e := testEngine(t)
	tr := e.NewTracker()
	it := mxItem("a", "Reunión", "El canciller Ruiz conversó con el secretario de Estado Halloran.", day0)
	if evs := tr.Observe(e.Analyze(it), nil, day0); len(evs) != 0 {
		t.Fatalf("a readout raised %v", kinds(evs))
	}
	it.Content = mxArmsClaim
	it.Revision = 1
	evs := tr.Observe(e.Analyze(it), nil, day0.Add(time.Hour))
	if len(evs) != 1 || evs[0].Kind != EventNewClaim {
		t.Fatalf("revised item into a claim: %v", kinds(evs))
	}
	if tr.Index().Len() != 1 {
		t.Errorf("index holds %d items after a revision, want 1", tr.Index().Len())
	}
}

func TestReplayIsDeterministic(t *testing.T) {
	e := testEngine(t)
	items := append(background(),
		mxItem("a", "Acuerdo", mxArmsClaim, day0),
		usItem("ua", "Meeting", usArmsOK, day0.Add(time.Hour)),
		usItem("b", "Water", "The Government of Mexico committed to extend water deliveries.", day0.Add(time.Hour)))
	first := Replay(e, items, nil)
	// Reverse the input: replay sorts by publication itself.
	rev := make([]Item, len(items))
	for i, it := range items {
		rev[len(items)-1-i] = it
	}
	second := Replay(e, rev, nil)
	if len(first) != len(second) || len(first) == 0 {
		t.Fatalf("%d vs %d decisions", len(first), len(second))
	}
	for i := range first {
		a, _ := first[i].ReplayJSON()
		b, _ := second[i].ReplayJSON()
		if string(a) != string(b) {
			t.Errorf("decision %d differs:\n%s\n%s", i, a, b)
		}
	}
}
