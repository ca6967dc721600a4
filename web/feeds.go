package web

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// Chart geometry of /feeds' items-per-day bars, in SVG user units.
const (
	chartBar    = 6
	chartGap    = 2
	chartHeight = 40
)

// bar is one day of a feed's chart.
type bar struct {
	X, Y, W, H int
	Day        time.Time
	N          int
}

type feedView struct {
	store.FeedState
	Healthy bool
	Days    int
	Total   int
	Max     int
	Bars    []bar
	Width   int
	Height  int
}

type feedsView struct {
	Title string
	From  time.Time
	Until time.Time
	Feeds []feedView
}

func (s *Server) feedsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	loc := s.opts.Location
	now := s.opts.Now()
	days := 7 * s.opts.Weeks
	today := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc)
	from := today.AddDate(0, 0, -(days - 1))
	states, err := s.opts.Store.FeedStates(ctx)
	if err != nil {
		return fmt.Errorf("feed states: %w", err)
	}
	times := map[string][]time.Time{}
	if pq, ok := s.opts.Store.(PageQueries); ok {
		if times, err = pq.ItemTimes(ctx, from); err != nil {
			return fmt.Errorf("item times: %w", err)
		}
	} else {
		items, err := s.opts.Store.Items(ctx, store.ItemQuery{Since: from, ExcludeBacklog: true})
		if err != nil {
			return fmt.Errorf("items: %w", err)
		}
		for _, it := range items {
			times[it.Feed] = append(times[it.Feed], it.Published)
		}
	}
	v := feedsView{Title: "Feeds", From: from, Until: now}
	for _, st := range states {
		fv := feedView{FeedState: st, Days: days, Width: days * (chartBar + chartGap), Height: chartHeight + 1,
			Healthy: st.ErrorCount == 0 && !st.LastSuccessAt.IsZero()}
		counts := make([]int, days)
		for _, t := range times[st.Name] {
			lt := t.In(loc)
			d := int(time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc).Sub(from).Hours()+12) / 24
			if d >= 0 && d < days {
				counts[d]++
				fv.Total++
			}
		}
		for _, n := range counts {
			fv.Max = max(fv.Max, n)
		}
		for i, n := range counts {
			h := 0
			if fv.Max > 0 {
				h = n * chartHeight / fv.Max
			}
			if n > 0 && h == 0 {
				h = 1
			}
			fv.Bars = append(fv.Bars, bar{X: i * (chartBar + chartGap), Y: chartHeight - h, W: chartBar, H: h,
				Day: from.AddDate(0, 0, i), N: n})
		}
		v.Feeds = append(v.Feeds, fv)
	}
	s.render(w, r, "feeds", v)
	return nil
}

// digestItem is one channel's digest with its chart as an image URL: an
// image shown through <img> cannot run script.
type digestItem struct {
	Digest
	ChartURL template.URL
}

type digestView struct {
	Title   string
	Week    string
	Digests []digestItem
}

func (s *Server) digestPage(w http.ResponseWriter, r *http.Request) error {
	week := r.PathValue("week")
	if _, ok := weekStart(week, s.opts.Location); !ok {
		return httpError{http.StatusNotFound, "no such week (an ISO week such as 2026-W06)"}
	}
	if s.opts.Digests == nil {
		return httpError{http.StatusNotFound, "weekly digests are not available here"}
	}
	ds, err := s.opts.Digests.Digests(r.Context(), week)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("digest %s: %w", week, err)
	}
	if len(ds) == 0 {
		return httpError{http.StatusNotFound, "no digest was sent for " + week}
	}
	v := digestView{Title: "Digest " + week, Week: week}
	for _, d := range ds {
		it := digestItem{Digest: d}
		switch d.ChartType {
		case "image/png", "image/svg+xml":
			if len(d.Chart) > 0 {
				it.ChartURL = template.URL("data:" + d.ChartType + ";base64," + base64.StdEncoding.EncodeToString(d.Chart))
			}
		}
		v.Digests = append(v.Digests, it)
	}
	s.render(w, r, "digest", v)
	return nil
}
