package match

import (
	"strings"
	"testing"
	"time"
)

const (
	cbpBinational = "CBP officers, in coordination with Mexico's National Migration Institute, conducted a binational operation against human smuggling at the Nogales port of entry on March 9."
	inmConfirms   = "El Instituto Nacional de Migración y la CBP realizaron el 9 de marzo un operativo binacional contra el tráfico de personas en la garita de Nogales."
)

// defaultLex is the shipped lexicon: the rule is about the real gazetteer's
// institutions and parents.
func defaultLex(t testing.TB) *Lexicon {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatalf("default lexicon: %v", err)
	}
	return lex
}

func cbpItem(guid, title, body string, at time.Time) Item {
	return Item{Feed: "cbp", Side: "us", GUID: guid, Title: title, Content: body, Published: at, Language: "en-US"}
}

func inmItem(guid, title, body string, at time.Time) Item {
	return Item{Feed: "inm", Side: "mx", GUID: guid, Title: title, Content: body, Published: at, Language: "es-MX"}
}

// officesFor lists the offices a test engine knows: the SRE and the INM
// on the Mexican side (the SRE always watched), CBP on the US side.
func officesFor(inmWatched bool) Offices {
	return Offices{
		{ID: "sre", Side: "mx", Institution: "sre", Name: "SRE", Watched: true},
		{ID: "inm", Side: "mx", Institution: "inm", Name: "INM", Watched: inmWatched},
		{ID: "guardia-nacional", Side: "mx", Institution: "mx_national_guard", Name: "Guardia Nacional"},
		{ID: "cbp", Side: "us", Institution: "cbp", Name: "CBP", Watched: true},
		{ID: "ice", Side: "us", Institution: "ice", Name: "ICE"},
	}
}

func TestNotWatchedRule(t *testing.T) {
	claim := cbpItem("c1", "CBP and Mexican partners disrupt smuggling network", cbpBinational, day0)
	confirm := inmItem("m1", "Operativo binacional en Nogales", inmConfirms, day0.Add(6*time.Hour))
	tests := []struct {
		name      string
		offices   Offices
		items     []Item
		status    Status
		abstain   Abstention
		unwatched []string // offices the explanation must name as not watched
		searched  string   // the searched offices line must list these
	}{
		{"INM not watched: unverified naming INM", officesFor(false), []Item{claim}, Unconfirmed, Unverified, []string{"inm"}, "SRE"},
		{"INM watched and silent: unconfirmed", officesFor(true), []Item{claim}, Unconfirmed, NoAbstention, nil, "INM, SRE"},
		{"INM watched and confirming: confirmed", officesFor(true), []Item{claim, confirm}, Confirmed, NoAbstention, nil, "INM, SRE"},
		{"no catalogue (plain replay): the rule is off", nil, []Item{claim}, Unconfirmed, NoAbstention, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine(defaultLex(t), Options{Offices: tt.offices})
			d := decisionFor(t, Replay(e, append(background(), tt.items...), nil), "c1")
			text := d.ExplanationText("en")
			if d.Status != tt.status || d.Abstain != tt.abstain {
				t.Fatalf("status %s abstain %q, want %s %q\n%s", d.Status, d.Abstain, tt.status, tt.abstain, text)
			}
			if d.ScoredStatus() != tt.status {
				t.Errorf("scored status %s, want %s: the rule must not change the scored status", d.ScoredStatus(), tt.status)
			}
			w := d.Explanation.Watch
			if tt.offices == nil {
				if w != nil || strings.Contains(text, "offices searched") {
					t.Errorf("no offices known, yet the explanation speaks of them:\n%s", text)
				}
				return
			}
			if w == nil {
				t.Fatalf("no watch note:\n%s", text)
			}
			var got []string
			for _, u := range w.Unwatched {
				got = append(got, u.Office)
			}
			if strings.Join(got, ",") != strings.Join(tt.unwatched, ",") {
				t.Errorf("unwatched offices %v, want %v\n%s", got, tt.unwatched, text)
			}
			if !strings.Contains(text, "Other side's offices searched: "+tt.searched+"\n") {
				t.Errorf("explanation does not list the offices searched (%s):\n%s", tt.searched, text)
			}
			if len(tt.unwatched) > 0 && !strings.Contains(text, "Not watched: the claim names INM; gapwatch does not watch its press office (inm).") {
				t.Errorf("explanation does not name the unwatched INM office:\n%s", text)
			}
		})
	}
}

func TestUnwatchedOffices(t *testing.T) {
	offices := officesFor(true)
	tests := []struct {
		name string
		item Item
		want string // office:institution:via of each unwatched, comma-separated
	}{
		{"own office not watched", cbpItem("1", "Release",
			"CBP officers, in coordination with the Mexican National Guard, seized rifles at the Nogales port of entry.", day0),
			"guardia-nacional:mx_national_guard:"},
		{"parent's office watched", cbpItem("2", "Release",
			"CBP officers, in coordination with Mexico's National Migration Institute, seized rifles at the Nogales port of entry.", day0),
			""},
		{"child of an unwatched office", mxItem("3", "Comunicado",
			"Agentes del INM, en coordinación con Investigaciones de Seguridad Nacional (HSI), detuvieron a tres traficantes.", day0),
			"ice:hsi:ice"},
		{"own side's institutions never count", mxItem("4", "Comunicado",
			"La Guardia Nacional y la CBP acordaron un operativo conjunto en Nogales.", day0),
			""},
	}
	e := NewEngine(defaultLex(t), Options{Offices: offices})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, u := range e.unwatched(e.Analyze(tt.item)) {
				got = append(got, u.Office+":"+u.Institution+":"+u.Via)
			}
			if s := strings.Join(got, ","); s != tt.want {
				t.Errorf("unwatched = %q, want %q", s, tt.want)
			}
		})
	}
}

func TestWatchNoteSpanish(t *testing.T) {
	e := NewEngine(defaultLex(t), Options{Offices: officesFor(false), Language: "es"})
	d := decisionFor(t, Replay(e, append(background(), cbpItem("c1", "Release", cbpBinational, day0)), nil), "c1")
	text := d.ExplanationText("")
	for _, want := range []string{"Oficinas de la otra parte consultadas: SRE\n", "gapwatch no vigila su oficina de prensa (inm)"} {
		if !strings.Contains(text, want) {
			t.Errorf("explanation lacks %q:\n%s", want, text)
		}
	}
}
