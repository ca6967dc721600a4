package digest

import (
	"fmt"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// vocab are the fixed phrases of a digest in one language.
type vocab struct {
	lang                                        string
	digest, week, late, empty                   string
	newClaims, stillOpen, closed, resolved      string
	oldest, feeds, chart, chartY, chartTitle    string
	old, confirmedAfter, lateAfter              string
	byHand, dismissedBy, polls, failed, items   string
	silent, more, none, title, titleOpen, total string
	cats                                        map[string][2]string
}

var vocabs = map[string]vocab{
	"en": {
		lang: "en", digest: "Weekly digest", week: "week", late: "sent late, scheduled for %s",
		empty:     "nothing new: no new claims, no confirmations, no resolutions.",
		newClaims: "New claims", stillOpen: "Still open from this week", closed: "Gaps closed this week",
		resolved: "Resolved by the newsroom", oldest: "Oldest gaps still open from earlier weeks",
		feeds: "Feeds this week", chart: "Chart attached: claims per day by side, stacked by status.",
		chartY: "claims", chartTitle: "Claims per day, week %s",
		old: "old", confirmedAfter: "confirmed after %s", lateAfter: "confirmed late, after %s",
		byHand: "confirmed by hand by %s", dismissedBy: "dismissed by %s", polls: "polls", failed: "failed",
		items: "items published", silent: "SILENT: published nothing", more: "… and %d more", none: "none",
		title: "Week %s: %d new claims", titleOpen: ", %d still open", total: "total",
		cats: map[string][2]string{
			Confirmed: {"confirmed", "confirmed"}, Partial: {"partial", "partial"},
			Unconfirmed: {"unconfirmed", "unconfirmed"}, Open: {"open", "open"}, Dismissed: {"dismissed", "dismissed"},
		},
	},
	"es": {
		lang: "es", digest: "Resumen semanal", week: "semana", late: "enviado con retraso, previsto para el %s",
		empty:     "nada nuevo: ni afirmaciones nuevas, ni confirmaciones, ni resoluciones.",
		newClaims: "Afirmaciones nuevas", stillOpen: "Siguen abiertas de esta semana", closed: "Brechas cerradas esta semana",
		resolved: "Resueltas por la redacción", oldest: "Brechas más antiguas aún abiertas de semanas anteriores",
		feeds: "Fuentes esta semana", chart: "Gráfica adjunta: afirmaciones por día y lado, apiladas por estado.",
		chartY: "afirmaciones", chartTitle: "Afirmaciones por día, semana %s",
		old: "de antigüedad", confirmedAfter: "confirmada tras %s", lateAfter: "confirmada tarde, tras %s",
		byHand: "confirmada a mano por %s", dismissedBy: "descartada por %s", polls: "consultas", failed: "con error",
		items: "publicaciones", silent: "EN SILENCIO: no publicó nada", more: "… y %d más", none: "ninguna",
		title: "Semana %s: %d afirmaciones nuevas", titleOpen: ", %d siguen abiertas", total: "total",
		cats: map[string][2]string{
			Confirmed: {"confirmada", "confirmadas"}, Partial: {"parcial", "parciales"},
			Unconfirmed: {"no confirmada", "no confirmadas"}, Open: {"abierta", "abiertas"}, Dismissed: {"descartada", "descartadas"},
		},
	},
}

func words(lang string) vocab { return vocabs[normLang(lang)] }

// category names a category for a count of n.
func (v vocab) category(cat string, n int) string {
	if n == 1 {
		return v.cats[cat][0]
	}
	return v.cats[cat][1]
}

// Title is the digest's one-line heading ("Week 2026-W47: 12 new claims,
// 4 still open").
func (r *Report) Title() string {
	w := words(r.Language)
	s := fmt.Sprintf(w.title, r.Week, r.NewTotal)
	if r.OpenTotal > 0 {
		s += fmt.Sprintf(w.titleOpen, r.OpenTotal)
	}
	return s
}

// ChartTitle is the chart's heading.
func (r *Report) ChartTitle() string { return fmt.Sprintf(words(r.Language).chartTitle, r.Week) }

// ChartPNG draws the report's chart.
func (r *Report) ChartPNG() ([]byte, error) { return r.Chart.PNG(r.ChartTitle()) }

// Text renders the digest as plain text in its language; an empty week is
// one line.
func (r *Report) Text() string {
	w := words(r.Language)
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	last := r.To.In(loc).AddDate(0, 0, -1)
	head := fmt.Sprintf("%s — #%s — %s %s (%s – %s)", w.digest, r.Channel, w.week, r.Week,
		r.From.In(loc).Format("2006-01-02"), last.Format("2006-01-02"))
	if r.Late {
		head += " — " + fmt.Sprintf(w.late, stamp(r.ScheduledAt, loc))
	}
	if r.Empty() {
		return head + ": " + w.empty
	}
	var b strings.Builder
	b.WriteString(head + "\n")

	fmt.Fprintf(&b, "\n%s: %d\n", w.newClaims, r.NewTotal)
	for _, t := range r.New {
		var parts []string
		for _, cat := range Categories {
			if n := t.By[cat]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, w.category(cat, n)))
			}
		}
		fmt.Fprintf(&b, "  %s: %d — %s\n", r.sideName(t.Side), t.Total, strings.Join(parts, ", "))
	}

	if r.OpenTotal > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", w.stillOpen, r.OpenTotal)
		r.list(&b, r.OpenTotal, func(i int) string { return gapLine(r.Open[i], w) })
	}
	if r.ClosedTotal > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", w.closed, r.ClosedTotal)
		r.list(&b, r.ClosedTotal, func(i int) string {
			c := r.Closed[i]
			f := w.confirmedAfter
			if c.Late {
				f = w.lateAfter
			}
			return fmt.Sprintf(f, duration(c.Took)) + claimRef(c.Claim)
		})
	}
	if len(r.Resolved) > 0 {
		fmt.Fprintf(&b, "\n%s (%d):\n", w.resolved, len(r.Resolved))
		r.list(&b, len(r.Resolved), func(i int) string {
			c := r.Resolved[i]
			res := c.Resolution
			if res.Kind == store.ResolvedDismissed {
				s := fmt.Sprintf(w.dismissedBy, res.By)
				if res.Reason != "" {
					s += ": " + clip(res.Reason, 80)
				}
				return s + claimRef(c)
			}
			s := fmt.Sprintf(w.byHand, res.By)
			if res.URL != "" {
				s += " (" + res.URL + ")"
			}
			return s + claimRef(c)
		})
	}
	if len(r.Oldest) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", w.oldest)
		r.list(&b, len(r.Oldest), func(i int) string { return gapLine(r.Oldest[i], w) })
	}
	if len(r.Feeds) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", w.feeds)
		for _, f := range r.Feeds {
			fmt.Fprintf(&b, "  %s (%s): %s %d, %s %d, %s %d", f.Feed, f.Side, w.polls, f.Polls, w.failed, f.Failures, w.items, f.Items)
			if f.Items == 0 {
				b.WriteString(" — " + w.silent)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n" + w.chart)
	return b.String()
}

// list writes up to MaxListed lines and counts the rest.
func (r *Report) list(b *strings.Builder, n int, line func(i int) string) {
	max := r.MaxListed
	if max <= 0 {
		max = 10
	}
	for i := 0; i < n && i < max; i++ {
		b.WriteString("  " + line(i) + "\n")
	}
	if n > max {
		b.WriteString("  " + fmt.Sprintf(words(r.Language).more, n-max) + "\n")
	}
}

func (r *Report) sideName(id string) string {
	if n := r.SideNames[id]; n != "" {
		return n
	}
	return id
}

// statusLabel is a gap's category in upper case.
func statusLabel(c store.Claim, w vocab) string {
	return strings.ToUpper(w.category(Category(c), 1))
}

// gapLine is an open gap's line: "PARTIAL · 3d 4h old — #42 [mx] “title”".
func gapLine(g Gap, w vocab) string {
	return fmt.Sprintf("%s · %s %s", statusLabel(g.Claim, w), duration(g.Age), w.old) + claimRef(g.Claim)
}

// claimRef is " — #42 [mx] “title”".
func claimRef(c store.Claim) string {
	return fmt.Sprintf(" — #%d [%s] “%s”", c.ID, c.Item.Side, clip(c.Item.Title, 90))
}

// duration is a compact age: "3d 4h", "5h", "40m".
func duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d >= 24*time.Hour:
		days := int(d / (24 * time.Hour))
		h := int((d % (24 * time.Hour)) / time.Hour)
		if h == 0 {
			return fmt.Sprintf("%dd", days)
		}
		return fmt.Sprintf("%dd %dh", days, h)
	case d >= time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dm", int(d/time.Minute))
}

func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "?"
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// ChartSVG draws the report's chart as SVG (for the evidence pages).
func (r *Report) ChartSVG() ([]byte, error) { return r.Chart.SVG(r.ChartTitle()) }
