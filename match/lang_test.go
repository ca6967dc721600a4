package match

import "testing"

// A feed declares one language for all its items, but offices publish in
// both: the text's own function words decide when they clearly disagree.
func TestLanguageGuard(t *testing.T) {
	e := shippedEngine(t)
	tests := []struct {
		name     string
		item     Item
		lang     string
		claim    bool
		notPlace string
	}{
		{"english version on a spanish feed", mxItem("g1", "Joint communiqué",
			"The Government of the United States and Mexico agreed to open a binational working group on water quality in the Tijuana River basin, which will meet every month.", day0),
			"en", true, ""},
		{"spanish release on an english feed", usItem("g2", "Aviso",
			"La Oficina de Aduanas recomienda a los viajeros que cruzan por el puente del río Bravo que revisen los tiempos de espera antes de salir de casa.", day0),
			"es", false, "del_rio"},
		{"spanish title on an english text stays english", usItem("g3", "Acuerdo de aguas",
			"The United States and Mexico agreed on a new schedule of water deliveries for the coming cycle.", day0),
			"en", true, ""},
		{"english name quoted in spanish stays spanish", mxItem("g4", "Comunicado",
			"México y Estados Unidos acordaron ampliar el programa Trusted Traveler en la garita de Otay Mesa.", day0),
			"es", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.Analyze(tt.item)
			if a.Lang != tt.lang {
				t.Errorf("analysed as %q, want %q", a.Lang, tt.lang)
			}
			if a.IsClaim() != tt.claim {
				t.Errorf("claim = %v, want %v (units %+v)", a.IsClaim(), tt.claim, a.Units)
			}
			if tt.notPlace != "" && a.Entities[tt.notPlace] > 0 {
				t.Errorf("%q tagged in %q", tt.notPlace, a.Text)
			}
		})
	}
}
