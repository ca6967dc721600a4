package feeds

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// PollerOptions configures a Poller; zero fields take the defaults.
type PollerOptions struct {
	// Fetcher gets the documents (NewFetcher(FetcherOptions{}) when nil).
	Fetcher *Fetcher
	// Logger receives one record per poll (discarded when nil).
	Logger *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Rand returns a number in [0, 1) placing a backoff delay within its
	// jitter band (math/rand/v2's Float64 when nil).
	Rand func() float64
	// Backoff is the policy for failing feeds.
	Backoff Backoff
	// Metrics records polls, errors, items and durations (none when nil).
	Metrics *Metrics
	// OnItems, when set, is called after a successful poll that stored new
	// or revised items, with what the store saved. Its error is logged and
	// returned by Poll but never undoes the recorded poll.
	OnItems func(ctx context.Context, res store.SaveResult) error
	// Browser loads the pages of browser and auto sources and lends its
	// cookies to plain fetches (none when nil: every source is fetched
	// over plain HTTP).
	Browser *Browser
}

// Poller polls one feed at a time: it reads the feed's stored state,
// decides whether to fetch, fetches conditionally, parses, and records the
// outcome and items in the store in one transaction.
type Poller struct {
	st      store.Store
	fetcher *Fetcher
	log     *slog.Logger
	now     func() time.Time
	rnd     func() float64
	backoff Backoff
	metrics *Metrics
	onItems func(ctx context.Context, res store.SaveResult) error
	browser *Browser
}

// NewPoller returns a Poller storing into st.
func NewPoller(st store.Store, opts PollerOptions) *Poller {
	p := &Poller{
		st:      st,
		fetcher: opts.Fetcher,
		log:     opts.Logger,
		now:     opts.Now,
		rnd:     opts.Rand,
		backoff: opts.Backoff,
		metrics: opts.Metrics,
		onItems: opts.OnItems,
		browser: opts.Browser,
	}
	if p.fetcher == nil {
		p.fetcher = NewFetcher(FetcherOptions{})
	}
	if p.log == nil {
		p.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.rnd == nil {
		p.rnd = rand.Float64
	}
	return p
}

// PollResult says what one poll of one feed did.
type PollResult struct {
	// Feed is the feed's name.
	Feed string
	// Skipped reports that the feed was not fetched because its
	// NextAttemptAt (backoff or Retry-After) is still in the future.
	Skipped bool
	// NextAttemptAt is the earliest next fetch when skipped or failed.
	NextAttemptAt time.Time
	// NotModified reports a 304 answer.
	NotModified bool
	// Status is the HTTP status of the (first page's) fetch.
	Status int
	// Pages is the number of listing pages read (html sources).
	Pages int
	// Items is the number of entries parsed.
	Items int
	// New, Revised, Unchanged and Duplicates are what the store did with them.
	New        int
	Revised    int
	Unchanged  int
	Duplicates int
	// Bodies is the number of item pages fetched for their body (html sources).
	Bodies int
	// Class is the failure's class; empty when the poll succeeded.
	Class ErrorClass
	// Err is the poll's error: the failure, or the OnItems hook's error
	// after a successful poll (Class then empty).
	Err error
	// Duration is how long the poll took.
	Duration time.Duration

	recorded bool   // the store recorded the poll as a success
	path     string // the fetch path of the first document (FetchPath*)
}

// OK reports a poll that fetched and was recorded as a success (even if
// the OnItems hook failed afterwards).
func (r PollResult) OK() bool { return !r.Skipped && r.Class == "" && r.recorded }

// feedOf is the store's identity of src.
func feedOf(src Source) store.Feed {
	return store.Feed{Name: src.Name, Side: src.Side, URL: src.URL, Kind: src.Kind()}
}

// Sync records every configured source in the store (EnsureFeed), keeping
// their fetch state. It goes on past a failing feed and returns every error.
func (p *Poller) Sync(ctx context.Context, sources []Source) error {
	var errs []error
	for _, src := range sources {
		if err := p.st.EnsureFeed(ctx, feedOf(src)); err != nil {
			errs = append(errs, fmt.Errorf("ensure feed %s: %w", src.Name, err))
		}
	}
	return errors.Join(errs...)
}

// Poll polls src once. It returns the result and, when the poll failed,
// the classified error (also recorded in the feed's health with a backoff
// NextAttemptAt). A cancelled ctx aborts the poll without recording it.
func (p *Poller) Poll(ctx context.Context, src Source) (PollResult, error) {
	started := p.now()
	res := PollResult{Feed: src.Name}

	state, err := p.st.FeedState(ctx, src.Name)
	if errors.Is(err, store.ErrNotFound) {
		if err = p.st.EnsureFeed(ctx, feedOf(src)); err == nil {
			state, err = p.st.FeedState(ctx, src.Name)
		}
	}
	if err != nil {
		res.Err = fmt.Errorf("poll %s: read feed state: %w", src.Name, err)
		return res, res.Err
	}
	if state.NextAttemptAt.After(started) {
		res.Skipped = true
		res.NextAttemptAt = state.NextAttemptAt
		p.metrics.observe(res)
		p.log.DebugContext(ctx, "poll skipped", "feed", src.Name, "next_attempt", state.NextAttemptAt)
		return res, nil
	}

	items, resp, perr := p.fetchAndParse(ctx, src, state, &res)
	if perr != nil && ctx.Err() == nil && p.retryInBrowser(src, res, perr) {
		// An auto source answered with a challenge or an error page:
		// once more through the browser.
		p.log.InfoContext(ctx, "retrying through the browser", "feed", src.Name, "class", string(ClassOf(perr)))
		bsrc := src
		bsrc.Fetch = FetchBrowser
		res = PollResult{Feed: src.Name}
		items, resp, perr = p.fetchAndParse(ctx, bsrc, state, &res)
	}
	if perr != nil && ctx.Err() != nil {
		res.Err = fmt.Errorf("poll %s: %w", src.Name, ctx.Err())
		return res, res.Err
	}
	if perr != nil {
		return p.recordFailure(ctx, src, state, started, res, perr)
	}

	poll := store.Poll{
		Feed:         src.Name,
		Started:      started,
		OK:           true,
		NotModified:  resp.NotModified,
		Status:       resp.Status,
		ETag:         resp.ETag,
		LastModified: resp.LastModified,
		FetchPath:    resp.FetchPath,
	}
	if resp.NotModified {
		// A 304 need not repeat the validators: keep the stored ones.
		poll.ETag = cmp.Or(poll.ETag, state.ETag)
		poll.LastModified = cmp.Or(poll.LastModified, state.LastModified)
	}
	poll.Finished = p.now()
	saved, err := p.st.RecordPoll(ctx, poll, items)
	res.Duration = durationOf(started, poll.Finished)
	if err != nil {
		res.Err = fmt.Errorf("poll %s: record poll: %w", src.Name, err)
		p.log.ErrorContext(ctx, "poll not recorded", "feed", src.Name, "status", resp.Status,
			"duration", res.Duration, "error", err)
		return res, res.Err
	}
	res.recorded = true
	res.New, res.Revised = len(saved.New), len(saved.Revised)
	res.Unchanged, res.Duplicates = saved.Unchanged, saved.Duplicates
	p.metrics.observe(res)
	p.log.InfoContext(ctx, "poll ok", "feed", src.Name, "status", resp.Status,
		"not_modified", resp.NotModified, "items", res.Items, "new", res.New,
		"revised", res.Revised, "duration", res.Duration)

	if p.onItems != nil && (len(saved.New) > 0 || len(saved.Revised) > 0) {
		if err := p.onItems(ctx, saved); err != nil {
			res.Err = fmt.Errorf("poll %s: items hook: %w", src.Name, err)
			p.log.ErrorContext(ctx, "items hook failed", "feed", src.Name, "error", err)
			return res, res.Err
		}
	}
	return res, nil
}

// recordFailure records a failed poll with backoff and returns its result.
func (p *Poller) recordFailure(ctx context.Context, src Source, state store.FeedState,
	started time.Time, res PollResult, perr error) (PollResult, error) {
	perr = classify(ClassNetwork, perr)
	var fe *Error
	errors.As(perr, &fe)
	res.Class = fe.Class
	if fe.Status != 0 {
		res.Status = fe.Status
	}
	finished := p.now()
	res.NextAttemptAt = p.backoff.NextAttempt(finished, state.ErrorCount+1, fe.RetryAfter, p.rnd())
	res.Err = fmt.Errorf("poll %s: %w", src.Name, perr)
	res.Duration = durationOf(started, finished)
	poll := store.Poll{
		Feed:          src.Name,
		Started:       started,
		Finished:      finished,
		Status:        res.Status,
		ErrorClass:    string(fe.Class),
		Error:         perr.Error(),
		NextAttemptAt: res.NextAttemptAt,
		FetchPath:     cmp.Or(res.path, fetchPathOf(src.URL)),
	}
	if _, err := p.st.RecordPoll(ctx, poll, nil); err != nil {
		res.Err = errors.Join(res.Err, fmt.Errorf("poll %s: record failed poll: %w", src.Name, err))
	}
	p.metrics.observe(res)
	p.log.WarnContext(ctx, "poll failed", "feed", src.Name, "class", string(fe.Class),
		"status", res.Status, "duration", res.Duration, "next_attempt", res.NextAttemptAt,
		"error", perr.Error())
	return res, res.Err
}

// fetchPathOf is the fetch path a source's URL takes.
func fetchPathOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return FetchPathHTTP
	}
	return FetchPathFile
}

// fetchAndParse fetches src with the stored validators and parses what
// came back according to its kind. A 304 returns no items.
func (p *Poller) fetchAndParse(ctx context.Context, src Source, state store.FeedState, res *PollResult) ([]match.Item, *Response, error) {
	resp, err := p.fetchFirst(ctx, src, Validators{ETag: state.ETag, LastModified: state.LastModified}, res)
	if err != nil {
		return nil, nil, err
	}
	res.Status = resp.Status
	if resp.NotModified {
		res.NotModified = true
		return nil, resp, nil
	}
	base := resp.URL
	if resp.FetchPath == FetchPathFile {
		base = src.URL
	}
	now := p.now()
	var items []match.Item
	switch kind := src.Kind(); kind {
	case TypeRSS:
		items, err = ParseFeed(resp.Body, base, src, now)
		if err != nil {
			return nil, nil, classify(ClassParse, err)
		}
		res.Pages = 1
	case TypeHTML:
		items, err = p.readListing(ctx, src, state, resp, base, now, res)
		if err != nil {
			return nil, nil, err
		}
		if src.HTML != nil && src.HTML.Body != "" {
			items = p.fetchBodies(ctx, src, items, res)
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
		}
	default:
		return nil, nil, &Error{Class: ClassParse, Err: fmt.Errorf("unknown source type %q", kind)}
	}
	res.Items = len(items)
	return items, resp, nil
}

// readListing parses an html source's first page and, on the feed's first
// poll, follows its next-page links up to HTML.MaxPages. A first page with
// no items is a failure (ClassEmpty); a later page that fails ends the
// paging, keeping what was read.
func (p *Poller) readListing(ctx context.Context, src Source, state store.FeedState, first *Response,
	base string, now time.Time, res *PollResult) ([]match.Item, error) {
	items, next, err := ParseHTMLList(first.Body, base, src, now)
	if err != nil {
		return nil, classify(ClassParse, err)
	}
	if len(items) == 0 {
		return nil, &Error{Class: ClassEmpty, Err: errors.New("the item selector found nothing on the listing page")}
	}
	res.Pages = 1
	maxPages := 1
	if src.HTML != nil && src.HTML.MaxPages > 1 && !state.Baselined {
		maxPages = src.HTML.MaxPages
	}
	seen := map[string]bool{base: true, src.URL: true}
	for res.Pages < maxPages && next != "" && !seen[next] {
		seen[next] = true
		page := src
		page.URL = next
		page.Headers = headersFor(src, next)
		resp, err := p.fetch(ctx, page, Validators{})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			p.log.WarnContext(ctx, "listing page fetch failed", "feed", src.Name, "page", res.Pages+1,
				"class", string(ClassOf(err)), "error", err.Error())
			break
		}
		more, n, err := ParseHTMLList(resp.Body, resp.URL, src, now)
		if err != nil || len(more) == 0 {
			p.log.WarnContext(ctx, "listing page unreadable", "feed", src.Name, "page", res.Pages+1,
				"class", string(classOrEmpty(err)))
			break
		}
		items = append(items, more...)
		next = n
		res.Pages++
	}
	return items, nil
}

// classOrEmpty is the class of a page parse error, ClassEmpty for none.
func classOrEmpty(err error) ErrorClass {
	if err == nil {
		return ClassEmpty
	}
	return ClassOf(classify(ClassParse, err))
}

// headersFor returns the source's extra headers for a request to target,
// only when target is on the source's own host: headers may carry
// credentials that must not travel to another host.
func headersFor(src Source, target string) map[string]string {
	su, err1 := url.Parse(src.URL)
	tu, err2 := url.Parse(target)
	if err1 != nil || err2 != nil || !strings.EqualFold(su.Host, tu.Host) {
		return nil
	}
	return src.Headers
}

// fetchBodies fetches the own page of every item not yet stored, one at a
// time with HTML.BodyInterval between fetches, and fills its ContentHTML
// with the body selector's HTML and Content with its plain text. An item whose page fails keeps its
// listing summary. Items already stored keep their stored body. It stops
// early when ctx is cancelled.
func (p *Poller) fetchBodies(ctx context.Context, src Source, items []match.Item, res *PollResult) []match.Item {
	fetched := 0
	for i := range items {
		it := &items[i]
		if it.Link == "" {
			continue
		}
		stored, err := p.st.ItemByGUID(ctx, src.Name, it.GUID)
		if err == nil {
			// Stored already: its body was fetched then. Carry it over so
			// the listing's body-less copy does not read as an edit.
			if it.Content == "" && it.ContentHTML == "" {
				it.Content, it.ContentHTML = stored.Content, stored.ContentHTML
			}
			continue
		}
		if !errors.Is(err, store.ErrNotFound) {
			if ctx.Err() != nil {
				return items
			}
			p.log.WarnContext(ctx, "item lookup failed", "feed", src.Name, "error", err.Error())
			continue
		}
		if fetched > 0 && src.HTML.BodyInterval > 0 {
			t := time.NewTimer(src.HTML.BodyInterval)
			select {
			case <-ctx.Done():
				t.Stop()
				return items
			case <-t.C:
			}
		}
		fetched++
		page := src
		page.URL = it.Link
		page.Headers = headersFor(src, it.Link)
		// A browser load of an item page waits for the body, not for the listing's items.
		page.HTML = &HTMLSelectors{Item: src.HTML.Body}
		resp, err := p.fetch(ctx, page, Validators{})
		if err != nil {
			if ctx.Err() != nil {
				return items
			}
			p.log.WarnContext(ctx, "item page fetch failed", "feed", src.Name,
				"class", string(ClassOf(err)), "error", err.Error())
			continue
		}
		body, err := ExtractBody(resp.Body, resp.URL, src.HTML.Body)
		if err != nil || strings.TrimSpace(body) == "" {
			p.log.WarnContext(ctx, "item body not found", "feed", src.Name, "class", string(classOrEmpty(err)))
			continue
		}
		it.ContentHTML = body
		it.Content = HTMLToText(body)
		res.Bodies++
	}
	return items
}
