package match

import (
	"slices"
	"testing"
	"time"
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	return NewEngine(testLexicon(t), Options{})
}

var day0 = time.Date(2031, 3, 10, 15, 0, 0, 0, time.UTC)

func mxItem(guid, title, body string, at time.Time) Item {
	return Item{Feed: "sre", Side: "mx", GUID: guid, Title: title, Content: body, Published: at, Language: "es-MX"}
}

func usItem(guid, title, body string, at time.Time) Item {
	return Item{Feed: "state", Side: "us", GUID: guid, Title: title, Content: body, Published: at, Language: "en-US"}
}

func TestClaimDetection(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name   string
		item   Item
		claim  bool
		action CueClass
	}{
		{"joint agreement, spanish", mxItem("1", "Comunicado",
			"México y Estados Unidos acordaron un operativo conjunto contra el tráfico de armas en la garita de Nogales.", day0),
			true, CueAgree},
		{"joint action with the other side as partner", usItem("2", "Release",
			"CBP officers, in coordination with Mexican authorities, seized rifles at the Nogales port of entry.", day0),
			true, CueJoint},
		{"other side's commitment, english", usItem("3", "Readout",
			"The Government of Mexico committed to extend water deliveries through the summer.", day0),
			true, CueCommit},
		{"pro-drop subject carried from the previous sentence", mxItem("4", "Reunión",
			"El canciller Ruiz se reunió con el secretario de Estado Halloran. Acordaron crear un grupo contra el tráfico de armas.", day0),
			true, CueAgree},
		{"reported speech", usItem("5", "Release",
			"The Government of Mexico has informed the United States that it will permit asylum seekers to remain in Mexico.", day0),
			true, CueImplement},
		{"relative clause subject", mxItem("6", "Traslado",
			"El traslado fue posible gracias al apoyo del Gobierno de Estados Unidos, que autorizó el ingreso de los pacientes.", day0),
			true, CueCommit},
		{"discussed only", mxItem("7", "Llamada",
			"El canciller Ruiz y el secretario de Estado Halloran conversaron sobre migración y el tráfico de armas.", day0),
			false, ""},
		{"negated agreement", mxItem("8", "Aclaración",
			"México no ha acordado con el gobierno de Estados Unidos ampliar la recepción de solicitantes de asilo.", day0),
			false, ""},
		{"third country", mxItem("9", "Posición",
			"Estados Unidos y Guatemala firmaron un acuerdo en materia de asilo.", day0),
			false, ""},
		{"unilateral seizure", usItem("10", "Seizure",
			"CBP officers seized 20 rifles bound for Mexico at the Nogales port of entry.", day0),
			false, ""},
		{"nationals are not the government", usItem("11", "Case",
			"A Mexican citizen agreed to plead guilty to firearms trafficking charges in Tucson.", day0),
			false, ""},
		{"conditional", usItem("12", "Fact sheet",
			"Should the Government of Mexico agree to accept more returns, further measures could be avoided.", day0),
			false, ""},
		{"reported future with would", usItem("16", "Readout",
			"Foreign Secretary Ruiz told the Secretary that Mexico would extend water deliveries through the summer.", day0),
			true, CueImplement},
		{"would without a reporter is conditional", usItem("17", "Statement",
			"Mexico would extend water deliveries through the summer under the proposal.", day0),
			false, ""},
		{"a plan to travel is no commitment", usItem("13", "Travel",
			"Mexican Foreign Secretary Ruiz will travel to Washington next week.", day0),
			false, ""},
		{"own side only", mxItem("14", "Consulados",
			"La Cancillería acordó ampliar el horario de atención de los consulados.", day0),
			false, ""},
		{"a name is not a cue", usItem("15", "Statement",
			"Apprehensions fell. The figures follow the U.S.-Mexico Joint Declaration signed last year.", day0),
			false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			if a.IsClaim() != tt.claim {
				t.Fatalf("IsClaim = %v, want %v (units %+v)", a.IsClaim(), tt.claim, a.Units)
			}
			if tt.claim && a.Units[0].Action != tt.action {
				t.Errorf("action = %s, want %s", a.Units[0].Action, tt.action)
			}
		})
	}
}

func TestClaimUnitContents(t *testing.T) {
	e := testEngine(t)
	a := e.Analyze(mxItem("u", "Acuerdo",
		"México y Estados Unidos acordaron el 9 de marzo un operativo conjunto contra el tráfico de armas en la garita de Nogales, con 40 agentes.", day0))
	if !a.IsClaim() {
		t.Fatal("not a claim")
	}
	u := a.Units[0]
	if !slices.Contains(u.Objects, "arms_trafficking") {
		t.Errorf("objects = %v, want arms_trafficking", u.Objects)
	}
	if !slices.Contains(u.Places, "nogales_crossing") {
		t.Errorf("places = %v, want nogales_crossing", u.Places)
	}
	if !slices.Contains(u.Dates, "2031-03-09") {
		t.Errorf("dates = %v, want 2031-03-09", u.Dates)
	}
	if !slices.Contains(u.Quantities, "40") {
		t.Errorf("quantities = %v, want 40", u.Quantities)
	}
	if !slices.Contains(u.Parties, "both_governments") {
		t.Errorf("parties = %v", u.Parties)
	}
}

func TestSideComesFromTheFeed(t *testing.T) {
	e := testEngine(t)
	// A CBP release in Spanish is still the US side speaking about Mexico.
	it := Item{Feed: "cbp", Side: "us", GUID: "es-1", Language: "es", Published: day0,
		Title:   "CBP y autoridades mexicanas acuerdan revisión de carga conjunta",
		Content: "CBP y las autoridades mexicanas acordaron la inspección de carga conjunta en el puente de Pharr."}
	a := e.Analyze(it)
	if !a.IsClaim() || a.Side() != "us" || a.Lang != "es" {
		t.Fatalf("claim=%v side=%s lang=%s", a.IsClaim(), a.Side(), a.Lang)
	}
}

func TestStatedDates(t *testing.T) {
	pub := time.Date(2031, 1, 3, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"el 21 de julio de 2030", "es", []string{"2030-07-21"}},
		{"el 28 de diciembre", "es", []string{"2030-12-28"}},
		{"on Jan. 5", "en", []string{"2031-01-05"}},
		{"on March 20, 2031", "en", []string{"2031-03-20"}},
		{"hoy", "es", []string{"2031-01-03"}},
		{"today's ratification", "en", []string{"2031-01-03"}},
		{"may be", "en", nil},
	}
	for _, tt := range tests {
		got := statedDates(Tokenize(tt.text, tt.lang, 0), pub)
		if !slices.Equal(got, tt.want) {
			t.Errorf("statedDates(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
