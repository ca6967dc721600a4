package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// event is one line of a claim's timeline.
type event struct {
	At     time.Time
	What   string
	Who    string
	Detail string
	// Late marks a confirmation after the deadline.
	Late bool
}

// candidateView is one other-side item beside the claim.
type candidateView struct {
	Feed      string
	Title     string
	Link      string
	Published time.Time
	Score     string
	SameEvent bool
	Reason    string
	// Confirms marks an item the decision counts as a match; Late one
	// that confirmed after the deadline.
	Confirms bool
	Late     bool
	// Shared are the words of the ids both texts name.
	Shared []string
	// ClaimSentences are the claim's sentences naming a shared id.
	ClaimSentences [][]Segment
	// Text is the item's text with the shared ids marked.
	Text []Segment
	// Stored reports that the item is in the store (else only its title
	// and score are known).
	Stored bool
}

// unitView is a commitment no item states.
type unitView struct {
	Quote   string
	Outcome string
	Missing []string
}

// feedHealth is one of the other side's feeds during the claim's window.
type feedHealth struct {
	Feed        string
	Polls       int
	Failures    int
	Failing     time.Duration
	Share       float64
	NoPolls     bool
	LastError   string
	LastErrorAt time.Time
	LastSuccess time.Time
	Low         bool
}

type claimView struct {
	Title       string
	ID          int64
	Item        match.Item
	Link        string
	Text        []Segment
	Status      string
	Abstain     string
	Final       bool
	Denied      bool
	Late        bool
	Deadline    time.Time
	WindowFrom  time.Time
	WindowTo    time.Time
	Explanation string
	Resolution  *store.Resolution
	Timeline    []event
	Candidates  []candidateView
	Unstated    []unitView
	OtherSide   string
	Health      []feedHealth
	Labels      map[string]match.Label
}

func (s *Server) claimPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return httpError{http.StatusNotFound, "no such claim"}
	}
	ctx := r.Context()
	// Section 1: the claim with its evidence items (one store call).
	c, err := s.opts.Store.Claim(ctx, id)
	if err != nil {
		return err
	}
	d := c.Decision
	v := claimView{Title: fmt.Sprintf("Claim %d", c.ID), ID: c.ID, Item: c.Item, Status: d.Status.String(),
		Final: d.Final, Denied: d.Denied, Late: d.ConfirmedLate, Deadline: d.Deadline,
		WindowFrom: d.Explanation.WindowFrom, WindowTo: d.Explanation.WindowTo,
		Explanation: d.ExplanationText(s.opts.Language), Resolution: c.Resolution,
		OtherSide: match.Other(c.Item.Side), Labels: d.Explanation.Labels}
	if v.WindowTo.IsZero() {
		v.WindowTo = d.Deadline
	}
	if d.Abstain != match.NoAbstention {
		v.Abstain = d.Abstain.String()
	}
	v.Link, _ = SafeURL(c.Item.Link)

	claim := analyse(s.opts.Engine, c.Item)
	commit := commitmentSpans(claim, d.Units)
	allShared := map[string]string{}
	for _, cs := range d.Considered {
		if cs.SameEvent {
			for _, id := range sharedIDs(cs) {
				allShared[id] = s.label(d.Explanation.Labels, id)
			}
		}
	}
	v.Text = segments(claim.text, append(commit, claim.sharedSpans(allShared)...))

	matches := map[match.Ref]bool{}
	for _, m := range d.Matches {
		matches[m] = true
	}
	byRef := map[match.Ref]match.Item{}
	for _, it := range c.Evidence {
		byRef[match.RefOf(it)] = it
	}
	for _, cs := range d.Considered {
		cv := candidateView{Feed: cs.Ref.Feed, Title: cs.Title, Published: cs.Published, Score: fmt.Sprintf("%.2f", cs.Score),
			SameEvent: cs.SameEvent, Reason: cs.Reason, Confirms: matches[cs.Ref],
			Late: d.LateMatch != nil && *d.LateMatch == cs.Ref}
		ids := map[string]string{}
		for _, id := range sharedIDs(cs) {
			ids[id] = s.label(d.Explanation.Labels, id)
			cv.Shared = append(cv.Shared, ids[id])
		}
		if it, ok := byRef[cs.Ref]; ok {
			cv.Stored, cv.Title, cv.Published = true, it.Title, it.Published
			cv.Link, _ = SafeURL(it.Link)
			other := analyse(s.opts.Engine, it)
			cv.Text = segments(other.text, other.sharedSpans(ids))
			cv.ClaimSentences = claim.sentencesWith(claim.sharedSpans(ids), commit)
		}
		v.Candidates = append(v.Candidates, cv)
	}
	for _, u := range d.Units {
		if u.Outcome == match.Stated {
			continue
		}
		uv := unitView{Quote: u.Unit.Text, Outcome: u.Outcome.String()}
		for _, id := range u.Missing {
			uv.Missing = append(uv.Missing, s.label(d.Explanation.Labels, id))
		}
		v.Unstated = append(v.Unstated, uv)
	}

	// Sections 2 and 3: the timeline's edits and actions (one call each).
	revs, err := s.opts.Store.Revisions(ctx, c.Item.ID)
	if err != nil {
		return fmt.Errorf("claim %d: revisions: %w", id, err)
	}
	acts, err := s.opts.Store.Actions(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("claim %d: actions: %w", id, err)
	}
	v.Timeline = timeline(c, v.Candidates, revs, acts)

	// Section 4: the other side's feeds during the window.
	if v.Health, err = s.health(r, v.OtherSide, v.WindowFrom, v.WindowTo); err != nil {
		return fmt.Errorf("claim %d: %w", id, err)
	}
	s.render(w, r, "claim", v)
	return nil
}

// sharedIDs are the concepts, people, places and agencies a candidate
// shares with the claim.
func sharedIDs(cs match.CandidateScore) []string {
	var out []string
	for _, l := range [][]string{cs.Concepts, cs.People, cs.Places, cs.Agencies} {
		out = append(out, l...)
	}
	return out
}

// commitmentSpans are the claim's sentences that state its commitments.
func commitmentSpans(a analysed, units []match.UnitResult) []span {
	var out []span
	for _, u := range units {
		found := false
		quote := strings.TrimSpace(u.Unit.Text)
		for _, s := range a.sentences {
			if quote != "" && (s.Text == quote || strings.Contains(s.Text, quote) || strings.Contains(quote, s.Text)) {
				out = append(out, span{start: s.Start, end: s.End, commitment: true})
				found = true
				break
			}
		}
		if !found && quote != "" {
			if i := strings.Index(a.text, quote); i >= 0 {
				out = append(out, span{start: i, end: i + len(quote), commitment: true})
			}
		}
	}
	return out
}

// timeline orders what happened to a claim: publication, edits,
// confirmations, the deadline and the newsroom's actions.
func timeline(c store.Claim, cands []candidateView, revs []store.Revision, acts []store.Action) []event {
	d := c.Decision
	ev := []event{{At: c.Item.Published, What: "published", Who: c.Item.Feed}}
	if !c.Item.FirstSeen.IsZero() && c.Item.FirstSeen.After(c.Item.Published.Add(time.Minute)) {
		ev = append(ev, event{At: c.Item.FirstSeen, What: "first seen by gapwatch"})
	}
	for _, r := range revs {
		if r.Revision > 0 {
			ev = append(ev, event{At: r.SeenAt, What: fmt.Sprintf("edited (revision %d)", r.Revision), Detail: r.Title})
		}
	}
	for _, cv := range cands {
		if cv.Confirms || cv.Late {
			what := "confirmed by the other side"
			if cv.Late {
				what = "confirmed late, after the deadline"
			}
			ev = append(ev, event{At: cv.Published, What: what, Who: cv.Feed, Detail: cv.Title, Late: cv.Late})
		}
	}
	if !d.Deadline.IsZero() {
		ev = append(ev, event{At: d.Deadline, What: "deadline: the window closes"})
	}
	for _, a := range acts {
		e := event{At: a.At, What: string(a.Kind), Who: a.Actor}
		var parts []string
		keys := make([]string, 0, len(a.Args))
		for k := range a.Args {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = append(parts, k+": "+a.Args[k])
		}
		if a.Channel != "" {
			parts = append(parts, "in "+a.Channel)
		}
		e.Detail = strings.Join(parts, "; ")
		ev = append(ev, e)
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].At.Before(ev[j].At) })
	return ev
}

// health is every feed of side during [from, to): polls, failures and the
// share of the window it was answering (one query for the feeds' states,
// one for their polls).
func (s *Server) health(r *http.Request, side string, from, to time.Time) ([]feedHealth, error) {
	ctx := r.Context()
	if now := s.opts.Now(); to.IsZero() || to.After(now) {
		to = now
	}
	states, err := s.opts.Store.FeedStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	var names []string
	for _, st := range states {
		if st.Side == side {
			names = append(names, st.Name)
		}
	}
	byFeed := map[string][]store.Poll{}
	counts := map[string][2]int{}
	if pq, ok := s.opts.Store.(PageQueries); ok {
		var polls []store.Poll
		if counts, polls, err = pq.PollChanges(ctx, names, from, to); err != nil {
			return nil, fmt.Errorf("polls: %w", err)
		}
		for _, p := range polls {
			byFeed[p.Feed] = append(byFeed[p.Feed], p)
		}
	} else {
		for _, n := range names {
			ps, err := s.opts.Store.Polls(ctx, n, from, to)
			if err != nil {
				return nil, fmt.Errorf("polls of %s: %w", n, err)
			}
			byFeed[n] = ps
			failed := 0
			for _, p := range ps {
				if !p.OK {
					failed++
				}
			}
			counts[n] = [2]int{len(ps), failed}
		}
	}
	var out []feedHealth
	for _, st := range states {
		if st.Side != side {
			continue
		}
		h := coverage(st.Name, byFeed[st.Name], counts[st.Name], from, to)
		h.LastSuccess = st.LastSuccessAt
		out = append(out, h)
	}
	return out, nil
}

// coverage sums how long a feed was failing in [from, to): from a failed
// poll's end until the next successful one. polls may be every poll or
// only those where the feed's state changed; counts are the number of
// polls and of failed ones.
func coverage(feed string, polls []store.Poll, counts [2]int, from, to time.Time) feedHealth {
	h := feedHealth{Feed: feed, Polls: counts[0], Failures: counts[1], NoPolls: counts[0] == 0}
	var failingSince time.Time
	for _, p := range polls {
		if p.OK {
			if !failingSince.IsZero() {
				h.Failing += p.Finished.Sub(failingSince)
				failingSince = time.Time{}
			}
			continue
		}
		h.LastError, h.LastErrorAt = p.Error, p.Finished
		if p.ErrorClass != "" && p.Error == "" {
			h.LastError = p.ErrorClass
		}
		if failingSince.IsZero() {
			failingSince = p.Finished
		}
	}
	if !failingSince.IsZero() && to.After(failingSince) {
		h.Failing += to.Sub(failingSince)
	}
	if span := to.Sub(from); span > 0 && !h.NoPolls {
		h.Share = 1 - float64(h.Failing)/float64(span)
		if h.Share < 0 {
			h.Share = 0
		}
	}
	h.Low = h.NoPolls || h.Share < 0.9
	return h
}
