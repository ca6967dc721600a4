package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// statuses are the engine's verdicts in the order the counts show them.
var statuses = []match.Status{match.Pending, match.Confirmed, match.Partial, match.Unconfirmed}

// listFilter is /claims' query: every field is a query parameter.
type listFilter struct {
	Status  string
	Side    string
	Feed    string
	Concept string
	Week    string
	Q       string
	Page    int
}

func (f listFilter) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"status": f.Status, "side": f.Side, "feed": f.Feed,
		"concept": f.Concept, "week": f.Week, "q": f.Q} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page))
	}
	return v
}

// URL is /claims with the filter's query.
func (f listFilter) URL() string {
	if q := f.values().Encode(); q != "" {
		return "/claims?" + q
	}
	return "/claims"
}

type statusCount struct {
	Name   string
	N      int
	URL    string
	Active bool
}

type claimRow struct {
	ID        int64
	Path      string
	Title     string
	Feed      string
	Side      string
	Published time.Time
	Deadline  time.Time
	Status    string
	Abstain   string
	Final     bool
	Resolved  string
}

type claimsView struct {
	Title    string
	Filter   listFilter
	From     time.Time
	Until    time.Time
	Counts   []statusCount
	Total    int
	Rows     []claimRow
	Page     int
	PrevURL  string
	NextURL  string
	Sides    []string
	Feeds    []string
	Statuses []string
}

var (
	weekRe    = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)
	conceptRe = regexp.MustCompile(`^[a-z0-9_]{1,64}$`)
)

// weekStart returns the Monday 00:00 in loc that starts ISO week "YYYY-Www".
func weekStart(week string, loc *time.Location) (time.Time, bool) {
	m := weekRe.FindStringSubmatch(week)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	w, _ := strconv.Atoi(m[2])
	if w < 1 || w > 53 {
		return time.Time{}, false
	}
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, loc)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	start := monday.AddDate(0, 0, 7*(w-1))
	if gy, gw := start.ISOWeek(); gy != y || gw != w {
		return time.Time{}, false
	}
	return start, true
}

func parseFilter(q url.Values) (listFilter, error) {
	f := listFilter{Status: q.Get("status"), Side: q.Get("side"), Feed: q.Get("feed"),
		Concept: q.Get("concept"), Week: q.Get("week"), Q: strings.TrimSpace(q.Get("q")), Page: 1}
	if f.Status != "" {
		var st match.Status
		if err := st.UnmarshalText([]byte(f.Status)); err != nil {
			return f, badRequest("unknown status %q", f.Status)
		}
	}
	if f.Concept != "" && !conceptRe.MatchString(f.Concept) {
		return f, badRequest("a concept is a lexicon id such as arms_trafficking")
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 10000 {
			return f, badRequest("page %q: a number from 1", p)
		}
		f.Page = n
	}
	if len(f.Q) > 200 {
		return f, badRequest("search text too long")
	}
	return f, nil
}

// hasConcept reports whether one of c's commitments names concept.
func hasConcept(c store.Claim, concept string) bool {
	for _, u := range c.Decision.Units {
		if slices.Contains(u.Unit.Objects, concept) || slices.Contains(u.Unit.Places, concept) {
			return true
		}
	}
	return false
}

func (s *Server) claimsPage(w http.ResponseWriter, r *http.Request) error {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		return err
	}
	ctx := r.Context()
	loc := s.opts.Location
	now := s.opts.Now()
	v := claimsView{Title: "Claims", Filter: f, Page: f.Page, Sides: s.opts.Sides,
		Until: now, From: now.AddDate(0, 0, -7*s.opts.Weeks)}
	for _, st := range statuses {
		v.Statuses = append(v.Statuses, st.String())
	}
	q := store.ClaimQuery{Side: f.Side, Feed: f.Feed, Since: v.From}
	var until time.Time
	if f.Week != "" {
		start, ok := weekStart(f.Week, loc)
		if !ok {
			return badRequest("week %q: an ISO week such as 2026-W06", f.Week)
		}
		q.Since, until = start, start.AddDate(0, 0, 7)
		v.From, v.Until = start, until
	}
	if f.Q != "" {
		q.Terms = s.terms(f.Q)
		if len(q.Terms) == 0 {
			return badRequest("search %q: no word to look for", f.Q)
		}
	}
	counted := q
	if f.Status != "" {
		var st match.Status
		_ = st.UnmarshalText([]byte(f.Status))
		q.Statuses = []match.Status{st}
	}
	size := s.opts.PageSize
	offset := (f.Page - 1) * size
	var rows []store.Claim
	counts := map[string]int{}
	if pq, ok := s.opts.Store.(PageQueries); ok {
		lim := q
		lim.Limit = size + 1
		if rows, err = pq.ClaimsPage(ctx, lim, until, f.Concept, offset); err != nil {
			return fmt.Errorf("claims page: %w", err)
		}
		if counts, err = pq.ClaimStatusCounts(ctx, counted, until, f.Concept); err != nil {
			return fmt.Errorf("claim counts: %w", err)
		}
	} else {
		// One query for the window, filtered, counted and paged here.
		all, err := s.opts.Store.Claims(ctx, counted)
		if err != nil {
			return fmt.Errorf("claims: %w", err)
		}
		var kept []store.Claim
		for _, c := range all {
			if (!until.IsZero() && !c.Item.Published.Before(until)) || (f.Concept != "" && !hasConcept(c, f.Concept)) {
				continue
			}
			counts[c.Decision.Status.String()]++
			if f.Status == "" || c.Decision.Status.String() == f.Status {
				kept = append(kept, c)
			}
		}
		if offset < len(kept) {
			rows = kept[offset:min(len(kept), offset+size+1)]
		}
	}
	for _, st := range v.Statuses {
		nf := f
		nf.Page = 1
		nf.Status = st
		if f.Status == st {
			nf.Status = ""
		}
		v.Counts = append(v.Counts, statusCount{Name: st, N: counts[st], URL: nf.URL(), Active: f.Status == st})
		v.Total += counts[st]
	}
	if len(rows) > size {
		rows = rows[:size]
		nf := f
		nf.Page = f.Page + 1
		v.NextURL = nf.URL()
	}
	if f.Page > 1 {
		nf := f
		nf.Page = f.Page - 1
		v.PrevURL = nf.URL()
	}
	seenFeed := map[string]bool{}
	for _, c := range rows {
		row := claimRow{ID: c.ID, Path: ClaimPath(c.ID), Title: c.Item.Title, Feed: c.Item.Feed, Side: c.Item.Side,
			Published: c.Item.Published, Deadline: c.Decision.Deadline, Status: c.Decision.Status.String(), Final: c.Decision.Final}
		if c.Decision.Abstain != match.NoAbstention {
			row.Abstain = c.Decision.Abstain.String()
		}
		if c.Resolution != nil {
			row.Resolved = string(c.Resolution.Kind)
		}
		v.Rows = append(v.Rows, row)
		seenFeed[c.Item.Feed] = true
	}
	if f.Feed != "" {
		seenFeed[f.Feed] = true
	}
	for _, n := range s.opts.Feeds {
		seenFeed[n] = true
	}
	for n := range seenFeed {
		v.Feeds = append(v.Feeds, n)
	}
	slices.Sort(v.Feeds)
	s.render(w, r, "claims", v)
	return nil
}

// terms expands a search box's text into store terms.
func (s *Server) terms(text string) []string {
	if s.opts.Search != nil {
		return s.opts.Search.SearchTerms(text)
	}
	var out []string
	for _, w := range strings.Fields(match.Fold(text)) {
		if len([]rune(w)) >= 2 && len(out) < 32 {
			out = append(out, w)
		}
	}
	return out
}
