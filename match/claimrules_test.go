package match

import (
	"slices"
	"testing"
)

// A talk to come is not a commitment: "will discuss", "abordará".
func TestFutureDiscussionIsNoClaim(t *testing.T) {
	checkClaims(t, []claimCase{
		{"english future discussion", usItem("f1", "Travel",
			"Deputy Secretary Marsh will meet Mexican Foreign Secretary Ruiz in Monterrey next week. They will discuss trade and water deliveries.", day0), false},
		{"spanish future discussion", mxItem("f2", "Visita",
			"La subsecretaria Ortega viajará a Washington el lunes. Abordará con autoridades estadounidenses la cooperación aduanera.", day0), false},
		{"english future action stays a commitment", usItem("f3", "Readout",
			"The Government of Mexico will reinforce cargo inspections at the Nogales port of entry.", day0), true},
	})
}

// A government's name inside a capitalised name ("the U.S.-Mexico
// High-Level Economic Dialogue") names the parties but is no actor: taking
// part in the dialogue "together with" one's own officials is no joint
// action with the other side.
func TestNameModifierIsNoActor(t *testing.T) {
	checkClaims(t, []claimCase{
		{"group name", usItem("n1", "Group",
			"Secretary Marsh attended the U.S.-Mexico Security Implementation Group, together with the Secretary of Commerce.", day0), false},
		{"council name", usItem("n3", "Council",
			"Secretary Marsh joined the Mexico-U.S. Entrepreneurship and Innovation Council together with the Secretary of Commerce.", day0), false},
		{"a possessive stays an actor", usItem("n4", "Group",
			"Mexico's Security Implementation Group agreed to extend cargo inspections at the Nogales port of entry.", day0), true},
		{"agreement at the dialogue", usItem("n2", "Dialogue",
			"At the High-Level Economic Dialogue, the United States and Mexico agreed to expand semiconductor supply chains.", day0), true},
	})
}

// "Maintain close cooperation" is a standing state, not an agreement or an
// action of the other side.
func TestStandingStateIsNoClaim(t *testing.T) {
	checkClaims(t, []claimCase{
		{"spanish", mxItem("s1", "Seguridad",
			"México y Estados Unidos mantienen una estrecha coordinación en materia de seguridad fronteriza.", day0), false},
		{"a future measure stays a commitment", usItem("s3", "Border",
			"The Government of Mexico will maintain the deployment of the National Guard at its southern border.", day0), true},
	})
}

// In a bilateral setting "the delegations agreed" means the two
// governments: the other side named earlier in the item (or a forum called
// bilateral with no third country) carries over to the generic subject.
func TestDelegationsAgreedInABilateralSetting(t *testing.T) {
	checkClaims(t, []claimCase{
		{"spanish, other side named before", mxItem("d1", "Reunión",
			"La canciller Ruiz encabezó la delegación mexicana en la reunión entre México y Estados Unidos. Las delegaciones acordaron crear un grupo técnico sobre aduanas.", day0), true},
		{"english, other side named before", usItem("d2", "Meeting",
			"Secretary Marsh met with the Mexican Foreign Secretary in Washington. The delegations also agreed to meet again in June.", day0), true},
		{"a bilateral group, no country named", mxItem("d3", "Grupo de trabajo",
			"Se reunió en Washington el Grupo de Trabajo Bilateral sobre Aduanas. Las delegaciones acordaron intercambiar información cada mes.", day0), true},
		{"a bilateral group with a third country", mxItem("d4", "Grupo de trabajo",
			"Se reunió en Tegucigalpa el Grupo de Trabajo Bilateral México-Honduras. Las delegaciones acordaron intercambiar información cada mes.", day0), false},
		{"own offices only", mxItem("d5", "Reunión",
			"Las delegaciones de la Cancillería y de la Secretaría de Economía se reunieron. Las delegaciones acordaron intercambiar información.", day0), false},
	})
}

// A decision or commitment owned by the other side is attributed to it,
// whoever the sentence's subject is.
func TestPossessedDecisionIsAttributed(t *testing.T) {
	checkClaims(t, []claimCase{
		{"english possessive", usItem("p1", "Statement",
			"The United States welcomes the Government of Mexico's decision to extend water deliveries through the summer.", day0), true},
		{"spanish de-phrase", mxItem("p2", "Comunicado",
			"La Cancillería celebra la decisión del Gobierno de Estados Unidos de ampliar el horario de la garita de Nogales.", day0), true},
		{"a third country's decision", usItem("p3", "Statement",
			"The United States welcomes the Government of Guatemala's decision to extend its asylum program.", day0), false},
	})
}

// A partner named after a kept relation ("mantiene contacto permanente con
// las autoridades de Estados Unidos") is the partner of that relation, not
// of a joint action: coordinating with one's own ministries and keeping in
// touch with the other side is no joint action with it.
func TestStandingRelationPartnerIsNoJointAction(t *testing.T) {
	checkClaims(t, []claimCase{
		{"spanish", mxItem("k1", "Cierre",
			"La Cancillería, en coordinación con la Secretaría de Economía, mantiene contacto permanente con las autoridades de Estados Unidos sobre el cierre del puente.", day0), false},
		{"a joint action with the partner stays", mxItem("k2", "Operativo",
			"La Secretaría de Marina, en coordinación con las autoridades de Estados Unidos, realizó un operativo en el puerto de Ensenada.", day0), true},
	})
}

// A region of a country is a place, not its government acting: "northern
// Mexico", "el norte de México".
func TestCountryRegionIsAPlace(t *testing.T) {
	e := shippedEngine(t)
	for _, tt := range []struct {
		name string
		item Item
	}{
		{"english", usItem("r1", "Rail", "CBP is processing migrants who travelled on freight trains through northern Mexico.", day0)},
		{"spanish", mxItem("r2", "Lluvias", "La Cancillería informa que las lluvias afectan el norte de Estados Unidos.", day0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			if want := []string{tt.item.Side}; !slices.Equal(a.Parties, want) {
				t.Errorf("parties %v, want %v", a.Parties, want)
			}
		})
	}
}

// Issuing a joint statement is no commitment of its own: the commitments
// are in its text.
func TestJointDocumentIsNoClaim(t *testing.T) {
	checkClaims(t, []claimCase{
		{"english boilerplate", usItem("j1", "Joint Statement",
			"The Governments of the United States and Mexico released the following joint statement.", day0), false},
		{"spanish", mxItem("j2", "Comunicado conjunto",
			"Los gobiernos de México y Estados Unidos emitieron el siguiente comunicado conjunto.", day0), false},
		{"a joint operation stays a joint action", usItem("j3", "Operation",
			"CBP and Mexican authorities conducted a joint operation at the Nogales port of entry.", day0), true},
	})
}

// Thanking the other side for its cooperation in something attributes a
// joint action to it; thanks for hospitality do not.
func TestThankedForCooperation(t *testing.T) {
	checkClaims(t, []claimCase{
		{"english", usItem("t1", "Return", "The Embassy thanks the Mexican authorities for their cooperation in the return of the stolen artifacts.", day0), true},
		{"spanish", mxItem("t2", "Repatriación", "La Cancillería agradeció al Gobierno de Estados Unidos por su apoyo en la repatriación de los connacionales.", day0), true},
		{"hospitality", usItem("t3", "Visit", "The delegation thanks the Mexican authorities for their hospitality.", day0), false},
	})
}

// A concept capitalised mid-sentence in the body is a name; the same words
// in an English title-case headline are not.
func TestNamedConcepts(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		name  string
		item  Item
		named bool
	}{
		{"title case", usItem("c1", "New Cargo Inspection Rules", "Officers will apply new rules.", day0), false},
		{"name in the body", usItem("c2", "Forum", "Officers met at the annual Cargo Inspection Forum in Tucson.", day0), true},
		{"lower case in the body", usItem("c3", "Forum", "Officers discussed cargo inspection in Tucson.", day0), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			if got := slices.Contains(a.named, "cargo_inspection"); got != tt.named {
				t.Errorf("named = %v (%v), want %v", got, a.named, tt.named)
			}
		})
	}
}
