package match

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

var shipped struct {
	once sync.Once
	e    *Engine
	err  error
}

// shippedEngine is an engine over the embedded lexicon: the rules tested
// here live in the shipped data as much as in the code.
func shippedEngine(t testing.TB) *Engine {
	t.Helper()
	shipped.once.Do(func() {
		lex, err := DefaultLexicon()
		shipped.e, shipped.err = NewEngine(lex, Options{}), err
	})
	if shipped.err != nil {
		t.Fatalf("default lexicon: %v", shipped.err)
	}
	return shipped.e
}

// claimCase is one sentence of our own and whether the engine must read it
// as a claim about the other side.
type claimCase struct {
	name  string
	item  Item
	claim bool
}

func checkClaims(t *testing.T, tests []claimCase) {
	t.Helper()
	e := shippedEngine(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			if a.IsClaim() != tt.claim {
				t.Errorf("claim = %v, want %v for %q (units %+v)", a.IsClaim(), tt.claim, a.Text, a.Units)
			}
		})
	}
}

// A "binational operation" with the other side's authorities is a joint
// action, as "joint operation" is.
func TestBinationalOperationIsJoint(t *testing.T) {
	checkClaims(t, []claimCase{
		{"spanish", mxItem("b1", "Rescate",
			"Elementos del Instituto Nacional de Migración, en un operativo binacional con la Patrulla Fronteriza, rescataron a 40 personas en el desierto.", day0), true},
		{"english", usItem("b2", "Rescue",
			"Border Patrol agents, in a binational operation with Mexican authorities, rescued 30 migrants in the desert west of Nogales.", day0), true},
		{"third country partner", mxItem("b3", "Frontera sur",
			"Autoridades de México y Guatemala realizaron un operativo binacional contra el tráfico de personas en Tapachula.", day0), false},
	})
}

// conceptCase is a sentence of our own and a concept it must, or must not,
// carry.
type conceptCase struct {
	name string
	item Item
	id   string
	want bool
}

func checkConcepts(t *testing.T, tests []conceptCase) {
	t.Helper()
	e := shippedEngine(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			got := a.Concepts[tt.id] > 0 || a.Entities[tt.id] > 0 || slices.Contains(a.Events, tt.id)
			if got != tt.want {
				var ids []string
				for _, s := range a.Sentences {
					for _, an := range s.Annots {
						ids = append(ids, an.ID+"="+an.Surface)
					}
				}
				t.Errorf("%s tagged = %v, want %v in %q (annotations %v)", tt.id, got, tt.want, a.Text, ids)
			}
		})
	}
}

// Changing a crossing's operating hours is a border topic of its own, named
// in both languages; a teaser that states the new hours confirms the
// agreement even when the customs details are cut off.
func TestPortHours(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"spanish", mxItem("h1", "Garita", "Ambos gobiernos acordaron la ampliación del horario de cruce en la garita de Nogales.", day0), "port_hours", true},
		{"english", usItem("h2", "Port", "The Nogales port will move to extended hours on weekends.", day0), "port_hours", true},
		{"consular office hours are not a port's", mxItem("h3", "Consulado", "El consulado en Tucson amplía su horario de atención.", day0), "port_hours", false},
	})
	e := shippedEngine(t)
	claim := mxItem("h4", "México y Estados Unidos acuerdan ampliar el horario de cruce en Nogales",
		"México y Estados Unidos acordaron extender el horario de operación de la aduana de carga de Nogales a partir del 3 de abril. "+
			"La CBP se comprometió a asignar más personal, y la aduana mexicana hará lo mismo en Nogales, Sonora.", day0)
	teaser := Item{Feed: "cbp", Side: "us", GUID: "h5", Language: "en", Published: day0.Add(20 * time.Hour),
		Title:   "CBP Expands Operating Hours at Nogales Commercial Facility",
		Summary: "U.S. Customs and Border Protection and Mexican customs officials agreed to extend the hours of operation of the Nogales commercial cargo crossing beginning April 3. Under the new schedule, the…"}
	cov := func(side string, from, to time.Time) Coverage {
		return Coverage{"cbp": {Feed: "cbp", Side: "us", Watched: to.Sub(from)}}
	}
	d := decisionFor(t, Replay(e, append(background(), claim, teaser), cov), "h4")
	if d.Status != Confirmed {
		t.Errorf("status = %s, want confirmed\n%s", d.Status, d.ExplanationText("en"))
	}
}

// All-capital acronyms are names: they are folded, never stemmed, so an
// agency's acronym cannot share a stem with an ordinary word or another
// body's name.
func TestAcronymsAreNotStemmed(t *testing.T) {
	for _, tt := range []struct{ word, lang, stem string }{
		{"SENER", "es", "sener"},
		{"USAID", "en", "usaid"},
		{"CILA", "es", "cila"},
		{"Senado", "es", Stem("Senado", "es")},
	} {
		toks := Tokenize(tt.word, tt.lang, 0)
		if len(toks) != 1 || toks[0].Stem != tt.stem {
			t.Errorf("Tokenize(%q, %s) = %+v, want stem %q", tt.word, tt.lang, toks, tt.stem)
		}
	}
	checkConcepts(t, []conceptCase{
		{"spanish agency acronym", mxItem("a1", "Energía", "La SENER firmó un convenio con el Departamento de Energía.", day0), "sener", true},
		{"spanish senate is not the energy ministry", mxItem("a2", "Senado", "El Senado aprobó el tratado de cooperación energética.", day0), "sener", false},
		{"english acronym", usItem("a3", "Aid", "USAID announced new funding for Central America.", day0), "usaid", true},
	})
}

// A name copied into the other language's list (a Spanish agency name read
// in English text, an English town name read in Spanish text) needs its
// capital: in lower case it is an ordinary word of that language.
func TestCopiedNamesNeedACapital(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"english lower-case word", usItem("n1", "Harbor", "Patrol boats were docked at the marina near the harbor.", day0), "semar", false},
		{"spanish agency named in english", usItem("n2", "Navy", "Officials of Mexico's Marina met their U.S. Navy counterparts.", day0), "semar", true},
		{"spanish lower-case words", mxItem("n3", "Homenaje", "Las familias colocaron flores junto a las cruces del panteón municipal.", day0), "las_cruces", false},
		{"english town named in spanish", mxItem("n4", "Consulado", "El consulado de México en Las Cruces atendió a 200 connacionales.", day0), "las_cruces", true},
	})
}

// A discussion verb shares its stem with a dialogue noun, but a readout
// that only says what was discussed does not report a round of talks.
func TestDiscussionVerbIsNotADialogue(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"spanish verb", mxItem("d1", "Llamada", "Los cancilleres conversaron sobre la agenda migratoria.", day0), "event_dialogue", false},
		{"spanish noun", mxItem("d2", "Diálogo", "Las conversaciones sobre la agenda migratoria continuarán en abril.", day0), "event_dialogue", true},
		{"english verb", usItem("d3", "Call", "The two ministers discussed the migration agenda.", day0), "event_dialogue", false},
		{"english noun", usItem("d4", "Talks", "The discussions on the migration agenda will resume in April.", day0), "event_dialogue", true},
	})
}

// A concept named by one phrase in one language and by a generic concept
// plus a name in the other (Entry.Parts) is carried by both.
func TestConceptFromItsParts(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"spanish phrase", mxItem("p1", "Frontera", "El gobierno de México anunció el despliegue de la Guardia Nacional en Sonora.", day0), "national_guard_deployment", true},
		{"english generic verb and the guard", usItem("p2", "Border", "Mexico has deployed 6,000 members of its National Guard to the Sonora border.", day0), "national_guard_deployment", true},
		{"spanish generic verb and the guard", mxItem("p3", "Frontera", "Texas desplegó efectivos de la Guardia Nacional de Texas en Eagle Pass.", day0), "national_guard_deployment", true},
		{"a deployment without the guard", usItem("p4", "Troops", "The Army deployed 1,500 soldiers to the southern border.", day0), "national_guard_deployment", false},
		{"the guard without a deployment", mxItem("p5", "Guardia", "La Guardia Nacional detuvo a tres personas en Sonora.", day0), "national_guard_deployment", false},
	})
	e := shippedEngine(t)
	claim := usItem("p6", "Mexico to send National Guard to the border",
		"The Government of Mexico committed to deploy 6,000 members of the National Guard along its southern border.", day0)
	other := mxItem("p7", "Despliegue de la Guardia Nacional",
		"El gobierno de México iniciará el despliegue de la Guardia Nacional en la frontera sur, informó la Secretaría de Relaciones Exteriores.", day0.Add(10*time.Hour))
	cov := func(side string, from, to time.Time) Coverage {
		return Coverage{"sre": {Feed: "sre", Side: "mx", Watched: to.Sub(from)}}
	}
	d := decisionFor(t, Replay(e, append(background(), claim, other), cov), "p6")
	if d.Status != Confirmed {
		t.Errorf("status = %s, want confirmed\n%s", d.Status, d.ExplanationText("en"))
	}
}

func TestPartsMustExist(t *testing.T) {
	fsys := testFS(t)
	fsys["concepts/parts.yaml"] = &fstest.MapFile{Data: []byte("domain: x\nconcepts:\n  - id: composed_x\n    es: [compuesto]\n    en: [composed]\n    parts: [[no_such_id]]\n")}
	if _, err := LoadLexicon(fsys); err == nil || !strings.Contains(err.Error(), `part "no_such_id"`) {
		t.Errorf("load with a missing part: %v", err)
	}
}

// Concept terms name their topic, not a word that also appears elsewhere:
// votes in a legislature are not UN votes, journalists at a signing are not
// a press-freedom topic, a tunnel's ventilation is not medical equipment,
// a security alert level in a declaration is not a travel advisory.
func TestConceptsNeedTheirContext(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"senate votes, spanish", mxItem("v1", "Senado", "El Senado ratificó el convenio con 98 votos a favor y dos abstenciones.", day0), "un_votes", false},
		{"senate votes, english", usItem("v2", "Senate", "The Senate voted in favor of the trade agreement by 89 to 10.", day0), "un_votes", false},
		{"un resolution, spanish", mxItem("v3", "ONU", "México votó a favor de la resolución sobre migración en la Asamblea General.", day0), "un_votes", true},
		{"un resolution, english", usItem("v4", "UN", "The United States voted against the resolution on the embargo.", day0), "un_votes", true},
		{"journalists at a signing", usItem("j1", "Trade", "The ministers signed the trade agreement and answered questions from journalists.", day0), "journalists_safety", false},
		{"periodistas en una firma", mxItem("j2", "Comercio", "Los secretarios firmaron el acuerdo comercial ante personas periodistas.", day0), "journalists_safety", false},
		{"violence against journalists", usItem("j3", "Rights", "The two governments will work to end violence against journalists.", day0), "journalists_safety", true},
		{"protección de periodistas", mxItem("j4", "Derechos", "Ambos gobiernos acordaron reforzar la protección de periodistas.", day0), "journalists_safety", true},
		{"tunnel ventilation", usItem("m1", "Tunnel", "The tunnel had lighting and ventilation.", day0), "medical_supplies", false},
		{"ventilación del túnel", mxItem("m2", "Túnel", "El túnel contaba con iluminación y ventilación.", day0), "medical_supplies", false},
		{"ventilators donated", usItem("m3", "Donation", "The United States donated 500 mechanical ventilators to Mexico.", day0), "medical_supplies", true},
		{"control biológico", mxItem("m4", "Plaga", "La planta produce insectos estériles para el control biológico del gusano barrenador.", day0), "vaccines", false},
		{"dosis de biológicos", mxItem("m5", "Vacunas", "México recibió 2 millones de dosis de biológicos contra la influenza.", day0), "vaccines", true},
		{"levels in a declaration", usItem("t1", "Joint Declaration", "The Joint Declaration sets Level 3 and Level 4 priorities for the security alert system.", day0), "travel_advisories", false},
		{"niveles en una declaración", mxItem("t2", "Declaración", "La Declaración Conjunta prevé una alerta de seguridad de Nivel 3 en puertos.", day0), "travel_advisories", false},
		{"travel advisory", usItem("t3", "Travel", "The Department raised its travel advisory for Tamaulipas to Do Not Travel.", day0), "travel_advisories", true},
		{"alerta de viaje", mxItem("t4", "Viaje", "La Cancillería emitió una alerta de viaje para connacionales en Texas.", day0), "travel_advisories", true},
	})
}

// Information sharing is named in many ways: the noun phrase, the verb
// with its object, intelligence or data instead of information.
func TestInformationSharingPhrasings(t *testing.T) {
	var cases []conceptCase
	for i, s := range []string{
		"The two agencies agreed to an information exchange on cartel finances.",
		"Both governments will expand intelligence exchange on fentanyl producers.",
		"The partners agreed to share data on suspicious cargo.",
		"The plan calls for the exchange of intelligence on arms traffickers.",
	} {
		cases = append(cases, conceptCase{"english " + s, usItem("i"+string(rune('a'+i)), "Release", s, day0), "information_sharing", true})
	}
	for i, s := range []string{
		"Las agencias acordaron compartir datos sobre cargamentos sospechosos.",
		"Ambos gobiernos acordaron intercambiar datos de las redes de tráfico.",
		"El plan refuerza la información compartida entre aduanas.",
	} {
		cases = append(cases, conceptCase{"spanish " + s, mxItem("j"+string(rune('a'+i)), "Comunicado", s, day0), "information_sharing", true})
	}
	checkConcepts(t, cases)
}

// A call is reported with a verb of speaking plus the phone, or as a "call
// with" someone; every such phrasing is a phone call.
func TestPhoneCallPhrasings(t *testing.T) {
	var cases []conceptCase
	for i, s := range []string{
		"La canciller conversa por teléfono con el secretario de Estado.",
		"El canciller llamó por teléfono a su homólogo estadounidense.",
		"La secretaria se comunicó telefónicamente con la embajadora.",
		"El canciller sostuvo una llamada con el secretario de Seguridad Nacional.",
	} {
		cases = append(cases, conceptCase{"spanish " + s, mxItem("k"+string(rune('a'+i)), "Llamada", s, day0), "event_phone_call", true})
	}
	for i, s := range []string{
		"Deputy Secretary's Call with Mexico's Foreign Secretary",
		"The Secretary spoke with the Mexican Foreign Secretary by phone on Tuesday.",
	} {
		cases = append(cases, conceptCase{"english " + s, usItem("l"+string(rune('a'+i)), "Readout", s, day0), "event_phone_call", true})
	}
	cases = append(cases, conceptCase{"a phone number is not a call", mxItem("k9", "Consulado",
		"Los connacionales pueden consultar el número de teléfono del consulado.", day0), "event_phone_call", false})
	checkConcepts(t, cases)
}

// "Las dos delegaciones", "the two sides" and the like name both
// governments as one party (once the item names the other side's actors).
func TestJointReferences(t *testing.T) {
	const es = "El subsecretario recibió a la delegación de Estados Unidos. "
	const en = "The Assistant Secretary received the Mexican delegation. "
	checkClaims(t, []claimCase{
		{"las dos delegaciones", mxItem("r1", "Reunión", es+"Las dos delegaciones acordaron crear un grupo técnico sobre aduanas.", day0), true},
		{"las dos partes", mxItem("r2", "Reunión", es+"Al término del encuentro, las dos partes acordaron reforzar la inspección de carga.", day0), true},
		{"the two delegations", usItem("r3", "Meeting", en+"The two delegations agreed to create a technical group on customs.", day0), true},
		{"the two sides", usItem("r4", "Meeting", en+"At the close of the meeting, the two sides agreed to strengthen cargo inspection.", day0), true},
		{"without the other side named", mxItem("r5", "Guatemala", "Guatemala recibió a la delegación de México; las dos partes acordaron reforzar la inspección de carga.", day0), false},
	})
	checkConcepts(t, []conceptCase{
		{"las dos partes is a joint reference", mxItem("r6", "Acuerdo", "Las dos partes firmaron el memorándum.", day0), "both_governments", true},
		{"the two sides is a joint reference", usItem("r7", "Agreement", "The two sides signed the memorandum.", day0), "both_governments", true},
	})
}

// Collisions reports two unrelated entries whose terms share stems, but not
// an office and its own body.
func TestCollisionsSkipOfficeAndBody(t *testing.T) {
	fsys := testFS(t)
	fsys["gazetteer/pairs.yaml"] = &fstest.MapFile{Data: []byte(`kind: institution
entries:
  - {id: zz_consulate, side: mx, es: [Consulado de Zeta], en: [Zeta Consulate]}
  - {id: zz_consul, kind: role, side: mx, parent: zz_consulate, es: [Cónsul de Zeta], en: [Zeta Consulates]}
  - {id: zz_market, side: "", es: [Mercados de Zeta], en: [Zeta Market]}
  - {id: zz_markets, side: "", es: [Mercado de Zeta], en: [Zeta Markets]}
`)}
	lex, err := LoadLexicon(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var zz []string
	for _, c := range lex.Collisions() {
		if strings.Contains(c, "zz_") {
			zz = append(zz, c)
		}
	}
	if len(zz) != 2 || slices.ContainsFunc(zz, func(c string) bool { return strings.Contains(c, "zz_consul") }) {
		t.Errorf("collisions = %q, want the two market entries' (one per language), none of the consul's", zz)
	}
}

// A lower-case word that only shares its stem with a one-word name is an
// ordinary word ("flores" and "Florida" both stem to "flor").
func TestLowerCaseWordIsNotAName(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"spanish common word", mxItem("f1", "Homenaje", "Las familias colocaron flores en el panteón de Tijuana.", day0), "florida", false},
		{"spanish name", mxItem("f2", "Consulado", "El consulado en Miami atiende a connacionales en Florida.", day0), "florida", true},
	})
}

// International reservoirs are dams, each its own entry inside its border
// region, and the Spanish name alone ("las presas La Amistad y Falcón")
// names the dam, as the English plural does ("the Amistad and Falcon
// reservoirs").
func TestReservoirsAreDams(t *testing.T) {
	checkConcepts(t, []conceptCase{
		{"spanish coordinated dams", mxItem("w1", "Agua", "México entregará agua desde las presas La Amistad y Falcón.", day0), "falcon_reservoir", true},
		{"english coordinated dams", usItem("w2", "Water", "Mexico will deliver water from the Amistad and Falcon reservoirs.", day0), "falcon_reservoir", true},
		{"the town is not the dam", usItem("w3", "Port", "CBP officers at Falcon Heights seized 4 rifles.", day0), "falcon_reservoir", false},
	})
}
