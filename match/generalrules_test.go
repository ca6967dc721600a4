package match

import (
	"slices"
	"testing"
	"time"
)

// TestWeekdayDates checks that a marked day name dates an event relative to
// publication, in both languages.
func TestWeekdayDates(t *testing.T) {
	// A Friday evening.
	pub := time.Date(2031, 1, 3, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"la brigada partió este jueves hacia Texas", "es", []string{"2031-01-02"}},
		{"las delegaciones se reunieron el lunes", "es", []string{"2030-12-30"}},
		{"el próximo martes se firmará el acta", "es", []string{"2031-01-07"}},
		{"el viernes pasado concluyó la visita", "es", []string{"2030-12-27"}},
		{"the ministers met on Thursday in Laredo", "en", []string{"2031-01-02"}},
		{"the talks resume next Friday", "en", []string{"2031-01-10"}},
		{"officials spoke last Sunday", "en", []string{"2030-12-29"}},
		{"the crossing opens this Saturday", "en", []string{"2031-01-04"}},
		// A bare day name (a person's name, a list of opening days) is no date.
		{"Domingo Pérez encabezó la delegación", "es", nil},
		{"open Monday through Friday", "en", nil},
	}
	for _, tt := range tests {
		got := statedDates(Tokenize(tt.text, tt.lang, 0), pub)
		if !slices.Equal(got, tt.want) {
			t.Errorf("statedDates(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestMeetingVenueIsNoCommitmentPlace checks that the venue of a meeting the
// sides agree to hold is left out of the commitment's places, while the
// place where a measure applies stays.
func TestMeetingVenueIsNoCommitmentPlace(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
		place                  string
		want                   bool
	}{
		{"es venue", "mx", "es", "México y Estados Unidos acordaron celebrar en junio una reunión técnica en Ciudad Juárez sobre las entregas de agua.", "ciudad_juarez", false},
		{"en venue", "us", "en", "Mexico agreed to hold a technical meeting in July in Ciudad Juárez on water deliveries.", "ciudad_juarez", false},
		{"es measure place", "mx", "es", "México y Estados Unidos acordaron reforzar la vigilancia de las entregas de agua en Ciudad Juárez.", "ciudad_juarez", true},
		{"en measure place", "us", "en", "Mexico agreed to increase water deliveries in Ciudad Juárez.", "ciudad_juarez", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if !a.IsClaim() {
				t.Fatalf("no claim in %q", tt.text)
			}
			got := false
			for _, u := range a.Units {
				got = got || isIn(u.Places, tt.place)
			}
			if got != tt.want {
				t.Errorf("units %+v: place %s listed = %v, want %v", a.Units, tt.place, got, tt.want)
			}
		})
	}
}

// TestHeadlineRestatesTheBody checks that a headline's joint action is no
// commitment of its own when the body states the agreement, and stays one
// when the body states none.
func TestHeadlineRestatesTheBody(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, title, body string
		wantHeadline                  bool
	}{
		{"en body agreement", "us", "en", "Lukeville Port to Close for Joint Repair Work with Mexico",
			"CBP and Mexican authorities agreed on a four-day closure of the Lukeville crossing so that crews on both sides can repave the cargo lanes.", false},
		{"es body agreement", "mx", "es", "Cierre del cruce de Sonoyta por obras conjuntas con Estados Unidos",
			"México y la CBP de Estados Unidos acordaron cerrar el cruce de Sonoyta durante cuatro días para repavimentar los carriles de carga.", false},
		{"en body develops headline", "us", "en", "Lukeville Port to Extend Commercial Hours in Coordination with Mexican Customs",
			"CBP will extend commercial cargo processing hours at Lukeville until 9 p.m. CBP and Mexican customs officials agreed to align their schedules so that trucks clear both sides without delay.", true},
		{"en no body agreement", "us", "en", "Lukeville Port to Close for Joint Repair Work with Mexico",
			"The Lukeville crossing will be closed for four days while crews repave the cargo lanes.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: tt.title, Content: tt.body})
			if !a.IsClaim() {
				t.Fatalf("no claim in %q", tt.body)
			}
			got := false
			for _, u := range a.Units {
				got = got || u.Sentence == 0
			}
			if got != tt.wantHeadline {
				t.Errorf("units %+v: headline unit = %v, want %v", a.Units, got, tt.wantHeadline)
			}
		})
	}
}

// TestHearsayIsNoStatement checks that a commitment others are said to
// report ("reports that…", "versiones de que…") is neither a claim nor a
// statement, while a reporting verb still introduces one.
func TestHearsayIsNoStatement(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
		claim                  bool
	}{
		{"en hearsay", "us", "en", "We have seen reports that Mexico agreed to deploy troops to its northern border.", false},
		{"es hearsay", "mx", "es", "Hemos visto versiones de que Estados Unidos se comprometió a suspender las deportaciones.", false},
		{"en reporting verb", "mx", "en", "The Ministry reports that the United States has committed to send humanitarian aid to Oaxaca.", true},
		{"es plain", "mx", "es", "El Gobierno de Estados Unidos se comprometió a suspender las deportaciones.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if a.IsClaim() != tt.claim {
				t.Errorf("claim = %v, want %v; units %+v", a.IsClaim(), tt.claim, a.Units)
			}
		})
	}
}

// TestAnaphoricDenialContradicts checks that "no such commitment" after a
// sentence reporting the claimed commitment denies it.
func TestAnaphoricDenialContradicts(t *testing.T) {
	e := shippedEngine(t)
	claim := mxItem("c1", "Reunión consular con autoridades migratorias de Estados Unidos",
		"Como resultado de la reunión del 9 de marzo con el Departamento de Seguridad Nacional, el gobierno de Estados Unidos se comprometió a notificar a los consulados mexicanos antes de realizar operativos migratorios en centros de trabajo.", day0)
	tests := []struct {
		name   string
		reply  string
		status Status
		denied bool
	}{
		{"anaphoric denial", "We are aware of statements that after the March 9 meeting with the Department of Homeland Security the United States committed to notify Mexican consulates before immigration enforcement operations at worksites. The United States has made no such commitment.",
			Partial, true},
		{"statement", "After the March 9 meeting with the Department of Homeland Security, the United States committed to notify Mexican consulates before immigration enforcement operations at worksites.",
			Confirmed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cov := func(side string, from, to time.Time) Coverage {
				return Coverage{"state": {Feed: "state", Side: "us", Watched: to.Sub(from)}}
			}
			ds := Replay(e, []Item{claim, usItem("u1", "On Consular Notification and Immigration Enforcement", tt.reply, day0.Add(20*time.Hour))}, cov)
			d := decisionFor(t, ds, "c1")
			if d.Status != tt.status || d.Denied != tt.denied {
				t.Errorf("status = %s denied = %v, want %s %v\n%s", d.Status, d.Denied, tt.status, tt.denied, d.ExplanationText("en"))
			}
		})
	}
}

// TestScheduleAndOwnIntentionAreNoClaims checks that work that goes on
// ("Mañana continuarán los trabajos") and the speaker's own intention ("We
// will keep pressing") attribute nothing to the other side, while a
// continuation of the other side's measure still does.
func TestScheduleAndOwnIntentionAreNoClaims(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
		wantUnits              int
	}{
		{"es schedule", "mx", "es", "El canciller se reunió con el secretario de Estado de Estados Unidos en Washington. Mañana continuarán los trabajos con la participación de los equipos técnicos.", 0},
		{"en schedule", "us", "en", "The Secretary met Mexico's Foreign Secretary in Washington. Mexico's delegation will travel to Chicago, and the talks will continue on Friday.", 0},
		{"en own intention", "us", "en", "Mexico agreed to expand water deliveries to Texas. We will keep pressing on border security issues.", 1},
		{"es measure goes on", "mx", "es", "Estados Unidos continuará las inspecciones de carga en el puente de Laredo.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if len(a.Units) != tt.wantUnits {
				t.Errorf("units = %+v, want %d", a.Units, tt.wantUnits)
			}
		})
	}
}

// TestOfferAndPartnerAttributions checks that thanks for or welcome of the
// other side's offer or commitment attribute it to that side, and that a
// joint operation's partner may be named through a unit's proper name.
func TestOfferAndPartnerAttributions(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
		party                  string
	}{
		{"en welcomed commitment", "us", "en", "The Ambassador welcomed Mexico's commitment to deploy 2,000 more soldiers along the Chihuahua border.", "mx_government"},
		{"es thanks for offer", "mx", "es", "La Cancillería agradece el ofrecimiento del Gobierno de Estados Unidos de enviar plantas potabilizadoras a Acapulco.", "us_government"},
		{"es partner through a unit name", "us", "es", "Agentes de la Patrulla Fronteriza, en un operativo conjunto con el Grupo Beta del Instituto Nacional de Migración, rescataron a nueve personas en la sierra.", "border_patrol"},
		{"en partner through a unit name", "us", "en", "Border Patrol agents, in a joint operation with the Grupo Beta of the Instituto Nacional de Migración, rescued nine people in the mountains.", "border_patrol"},
		{"es own commitment", "mx", "es", "México reiteró su compromiso de proteger a las personas migrantes en la frontera sur.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if tt.party == "" {
				if a.IsClaim() {
					t.Errorf("units %+v, want none", a.Units)
				}
				return
			}
			got := false
			for _, u := range a.Units {
				got = got || isIn(u.Parties, tt.party)
			}
			if !got {
				t.Errorf("units %+v: no unit with party %s", a.Units, tt.party)
			}
		})
	}
}

// TestAsWellAsSplitsCommitments checks that "así como" and "as well as"
// between two infinitives make two commitments, each with its own topics.
func TestAsWellAsSplitsCommitments(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
	}{
		{"es así como", "mx", "es", "Estados Unidos se comprometió a reforzar las inspecciones de armas en Nogales así como a ampliar el intercambio de información sobre precursores químicos."},
		{"en as well as", "us", "en", "Mexico committed to reinforce arms inspections at Nogales as well as to expand information sharing on precursor chemicals."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if len(a.Units) != 2 {
				t.Fatalf("units = %+v, want 2", a.Units)
			}
			if isIn(a.Units[0].Objects, "precursor_chemicals") || !isIn(a.Units[1].Objects, "precursor_chemicals") {
				t.Errorf("topics not split: %v / %v", a.Units[0].Objects, a.Units[1].Objects)
			}
		})
	}
}

// TestDomainTermsCrossLanguages checks that a Spanish and an English
// sentence about the same matter, worded as each government's press office
// would, carry the same concept.
func TestDomainTermsCrossLanguages(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		concept, es, en string
	}{
		{"wildfires", "Una brigada de combatientes forestales apoya en el combate a los incendios en Oregon.",
			"A crew of wildland firefighters is helping with fire suppression in Oregon."},
		{"prisoner_transfer", "El Gobierno de México envió a Estados Unidos a 12 personas privadas de la libertad.",
			"Mexico transferred 12 fugitives to the United States on Tuesday."},
		{"southbound_inspections", "Se realizó un operativo binacional de inspección en el cruce de Ciudad Juárez.",
			"Officers conducted a southbound inspection operation at the Ysleta crossing."},
		{"cattle_livestock", "Se suspendió la importación de ganado vivo procedente de Chihuahua.",
			"Live animal imports from Chihuahua were suspended."},
		{"border_infrastructure", "El cruce cerrará por obras coordinadas entre ambos gobiernos.",
			"The port will close for joint infrastructure work on both sides."},
		{"military_action_on_cartels", "La designación no implica acciones militares unilaterales.",
			"The designation does not imply unilateral military action."},
	}
	for _, tt := range tests {
		t.Run(tt.concept, func(t *testing.T) {
			es := e.Analyze(Item{Feed: "f", Side: "mx", GUID: "es", Language: "es", Published: day0, Content: tt.es})
			en := e.Analyze(Item{Feed: "g", Side: "us", GUID: "en", Language: "en", Published: day0, Content: tt.en})
			if es.Concepts[tt.concept] == 0 || en.Concepts[tt.concept] == 0 {
				t.Errorf("%s: es %v, en %v", tt.concept, es.Concepts, en.Concepts)
			}
		})
	}
}

// TestJointMannerAfterMeasureVerb checks that a joint manner after a measure
// verb ("trabajará de manera coordinada con …") is a joint action with the
// partner it names, and that the verb alone is none.
func TestJointMannerAfterMeasureVerb(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name, side, lang, text string
		claim                  bool
	}{
		{"es joint manner", "mx", "es", "La brigada trabajará de manera coordinada con el Servicio Forestal de Estados Unidos en el condado de Ventura.", true},
		{"en joint manner", "us", "en", "The crews will work jointly with Mexico's National Forestry Commission in Sonora.", true},
		{"es measure only", "mx", "es", "La brigada trabajará en el condado de Ventura durante dos semanas.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(Item{Feed: "f", Side: tt.side, GUID: tt.name, Language: tt.lang, Published: day0, Title: "Comunicado", Content: tt.text})
			if a.IsClaim() != tt.claim {
				t.Errorf("claim = %v, want %v; units %+v", a.IsClaim(), tt.claim, a.Units)
			}
		})
	}
}
