package match

import (
	"sync"
	"testing"
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
