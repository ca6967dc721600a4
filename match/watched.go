package match

import (
	"fmt"
	"sort"
	"strings"
)

// Office is one press office of a government as the engine sees it: the
// institution it speaks for and whether gapwatch polls it. cmd builds the
// list from the catalogue of press offices and the configured feeds.
type Office struct {
	// ID is the office's catalogue id (e.g. "inm"), or the feed's name for
	// a configured feed the catalogue does not list.
	ID string `json:"id"`
	// Side is the government the office speaks for.
	Side string `json:"side"`
	// Institution is the gazetteer id of its institution ("" when unknown).
	Institution string `json:"institution,omitempty"`
	// Name is how explanations name the office (its ID when empty).
	Name string `json:"name,omitempty"`
	// Watched reports that a configured feed polls the office.
	Watched bool `json:"watched"`
}

// Offices are the press offices of both sides the engine knows of. A nil
// list turns the "not watched" rule off (replay of plain files, where no
// feed is known to be any office).
type Offices []Office

// Unwatched is an institution of the other side that a claim names and
// whose press office gapwatch does not watch.
type Unwatched struct {
	// Institution is the gazetteer id the claim names (e.g. "inm", "hsi").
	Institution string `json:"institution"`
	// Office is the catalogue id of the office that speaks for it: its own,
	// else the nearest enclosing institution's (HSI → ICE).
	Office string `json:"office"`
	// OfficeName is the office's display name.
	OfficeName string `json:"office_name,omitempty"`
	// Via is the enclosing institution whose office speaks for the one
	// named ("" when the named institution has its own office).
	Via string `json:"via,omitempty"`
}

// WatchNote is what an explanation says about the other side's press
// offices: which were searched and which named ones were not watched.
type WatchNote struct {
	// Searched names the other side's watched offices, sorted.
	Searched []string `json:"searched"`
	// Unwatched are the institutions the claim names whose office is not watched.
	Unwatched []Unwatched `json:"unwatched,omitempty"`
}

// maxParentSteps bounds the walk up the gazetteer's parents (no cycles in
// the data, but a bad extra file must not hang the engine).
const maxParentSteps = 8

// unwatched returns the other side's institutions that the claim names
// whose press office is in the catalogue but not watched, by office. The
// office is the one of the institution itself, else of its nearest
// enclosing institution that has one; an institution with none is outside
// the rule (nobody could have been watched).
//
// The rule only ever turns an unconfirmed verdict into unverified, and an
// unconfirmed verdict means no watched office of that side addressed the
// claim (no item covered the same event), so "unless another watched
// office addressed it" holds by construction.
func (e *Engine) unwatched(claim *Analysis) []Unwatched {
	offs := e.opts.Offices
	if len(offs) == 0 || claim == nil {
		return nil
	}
	other := Other(claim.Item.Side)
	byInst := map[string][]Office{}
	for _, o := range offs {
		if o.Side == other && o.Institution != "" {
			byInst[o.Institution] = append(byInst[o.Institution], o)
		}
	}
	var out []Unwatched
	seen := map[string]bool{}
	for _, id := range sortedCountKeys(claim.Entities) {
		ent := e.lex.entries[id]
		if ent == nil || ent.Kind != KindInstitution || ent.Side != other {
			continue
		}
		cur := id
		for step := 0; cur != "" && step < maxParentSteps; step++ {
			list := byInst[cur]
			if len(list) == 0 {
				p := e.lex.entries[cur]
				if p == nil {
					break
				}
				cur = p.Parent
				continue
			}
			watched := false
			for _, o := range list {
				watched = watched || o.Watched
			}
			if !watched && !seen[list[0].ID] {
				seen[list[0].ID] = true
				u := Unwatched{Institution: id, Office: list[0].ID, OfficeName: officeName(list[0])}
				if cur != id {
					u.Via = cur
				}
				out = append(out, u)
			}
			break
		}
	}
	return out
}

// watchNote returns what the explanation says about the other side's
// offices, adding the labels of the institutions it names to labels; nil
// when the engine knows no offices.
func (e *Engine) watchNote(claim *Analysis, labels map[string]Label) *WatchNote {
	if len(e.opts.Offices) == 0 || claim == nil {
		return nil
	}
	other := Other(claim.Item.Side)
	n := &WatchNote{Searched: []string{}, Unwatched: e.unwatched(claim)}
	seen := map[string]bool{}
	for _, o := range e.opts.Offices {
		if o.Side == other && o.Watched && !seen[officeName(o)] {
			seen[officeName(o)] = true
			n.Searched = append(n.Searched, officeName(o))
		}
	}
	sort.Strings(n.Searched)
	for _, u := range n.Unwatched {
		labels[u.Institution] = e.label(u.Institution)
	}
	return n
}

func officeName(o Office) string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// text renders the note's lines (none for a nil note) in lang, with the
// labels of the explanation for the institutions named.
func (n *WatchNote) text(lang string, labels map[string]Label) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	searched := strings.Join(n.Searched, ", ")
	if lang == "es" {
		if searched == "" {
			searched = "ninguna"
		}
		fmt.Fprintf(&b, "Oficinas de la otra parte consultadas: %s\n", searched)
	} else {
		if searched == "" {
			searched = "none"
		}
		fmt.Fprintf(&b, "Other side's offices searched: %s\n", searched)
	}
	for _, u := range n.Unwatched {
		l, ok := labels[u.Institution]
		name := strings.ReplaceAll(u.Institution, "_", " ")
		if ok {
			name = l.EN
			if lang == "es" {
				name = l.ES
			}
		}
		own := u.Via == ""
		switch {
		case lang == "es" && own:
			fmt.Fprintf(&b, "No vigilada: el comunicado menciona a %s; gapwatch no vigila su oficina de prensa (%s).\n", name, u.Office)
		case lang == "es":
			fmt.Fprintf(&b, "No vigilada: el comunicado menciona a %s; gapwatch no vigila la oficina de prensa %s (%s).\n", name, u.OfficeName, u.Office)
		case own:
			fmt.Fprintf(&b, "Not watched: the claim names %s; gapwatch does not watch its press office (%s).\n", name, u.Office)
		default:
			fmt.Fprintf(&b, "Not watched: the claim names %s; gapwatch does not watch the press office of %s (%s).\n", name, u.OfficeName, u.Office)
		}
	}
	return b.String()
}
