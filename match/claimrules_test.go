package match

import "testing"

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
