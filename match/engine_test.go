package match

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// background adds unrelated items of both sides so rarity weights are
// realistic.
func background() []Item {
	var items []Item
	for i := range 12 {
		at := day0.Add(-time.Duration(20+i) * 24 * time.Hour)
		items = append(items,
			mxItem("bg-mx-"+string(rune('a'+i)), "Consulados", "La Cancillería informa sobre servicios consulares en Tucson.", at),
			usItem("bg-us-"+string(rune('a'+i)), "Travel", "U.S. citizens traveling to Mexico should check the advisory.", at))
	}
	return items
}

func decisionFor(t *testing.T, ds []Decision, guid string) Decision {
	t.Helper()
	for _, d := range ds {
		if d.GUID == guid {
			return d
		}
	}
	t.Fatalf("no decision for %s in %d decisions", guid, len(ds))
	return Decision{}
}

func refs(feedGUID ...string) []Ref {
	var out []Ref
	for i := 0; i+1 < len(feedGUID); i += 2 {
		out = append(out, Ref{Feed: feedGUID[i], GUID: feedGUID[i+1]})
	}
	return out
}

const (
	mxArmsClaim = "México y Estados Unidos acordaron un operativo conjunto contra el tráfico de armas en la garita de Nogales, tras la reunión del 9 de marzo entre el canciller Ruiz y el secretario de Estado Halloran."
	usArmsOK    = "Secretary Halloran and Foreign Secretary Ruiz met on March 9. The United States and Mexico agreed to launch a joint operation against arms trafficking at the Nogales port of entry."
)

func TestMatching(t *testing.T) {
	h := 24 * time.Hour
	tests := []struct {
		name        string
		items       []Item
		claim       string
		status      Status
		matches     []Ref
		denied      bool
		late        bool
		abstain     Abstention
		coverageGap time.Duration
	}{
		{
			name: "cross-language pair confirms",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(20*time.Hour)),
			},
			claim: "c1", status: Confirmed, matches: refs("state", "u1"),
		},
		{
			name: "counterpart published first, inside the lookback",
			items: []Item{
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(-30*time.Hour)),
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
			},
			claim: "c1", status: Confirmed, matches: refs("state", "u1"),
		},
		{
			name: "same meeting without the commitment is partial",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz",
					"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9 in Nogales. They discussed water deliveries and asylum seekers.", day0.Add(5*time.Hour)),
			},
			claim: "c1", status: Partial, matches: refs("state", "u1"),
		},
		{
			name: "two meetings of the same officials are told apart by date",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				usItem("u-other", "Secretary Halloran's Call With Foreign Secretary Ruiz",
					"Secretary Halloran spoke with Mexican Foreign Secretary Ruiz on March 14 about arms trafficking and water deliveries. They discussed asylum seekers.", day0.Add(4*h)),
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(6*time.Hour)),
			},
			claim: "c1", status: Confirmed, matches: refs("state", "u1"),
		},
		{
			name: "a unilateral seizure at the same crossing is not a match",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				{Feed: "cbp", Side: "us", GUID: "s1", Language: "en", Published: day0.Add(2 * h), Title: "Nogales Officers Seize Rifles",
					Content: "CBP officers at the Nogales port of entry seized 30 rifles in a southbound vehicle. The firearms trafficking case was referred to investigators."},
			},
			claim: "c1", status: Unconfirmed,
		},
		{
			name: "counterpart after the window is late",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz", usArmsOK, day0.Add(8*h)),
			},
			claim: "c1", status: Unconfirmed, late: true,
		},
		{
			name: "the other side contradicts the claim",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				usItem("u1", "Secretary Halloran's Meeting With Foreign Secretary Ruiz",
					"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9 in Nogales. No agreement was reached on a joint operation against arms trafficking.", day0.Add(3*time.Hour)),
			},
			claim: "c1", status: Partial, matches: refs("state", "u1"), denied: true,
		},
		{
			name: "a same-side translation is never a confirmation",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
				{Feed: "sre", Side: "mx", GUID: "c1-en", Language: "en", Published: day0.Add(time.Hour), Title: "Agreement against arms trafficking", Content: usArmsOK},
			},
			claim: "c1", status: Unconfirmed,
		},
		{
			name: "a failing feed turns unconfirmed into unverified",
			items: []Item{
				mxItem("c1", "Acuerdo contra el tráfico de armas", mxArmsClaim, day0),
			},
			claim: "c1", status: Unconfirmed, abstain: Unverified, coverageGap: 31 * time.Hour,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := testEngine(t)
			cov := func(side string, from, to time.Time) Coverage {
				return Coverage{"state": {Feed: "state", Side: "us", Watched: to.Sub(from), Failing: tt.coverageGap}}
			}
			ds := Replay(e, append(background(), tt.items...), cov)
			d := decisionFor(t, ds, tt.claim)
			if d.Status != tt.status {
				t.Errorf("status = %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
			if !slices.Equal(d.Matches, tt.matches) && !(len(d.Matches) == 0 && len(tt.matches) == 0) {
				t.Errorf("matches = %v, want %v\n%s", d.Matches, tt.matches, d.ExplanationText("en"))
			}
			if d.Denied != tt.denied {
				t.Errorf("denied = %v, want %v", d.Denied, tt.denied)
			}
			if d.ConfirmedLate != tt.late {
				t.Errorf("confirmed_late = %v, want %v", d.ConfirmedLate, tt.late)
			}
			if d.Abstain != tt.abstain {
				t.Errorf("abstain = %s, want %s", d.Abstain, tt.abstain)
			}
			if !d.Final {
				t.Errorf("replay returned a non-final decision")
			}
		})
	}
}

func TestCandidatesStayInWindow(t *testing.T) {
	e := testEngine(t)
	ix := e.NewIndex()
	claim := e.Analyze(mxItem("c1", "Acuerdo", mxArmsClaim, day0))
	in := []time.Duration{-47 * time.Hour, 0, 100 * time.Hour, 168 * time.Hour}
	out := []time.Duration{-49 * time.Hour, 169 * time.Hour}
	for i, d := range append(in, out...) {
		ix.Add(e.Analyze(usItem("u"+string(rune('a'+i)), "Arms", "Arms trafficking at the Nogales port of entry.", day0.Add(d))))
	}
	ix.Add(e.Analyze(mxItem("m", "Armas", "Tráfico de armas en Nogales.", day0)))
	got := e.Candidates(ix, claim)
	if len(got) != len(in) {
		t.Fatalf("got %d candidates, want %d", len(got), len(in))
	}
	for _, c := range got {
		if c.Item.Side != "us" {
			t.Errorf("candidate from the claim's own side: %s", c.Item.GUID)
		}
	}
	ix.Prune(day0)
	if got := e.Candidates(ix, claim); len(got) != 3 {
		t.Errorf("after pruning the days before the claim: %d candidates, want 3", len(got))
	}
}

func TestStatusJSON(t *testing.T) {
	for _, s := range []Status{Pending, Confirmed, Partial, Unconfirmed} {
		b, _ := s.MarshalText()
		var back Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %s: %v %v", s, back, err)
		}
	}
	if NeedsReview.String() != "needs_review" || Unverified.String() != "unverified" || NoAbstention.String() != "" {
		t.Errorf("abstention words: %q %q %q", NeedsReview, Unverified, NoAbstention)
	}
	for _, k := range []EventKind{EventNewClaim, EventConfirmed, EventFinal, EventConfirmedLate} {
		b, _ := k.MarshalText()
		var back EventKind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("round trip of %s: %v %v", k, back, err)
		}
	}
	if EventConfirmedLate.String() != "confirmed_late" {
		t.Errorf("event word %q", EventConfirmedLate)
	}
}

func TestReplayJSON(t *testing.T) {
	d := Decision{Feed: "sre", GUID: "g", Status: Partial, Matches: []Ref{{"state", "s"}}, Denied: true}
	b, err := d.ReplayJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"feed":"sre","guid":"g","status":"partial","matches":[{"feed":"state","guid":"s"}],`
	if string(b[:len(want)]) != want {
		t.Errorf("ReplayJSON = %s", b)
	}
	d.Abstain = NeedsReview
	b, _ = d.ReplayJSON()
	if !strings.Contains(string(b), `"status":"partial"`) || !strings.Contains(string(b), `"abstain":"needs_review"`) {
		t.Errorf("needs_review does not keep its underlying status: %s", b)
	}
	d.Status = Pending
	if d.ScoredStatus() != Unconfirmed {
		t.Errorf("a pending decision scores as %s", d.ScoredStatus())
	}
}

func TestSentenceKinds(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, text, lang              string
		statement, denial, discussion bool
	}{
		{"fact verb", "CBP returned 32 rifles to the Mexican consulate in Tucson.", "en", true, false, false},
		{"discussion", "They discussed water deliveries and asylum seekers.", "en", false, false, true},
		{"denial cue", "No agreement was reached on water deliveries.", "en", false, true, false},
		{"negated agreement noun", "Las medidas no derivan de acuerdos ni de compromisos con otro gobierno.", "es", false, true, false},
		{"declined means decreased", "Apprehensions declined in June.", "en", false, false, false},
		{"negated fact", "Mexico did not receive the returned migrants.", "en", false, false, false},
		{"english progressive", "USAID is sending a relief team and water filters to Tampico.", "en", true, false, false},
		{"spanish progressive", "La Guardia Nacional está desplegando elementos en la frontera sur.", "es", true, false, false},
		{"an adjective in -ing is no action", "The outlook is encouraging for water deliveries.", "en", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Item{Side: "us", Language: tt.lang, Published: day0, Title: "T", Content: tt.text}
			a := e.Analyze(it)
			s := a.Sentences[len(a.Sentences)-1]
			if s.Statement != tt.statement || s.Denial != tt.denial || s.Discussion != tt.discussion {
				t.Errorf("statement=%v denial=%v discussion=%v, want %v %v %v", s.Statement, s.Denial, s.Discussion,
					tt.statement, tt.denial, tt.discussion)
			}
		})
	}
}

func TestCommitmentShareAndSites(t *testing.T) {
	h := time.Hour
	claim := mxItem("c", "Acuerdos de la reunión",
		"El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "+
			"Ambos gobiernos acordaron reforzar la inspección de carga. "+
			"También acordaron extender las entregas de agua. "+
			"Asimismo, acordaron combatir el tráfico de fentanilo.", day0)
	meeting := "Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9. "
	tests := []struct {
		name   string
		items  []Item
		status Status
	}{
		{"all three commitments stated", []Item{claim, usItem("u", "Meeting", meeting+
			"The United States and Mexico agreed to strengthen cargo inspections. Both governments also agreed to extend water deliveries. "+
			"They further agreed to counter fentanyl trafficking.", day0.Add(h))}, Confirmed},
		// The definition: stating only some of several commitments is
		// partial; one the counterpart never mentions is missing.
		{"two of three stated, the third never mentioned", []Item{claim, usItem("u", "Meeting", meeting+
			"The United States and Mexico agreed to strengthen cargo inspections. Both governments also agreed to extend water deliveries.", day0.Add(h))}, Partial},
		{"two of three stated, the third mentioned without the action", []Item{claim, usItem("u", "Meeting", meeting+
			"The United States and Mexico agreed to strengthen cargo inspections. Both governments also agreed to extend water deliveries. "+
			"They also discussed fentanyl trafficking.", day0.Add(h))}, Confirmed},
		{"one of three commitments stated", []Item{claim, usItem("u", "Meeting", meeting+
			"The two countries agreed to counter fentanyl trafficking.", day0.Add(h))}, Partial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(testEngine(t), append(background(), tt.items...), nil)
			d := decisionFor(t, ds, tt.items[0].GUID)
			if d.Status != tt.status {
				t.Errorf("status %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
		})
	}
}

func TestSiteConflict(t *testing.T) {
	e := testEngine(t)
	ix := e.NewIndex()
	claim := e.Analyze(usItem("w", "Water", "The Government of Mexico committed to extend water deliveries and cargo inspections on the Colorado River to stop fentanyl.", day0))
	for _, tt := range []struct {
		name, text, reason string
	}{
		{"same river", "México y Estados Unidos acordaron extender las entregas de agua y la inspección de carga en el río Colorado contra el fentanilo.", ""},
		{"another river", "México y Estados Unidos acordaron extender las entregas de agua y la inspección de carga en el río Bravo contra el fentanilo.", "different sites"},
	} {
		c := e.Analyze(mxItem("m", "Entregas", tt.text, day0.Add(time.Hour)))
		cs := e.scoreCandidate(ix, claim, c)
		if cs.Reason != tt.reason || cs.SameEvent != (tt.reason == "") {
			t.Errorf("%s: same=%v reason=%q score=%.2f, want reason %q", tt.name, cs.SameEvent, cs.Reason, cs.Score, tt.reason)
		}
	}
}

// borderEngine is the test engine with twin border towns, a capital and
// rail crossings added to the test lexicon.
func borderEngine(t *testing.T) *Engine {
	t.Helper()
	extra := fstest.MapFS{
		"gazetteer/border.yaml": {Data: []byte(`kind: place
entries:
  - {id: pass_region, side: "", es: [Eagle Pass-Piedras Negras], en: [Eagle Pass-Piedras Negras]}
  - {id: eagle_pass, side: us, parent: pass_region, es: [Eagle Pass], en: [Eagle Pass]}
  - {id: piedras_negras, side: mx, parent: pass_region, es: [Piedras Negras], en: [Piedras Negras]}
  - {id: cali_region, side: "", es: [Calexico-Mexicali], en: [Calexico-Mexicali]}
  - {id: calexico, side: us, parent: cali_region, es: [Calexico], en: [Calexico]}
  - {id: capital_dc, side: us, es: [Washington], en: [Washington]}
`)},
		"concepts/rail.yaml": {Data: []byte("domain: rail\nconcepts:\n  - id: rail_crossings\n    es: [cruces ferroviarios]\n    en: [rail crossings]\n")},
	}
	lex, err := LoadLexicon(testFS(t), extra)
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(lex, Options{})
}

// A commitment tied to border localities is stated only by a counterpart
// that names one of them (either town of a twin pair counts), and an
// agreement only by a sentence that names the partner or a reciprocal act:
// the other side's account of its own unilateral step does not state it.
func TestCommitmentNeedsItsPlacesAndPartner(t *testing.T) {
	h := time.Hour
	meeting := "Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9. "
	inspections := mxItem("c1", "Reunión de seguridad",
		"El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo en Washington. "+
			"El Gobierno de Estados Unidos se comprometió a reforzar la inspección de carga en los cruces de Nogales y Eagle Pass.", day0)
	twoUnits := mxItem("c4", "Reunión de seguridad",
		"El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "+
			"El Gobierno de Estados Unidos se comprometió a reforzar la inspección de carga en los cruces de Nogales y Eagle Pass. "+
			"Ambos gobiernos acordaron combatir el tráfico de fentanilo.", day0)
	venue := mxItem("c3", "Reunión de seguridad",
		"El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "+
			"En Washington, el Gobierno de Estados Unidos se comprometió a reforzar la inspección de carga.", day0)
	rail := mxItem("c2", "Reunión sobre cruces ferroviarios",
		"El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "+
			"Ambos gobiernos acordaron reabrir los cruces ferroviarios de Eagle Pass.", day0)
	tests := []struct {
		name   string
		items  []Item
		status Status
	}{
		{"places named in the other town of the pair", []Item{inspections, usItem("u", "Meeting", meeting+
			"The United States committed to strengthen cargo inspection at the crossings in Piedras Negras and Nogales.", day0.Add(h))}, Confirmed},
		{"same commitment with no place", []Item{inspections, usItem("u", "Meeting", meeting+
			"The United States committed to strengthen cargo inspection.", day0.Add(h))}, Partial},
		{"same commitment at other places", []Item{inspections, usItem("u", "Meeting", meeting+
			"The United States committed to strengthen cargo inspection at the crossings in Calexico.", day0.Add(h))}, Partial},
		{"the venue of the meeting is not a site of the commitment", []Item{venue, usItem("u", "Meeting", meeting+
			"The United States committed to strengthen cargo inspection.", day0.Add(h))}, Confirmed},
		{"a commitment whose places no counterpart names is missing", []Item{twoUnits, usItem("u", "Meeting", meeting+
			"The United States and Mexico agreed to counter fentanyl trafficking. They also discussed cargo inspection.", day0.Add(h))}, Partial},
		{"agreement stated with the partner", []Item{rail, usItem("u", "Meeting", meeting+
			"The United States and Mexico agreed to reopen the rail crossings in Eagle Pass.", day0.Add(h))}, Confirmed},
		{"own unilateral step only", []Item{rail, usItem("u", "Meeting", meeting+
			"CBP will reopen the rail crossings in Eagle Pass.", day0.Add(h))}, Partial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(borderEngine(t), append(background(), tt.items...), nil)
			d := decisionFor(t, ds, tt.items[0].GUID)
			if d.Status != tt.status {
				t.Errorf("status %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
		})
	}
}

// Coordinated infinitives after one cue are separate commitments: the
// other side stating some of them leaves the claim partial.
func TestCoordinatedCommitments(t *testing.T) {
	h := time.Hour
	meeting := "Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9. "
	ruiz := "El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "
	claim := mxItem("c", "Acuerdos", ruiz+
		"Ambos gobiernos acordaron reforzar la inspección de carga, extender las entregas de agua y combatir el tráfico de fentanilo.", day0)
	claimEN := usItem("c", "Agreements", meeting+
		"The United States and Mexico agreed to strengthen cargo inspection, to extend water deliveries and to counter fentanyl trafficking.", day0)
	tests := []struct {
		name   string
		items  []Item
		status Status
	}{
		{"all three stated", []Item{claim, usItem("u", "Meeting", meeting+
			"The two countries agreed to strengthen cargo inspection, to extend water deliveries and to counter fentanyl trafficking.", day0.Add(h))}, Confirmed},
		{"two of three stated", []Item{claim, usItem("u", "Meeting", meeting+
			"The two countries agreed to strengthen cargo inspection and to extend water deliveries.", day0.Add(h))}, Partial},
		{"semicolon list, two of three stated", []Item{mxItem("c", "Acuerdos", ruiz+
			"Ambos gobiernos acordaron reforzar la inspección de carga; extender las entregas de agua; combatir el tráfico de fentanilo.", day0),
			usItem("u", "Meeting", meeting+
				"The two countries agreed to strengthen cargo inspection and to counter fentanyl trafficking.", day0.Add(h))}, Partial},
		{"english claim, two of three stated", []Item{claimEN, mxItem("u", "Reunión", ruiz+
			"Ambos gobiernos acordaron reforzar la inspección de carga y extender las entregas de agua.", day0.Add(h))}, Partial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(testEngine(t), append(background(), tt.items...), nil)
			d := decisionFor(t, ds, tt.items[0].GUID)
			if d.Status != tt.status {
				t.Errorf("status %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
		})
	}
}

// A meeting and a later call between the same officials are two contacts,
// even where the call's readout recalls the meeting's date.
func TestMeetingAndLaterCallAreTwoContacts(t *testing.T) {
	claim := usItem("m", "Secretary Halloran's Meeting with Mexican Foreign Secretary Ruiz",
		"Secretary Halloran met Mexican Foreign Secretary Ruiz on March 10. The Government of Mexico committed to extend water deliveries.", day0)
	for _, tt := range []struct {
		name   string
		other  Item
		linked bool
	}{
		{"call two days later", mxItem("k", "Conversación telefónica del canciller Ruiz con el secretario de Estado Halloran",
			"Tras la reunión del 10 de marzo, el canciller Ruiz y el secretario de Estado Halloran sostuvieron una conversación telefónica sobre las entregas de agua.", day0.Add(47*time.Hour)), false},
		{"call named in the body only", mxItem("k", "Comunicado del canciller Ruiz",
			"El canciller Ruiz y el secretario de Estado Halloran sostuvieron una conversación telefónica sobre las entregas de agua, tras la reunión del 10 de marzo.", day0.Add(47*time.Hour)), false},
		{"the meeting's own readout", mxItem("k", "Reunión del canciller Ruiz con el secretario de Estado Halloran",
			"El 10 de marzo, el canciller Ruiz y el secretario de Estado Halloran sostuvieron una reunión sobre las entregas de agua.", day0.Add(5*time.Hour)), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(testEngine(t), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "m")
			if got := slices.Contains(d.Matches, RefOf(tt.other)); got != tt.linked {
				t.Errorf("linked = %v, want %v\n%s", got, tt.linked, d.ExplanationText("en"))
			}
		})
	}
}

// A commitment without a topic of its own is stated by a readout of the
// same contact only where that readout states some action with or by the
// claimant's side; a readout that only discussed things leaves it partial.
func TestCommitmentWithoutTopic(t *testing.T) {
	h := time.Hour
	claim := mxItem("c", "Llamada", "El canciller Ruiz y el secretario de Estado Halloran conversaron el 9 de marzo. "+
		"El secretario Halloran se comprometió a mantener informado al Gobierno de México.", day0)
	call := "Secretary Halloran spoke with Mexican Foreign Secretary Ruiz on March 9. "
	for _, tt := range []struct {
		name   string
		other  Item
		status Status
	}{
		{"readout states the commitment", usItem("u", "Call", call+"The Secretary committed to keep the Government of Mexico informed.", day0.Add(h)), Confirmed},
		{"readout only discussed", usItem("u", "Call", call+"They discussed the investigation.", day0.Add(h)), Partial},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(testEngine(t), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "c")
			if d.Status != tt.status {
				t.Errorf("status %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
		})
	}
}

// The other side's item about its own part of the claimed matter, naming
// none of the claimant's actors, covers the same event when it shares
// several of its topics; a unilateral item sharing one topic does not.
func TestOwnPartOfTheSameMatter(t *testing.T) {
	claim := mxItem("c", "Compromisos", "El Gobierno de Estados Unidos se comprometió a extender las entregas de agua, "+
		"reforzar la inspección de carga y combatir el tráfico de fentanilo y el tráfico de armas.", day0)
	for _, tt := range []struct {
		name   string
		other  Item
		linked bool
	}{
		{"several shared topics", usItem("u", "Briefing", "CBP officials briefed reporters in Tucson on water deliveries, "+
			"cargo inspection, fentanyl and arms trafficking.", day0.Add(3*time.Hour)), true},
		{"one shared topic", usItem("u", "Seizure", "CBP officers found fentanyl in a truck in Tucson.", day0.Add(3*time.Hour)), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(testEngine(t), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "c")
			if got := slices.Contains(d.Matches, RefOf(tt.other)); got != tt.linked {
				t.Errorf("linked = %v, want %v\n%s", got, tt.linked, d.ExplanationText("en"))
			}
			if tt.linked && d.Status != Partial {
				t.Errorf("status %s, want partial (the briefing states no commitment)", d.Status)
			}
		})
	}
}

// Two items naming the same forum as a proper name on the same day cover
// the same session, however little else they share; the same forum on
// another day is another session.
func TestSameNamedForum(t *testing.T) {
	extra := fstest.MapFS{"concepts/forum.yaml": {Data: []byte("domain: forum\nconcepts:\n  - id: customs_dialogue\n" +
		"    es: [Diálogo Aduanero de Alto Nivel]\n    en: [High-Level Customs Dialogue]\n")}}
	lex, err := LoadLexicon(testFS(t), extra)
	if err != nil {
		t.Fatal(err)
	}
	claim := mxItem("c", "Diálogo", "México y Estados Unidos celebraron el 9 de marzo el Diálogo Aduanero de Alto Nivel. "+
		"El Gobierno de Estados Unidos se comprometió a reforzar la inspección de carga.", day0)
	for _, tt := range []struct {
		name   string
		other  Item
		linked bool
	}{
		{"same session", usItem("u", "Delegation", "Secretary Marsh led a delegation to the High-Level Customs Dialogue on March 9 "+
			"and thanked Mexican authorities for their hospitality.", day0.Add(2*time.Hour)), true},
		{"another session", usItem("u", "Delegation", "Secretary Marsh will lead a delegation to the High-Level Customs Dialogue on March 15 "+
			"and thanked Mexican authorities for their hospitality.", day0.Add(2*time.Hour)), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(NewEngine(lex, Options{}), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "c")
			if got := slices.Contains(d.Matches, RefOf(tt.other)); got != tt.linked {
				t.Errorf("linked = %v, want %v\n%s", got, tt.linked, d.ExplanationText("en"))
			}
		})
	}
}

// A refusal aimed at a state government of the claimant's side ("por parte
// del estado de Texas") does not contradict a claim about the federal one.
func TestSubnationalDenialIsNoContradiction(t *testing.T) {
	extra := fstest.MapFS{"gazetteer/states.yaml": {Data: []byte("kind: place\nentries:\n" +
		"  - {id: tx, side: us, es: [Texas, estado de Texas], en: [Texas, State of Texas]}\n")}}
	lex, err := LoadLexicon(testFS(t), extra)
	if err != nil {
		t.Fatal(err)
	}
	claim := usItem("c", "Meeting", "Secretary Halloran met Mexican Foreign Secretary Ruiz on March 9. "+
		"The Government of Mexico committed to accept returns of asylum seekers.", day0)
	const met = "El canciller Ruiz y el secretario de Estado Halloran se reunieron el 9 de marzo. "
	for _, tt := range []struct {
		name   string
		other  Item
		denied bool
	}{
		{"refusal to the federal government", mxItem("m", "Posicionamiento",
			met+"México no aceptará la devolución de solicitantes de asilo por parte del gobierno de Estados Unidos.", day0.Add(5*time.Hour)), true},
		{"refusal to a state government", mxItem("m", "Posicionamiento",
			met+"México no aceptará la devolución de solicitantes de asilo por parte del estado de Texas.", day0.Add(5*time.Hour)), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(NewEngine(lex, Options{}), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "c")
			if d.Denied != tt.denied {
				t.Errorf("denied = %v, want %v\n%s", d.Denied, tt.denied, d.ExplanationText("en"))
			}
		})
	}
}

// A procedural commitment whose only topic is the forum ("report on
// progress at the next Dialogue") is missing unless the other side states
// it: the forum's mere mention says nothing of it.
func TestProceduralCommitment(t *testing.T) {
	extra := fstest.MapFS{"concepts/forum.yaml": {Data: []byte("domain: forum\nconcepts:\n  - id: customs_dialogue\n" +
		"    es: [Diálogo Aduanero de Alto Nivel]\n    en: [High-Level Customs Dialogue]\n")}}
	lex, err := LoadLexicon(testFS(t), extra)
	if err != nil {
		t.Fatal(err)
	}
	claim := mxItem("c", "Diálogo", "México y Estados Unidos celebraron el 9 de marzo el Diálogo Aduanero de Alto Nivel. "+
		"Ambos gobiernos acordaron reforzar la inspección de carga. "+
		"Las delegaciones acordaron informar de los avances en el próximo Diálogo Aduanero de Alto Nivel.", day0)
	opening := "The United States and Mexico held the High-Level Customs Dialogue on March 9. " +
		"The two governments agreed to strengthen cargo inspection. "
	for _, tt := range []struct {
		name   string
		other  Item
		status Status
	}{
		{"procedural commitment stated", usItem("u", "Dialogue", opening+
			"The delegations agreed to report on progress at the next High-Level Customs Dialogue.", day0.Add(2*time.Hour)), Confirmed},
		{"only the forum mentioned", usItem("u", "Dialogue", opening, day0.Add(2*time.Hour)), Partial},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Replay(NewEngine(lex, Options{}), append(background(), claim, tt.other), nil)
			d := decisionFor(t, ds, "c")
			if d.Status != tt.status {
				t.Errorf("status %s, want %s\n%s", d.Status, tt.status, d.ExplanationText("en"))
			}
		})
	}
}
