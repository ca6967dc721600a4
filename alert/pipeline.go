package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// Options configure a Pipeline. Engine, Store and Router are required.
type Options struct {
	// Engine analyses items and decides claims.
	Engine *match.Engine
	// Store holds items, the poll log, claims and the outbox.
	Store store.Store
	// Router gives the routes in force (configured and subscribed).
	Router Router
	// Language is the default language of messages ("en" or "es").
	Language string
	// Location is the zone times are shown in (UTC when nil).
	Location *time.Location
	// SideNames name the sides in messages ("us" → "United States"); an
	// unnamed side shows its ID.
	SideNames map[string]string
	// FeedDownAfter is how long a feed may fail before it is reported
	// down (3h when zero).
	FeedDownAfter time.Duration
	// SilentFactor is how many usual gaps between a feed's items may pass
	// without one before it is reported silent (6 when zero).
	SilentFactor float64
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Logger receives the pipeline's records (discarded when nil).
	Logger *slog.Logger
	// Notify, when set, is called after messages were enqueued (the
	// sender's wake-up).
	Notify func()
	// CheckGone, when set, reports whether a claim's page was removed by
	// its publisher (an HTTP 404 or 410); Tick asks it about every open
	// claim at most every GoneEvery and reports the withdrawn ones.
	CheckGone func(ctx context.Context, link string) (bool, error)
	// GoneEvery is how often open claims are checked (1h when zero).
	GoneEvery time.Duration
}

// Pipeline turns items into lifecycle events, decisions and outbox
// messages. It is safe for concurrent use: items from concurrent polls and
// ticks are handled one batch at a time.
type Pipeline struct {
	opts Options
	st   store.Store
	eng  *match.Engine
	log  *slog.Logger

	mu sync.Mutex
	tr *match.Tracker
	// ctx is the context of the batch being handled, read by coverage.
	ctx context.Context
	// covCache and feedCache live for one batch.
	covCache  map[string]match.Coverage
	feedCache []store.FeedState
	routes    []Route
	routesOK  bool
	down      map[string]FeedHealth

	goneMu   sync.Mutex
	goneLast time.Time
}

// payload is the content of an outbox row written by the pipeline.
type payload struct {
	Text     string          `json:"text"`
	Language string          `json:"language"`
	Decision *match.Decision `json:"decision,omitempty"`
	Feed     *FeedHealth     `json:"feed,omitempty"`
	At       time.Time       `json:"at"`
}

// NewPipeline returns a pipeline with an empty tracker; call Restore
// before feeding it items.
func NewPipeline(opts Options) (*Pipeline, error) {
	if opts.Engine == nil || opts.Store == nil {
		return nil, errors.New("alert pipeline: engine and store are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.FeedDownAfter <= 0 {
		opts.FeedDownAfter = 3 * time.Hour
	}
	if opts.SilentFactor <= 0 {
		opts.SilentFactor = 6
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Language != "es" {
		opts.Language = "en"
	}
	if opts.GoneEvery <= 0 {
		opts.GoneEvery = time.Hour
	}
	p := &Pipeline{opts: opts, st: opts.Store, eng: opts.Engine, log: opts.Logger, down: map[string]FeedHealth{}}
	p.tr = p.eng.NewTracker()
	p.tr.SetCoverage(p.coverage)
	return p, nil
}

// begin starts a batch: it takes the lock and resets the batch caches.
func (p *Pipeline) begin(ctx context.Context) func() {
	p.mu.Lock()
	p.ctx = ctx
	p.covCache = map[string]match.Coverage{}
	p.feedCache = nil
	p.routes, p.routesOK = nil, false
	return func() {
		p.ctx = nil
		p.mu.Unlock()
	}
}

// Restore rebuilds the tracker after a start: it observes the stored items
// of the last two windows and lookback in the order they were first seen,
// with their first-seen time as the clock, then closes the windows whose
// deadline has passed. Events already saved are no-ops (their keys are
// stored), so nothing is enqueued twice; events the process did not get to
// save before it stopped are saved now.
func (p *Pipeline) Restore(ctx context.Context) error {
	defer p.begin(ctx)()
	now := p.opts.Now()
	o := p.eng.Options()
	items, err := p.st.Items(ctx, store.ItemQuery{Since: now.Add(-(2*o.Window + 2*o.Lookback))})
	if err != nil {
		return fmt.Errorf("restore alert pipeline: %w", err)
	}
	sort.SliceStable(items, func(i, j int) bool { return seenBefore(items[i], items[j]) })
	p.tr = p.eng.NewTracker()
	p.tr.SetCoverage(p.coverage)
	var errs []error
	for _, it := range items {
		if err := p.observe(ctx, it, observedAt(it), false); err != nil {
			errs = append(errs, err)
		}
	}
	if err := p.advance(ctx, now); err != nil {
		errs = append(errs, err)
	}
	if err := p.restoreDown(ctx); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("restore alert pipeline: %w", err)
	}
	p.log.Info("alert pipeline restored", "items", len(items))
	return nil
}

// observedAt is the clock of an item's observation: when it was first seen.
func observedAt(it match.Item) time.Time {
	if !it.FirstSeen.IsZero() {
		return it.FirstSeen
	}
	return it.Published
}

// seenBefore orders items as the live pipeline met them: by first-seen
// time, then publication, feed and GUID.
func seenBefore(a, b match.Item) bool {
	if sa, sb := observedAt(a), observedAt(b); !sa.Equal(sb) {
		return sa.Before(sb)
	}
	if !a.Published.Equal(b.Published) {
		return a.Published.Before(b.Published)
	}
	if a.Feed != b.Feed {
		return a.Feed < b.Feed
	}
	return a.GUID < b.GUID
}

// OnItems is the poller's hook: it feeds a poll's new and revised items to
// the tracker in publication order and saves the events they cause.
func (p *Pipeline) OnItems(ctx context.Context, res store.SaveResult) error {
	defer p.begin(ctx)()
	revised := map[match.Ref]bool{}
	items := make([]match.Item, 0, len(res.New)+len(res.Revised))
	items = append(items, res.New...)
	for _, it := range res.Revised {
		revised[match.RefOf(it)] = true
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Published.Equal(items[j].Published) {
			return items[i].Published.Before(items[j].Published)
		}
		return seenBefore(items[i], items[j])
	})
	now := p.opts.Now()
	var errs []error
	for _, it := range items {
		at := observedAt(it)
		if revised[match.RefOf(it)] {
			at = now
		}
		if err := p.observe(ctx, it, at, revised[match.RefOf(it)]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Tick closes the windows whose deadline has passed and checks the feeds'
// health; the service calls it every minute.
func (p *Pipeline) Tick(ctx context.Context) error {
	// Withdrawn pages are looked for before taking the lock: the checks
	// wait on the network and must not hold back the poller's items.
	gone, gerr := p.findWithdrawn(ctx)
	defer p.begin(ctx)()
	now := p.opts.Now()
	errs := []error{gerr, p.advance(ctx, now), p.checkFeeds(ctx, now)}
	for _, c := range gone {
		errs = append(errs, p.handleKind(ctx, c.Decision, EventWithdrawn, EventWithdrawn, now, c.Item))
	}
	return errors.Join(errs...)
}

// findWithdrawn returns the open claims whose page is gone, checking at
// most every GoneEvery.
func (p *Pipeline) findWithdrawn(ctx context.Context) ([]store.Claim, error) {
	if p.opts.CheckGone == nil {
		return nil, nil
	}
	now := p.opts.Now()
	p.goneMu.Lock()
	due := p.goneLast.IsZero() || now.Sub(p.goneLast) >= p.opts.GoneEvery
	if due {
		p.goneLast = now
	}
	p.goneMu.Unlock()
	if !due {
		return nil, nil
	}
	unresolved := false
	open, err := p.st.Claims(ctx, store.ClaimQuery{State: store.OpenClaims, Resolved: &unresolved})
	if err != nil {
		return nil, fmt.Errorf("withdrawn claims: %w", err)
	}
	var gone []store.Claim
	for _, c := range open {
		if c.LastEvent == EventWithdrawn || c.Item.Link == "" {
			continue
		}
		ok, err := p.opts.CheckGone(ctx, c.Item.Link)
		if err != nil {
			p.log.Debug("withdrawn check", "claim", c.ID, "err", err)
			continue
		}
		if ok {
			gone = append(gone, c)
		}
	}
	return gone, nil
}

// CloseWindows closes the windows whose deadline has passed, without the
// feed-health checks of Tick (a replay of a snapshot, as in the demo).
func (p *Pipeline) CloseWindows(ctx context.Context) error {
	defer p.begin(ctx)()
	return p.advance(ctx, p.opts.Now())
}

// Run calls Tick every interval until ctx ends.
func (p *Pipeline) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := p.Tick(ctx); err != nil && ctx.Err() == nil {
				p.log.Error("alert pipeline tick", "err", err)
			}
		}
	}
}

// observe feeds one item to the tracker at time at and saves the events.
// A backlog item (a new feed's baseline) is observed for matching only: it
// never becomes a claim of its own.
func (p *Pipeline) observe(ctx context.Context, it match.Item, at time.Time, revision bool) error {
	if err := p.advance(ctx, at); err != nil {
		return err
	}
	a := p.eng.Analyze(it)
	if it.Backlog && a.IsClaim() {
		quiet := *a
		quiet.Units = nil
		a = &quiet
	}
	events := p.tr.Observe(a, nil, at)
	err := p.handle(ctx, events, at)
	// An edit that turns an item into a claim is announced as a new claim
	// only; an edit of a known claim is an update.
	fresh := false
	for _, ev := range events {
		if ev.Kind == match.EventNewClaim && ev.Decision.Ref() == match.RefOf(it) {
			fresh = true
		}
	}
	if revision && !fresh && a.IsClaim() {
		if d, ok := p.tr.Decision(match.RefOf(it)); ok {
			err = errors.Join(err, p.handleKind(ctx, d, EventRevised, fmt.Sprintf("%s:%d", EventRevised, it.Revision), at, it))
		}
	}
	return err
}

// advance closes due windows at now.
func (p *Pipeline) advance(ctx context.Context, now time.Time) error {
	return p.handle(ctx, p.tr.Advance(nil, now), now)
}

// eventName maps an engine event to a message event.
func eventName(ev match.Event) string {
	switch ev.Kind {
	case match.EventNewClaim:
		return EventNewClaim
	case match.EventConfirmed:
		return EventConfirmed
	case match.EventConfirmedLate:
		return EventConfirmedLate
	case match.EventFinal:
		if ev.Decision.Abstain == match.Unverified {
			return EventUnverified
		}
		return EventFinal
	}
	return ev.Kind.String()
}

// eventKey is the key of an engine event among a claim's events: the final
// verdict, whether a gap or unverified, happens once.
func eventKey(ev match.Event) string {
	if ev.Kind == match.EventFinal {
		return EventFinal
	}
	return eventName(ev)
}

func (p *Pipeline) handle(ctx context.Context, events []match.Event, at time.Time) error {
	var errs []error
	for _, ev := range events {
		errs = append(errs, p.handleKind(ctx, ev.Decision, eventName(ev), eventKey(ev), at, match.Item{}))
	}
	return errors.Join(errs...)
}

// handleKind saves one event of kind with key, enqueuing a message to
// every matching route.
func (p *Pipeline) handleKind(ctx context.Context, d match.Decision, kind, key string, at time.Time, item match.Item) error {
	ref := d.Ref()
	if item.ID == 0 {
		var err error
		if item, err = p.item(ctx, ref); err != nil {
			return fmt.Errorf("%s of %s/%s: %w", kind, ref.Feed, ref.GUID, err)
		}
	}
	if item.Backlog {
		return nil
	}
	var msgs []store.OutboxMessage
	// A claim confirmed before its deadline gets no second message when
	// the window closes; the final decision is saved all the same.
	quiet := kind == EventFinal && d.Status == match.Confirmed && d.Abstain == match.NoAbstention
	if !quiet {
		routes, err := p.currentRoutes(ctx)
		if err != nil {
			return err
		}
		links := p.links(d)
		for _, r := range routes {
			if !MatchClaim(r.Filters, item, d) {
				continue
			}
			lang := r.Language
			if lang == "" {
				lang = p.opts.Language
			}
			other := match.Other(item.Side)
			if n := p.opts.SideNames[other]; n != "" {
				other = n
			}
			text := renderClaim(claimText{Event: kind, Item: item, Decision: d, Other: other, Links: links},
				lang, p.opts.Location)
			dec := d
			b, err := json.Marshal(payload{Text: text, Language: lang, Decision: &dec, At: at})
			if err != nil {
				return fmt.Errorf("%s of %s/%s: encode message: %w", kind, ref.Feed, ref.GUID, err)
			}
			msgs = append(msgs, store.OutboxMessage{Channel: r.Channel.Name, Platform: r.Channel.Platform,
				Target: r.Channel.Target, Event: kind, Payload: b})
		}
	}
	res, err := p.st.SaveDecision(ctx, store.ClaimUpdate{Item: item, Decision: d, Event: kind, EventKey: key, At: at, Outbox: msgs})
	if err != nil {
		return fmt.Errorf("%s of %s/%s: %w", kind, ref.Feed, ref.GUID, err)
	}
	if res.Applied {
		p.log.Info("claim event", "claim", res.Claim.ID, "event", kind, "status", StatusName(d),
			"feed", ref.Feed, "enqueued", res.Enqueued)
	}
	if res.Enqueued > 0 && p.opts.Notify != nil {
		p.opts.Notify()
	}
	return nil
}

// item returns the stored item of ref: from the tracker's index, else the
// store.
func (p *Pipeline) item(ctx context.Context, ref match.Ref) (match.Item, error) {
	if a := p.tr.Index().Get(ref); a != nil && a.Item.ID != 0 {
		return a.Item, nil
	}
	return p.st.ItemByGUID(ctx, ref.Feed, ref.GUID)
}

// links maps the other side's items of a decision to their links.
func (p *Pipeline) links(d match.Decision) map[match.Ref]string {
	out := map[match.Ref]string{}
	refs := append([]match.Ref{}, d.Matches...)
	for _, c := range d.Considered {
		refs = append(refs, c.Ref)
	}
	if d.LateMatch != nil {
		refs = append(refs, *d.LateMatch)
	}
	for _, r := range refs {
		if a := p.tr.Index().Get(r); a != nil {
			out[r] = a.Item.Link
		} else if it, err := p.st.ItemByGUID(p.ctx, r.Feed, r.GUID); err == nil {
			out[r] = it.Link
		}
	}
	return out
}

func (p *Pipeline) currentRoutes(ctx context.Context) ([]Route, error) {
	if p.routesOK {
		return p.routes, nil
	}
	rs, err := p.opts.Router.Routes(ctx)
	if err != nil {
		return nil, err
	}
	p.routes, p.routesOK = rs, true
	return rs, nil
}

func (p *Pipeline) feeds(ctx context.Context) ([]store.FeedState, error) {
	if p.feedCache != nil {
		return p.feedCache, nil
	}
	fs, err := p.st.FeedStates(ctx)
	if err != nil {
		return nil, err
	}
	p.feedCache = fs
	return fs, nil
}

// coverage computes, from the poll log, how long each of side's feeds was
// failing in [from, to) (to capped at now): the blind-spot rule's input.
func (p *Pipeline) coverage(side string, from, to time.Time) match.Coverage {
	key := side + "|" + from.String() + "|" + to.String()
	if c, ok := p.covCache[key]; ok {
		return c
	}
	ctx := p.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	end := to
	if now := p.opts.Now(); now.Before(end) {
		end = now
	}
	cov := match.Coverage{}
	fs, err := p.feeds(ctx)
	if err != nil {
		p.log.Warn("coverage: feed states", "err", err)
		return cov
	}
	for _, f := range fs {
		if f.Side != side || !end.After(from) {
			continue
		}
		polls, err := p.st.Polls(ctx, f.Name, from, end)
		if err != nil {
			p.log.Warn("coverage: poll log", "feed", f.Name, "err", err)
			continue
		}
		cov[f.Name] = match.FeedCoverage{Feed: f.Name, Side: side, Watched: end.Sub(from), Failing: failing(polls, from, end)}
	}
	p.covCache[key] = cov
	return cov
}

// failing sums the time in [from, end) between a failed poll and the next
// successful one; a window that opens on a failure counts from its start.
func failing(polls []store.Poll, from, end time.Time) time.Duration {
	var total time.Duration
	var since time.Time
	for i, pl := range polls {
		switch {
		case !pl.OK && since.IsZero():
			since = pl.Finished
			if i == 0 {
				since = from
			}
		case pl.OK && !since.IsZero():
			total += pl.Finished.Sub(since)
			since = time.Time{}
		}
	}
	if !since.IsZero() && end.After(since) {
		total += end.Sub(since)
	}
	return total
}

// ActionMessages returns the "resolved" update of a newsroom confirmation
// or dismissal, for every channel that was sent messages about the claim
// (the bot's Notifier). Other actions cause no message.
func (p *Pipeline) ActionMessages(ctx context.Context, c store.Claim, a store.Action) ([]store.OutboxMessage, error) {
	if c.Resolution == nil || (a.Kind != store.ActionConfirm && a.Kind != store.ActionDismiss) {
		return nil, nil
	}
	prior, err := p.st.Outbox(ctx, store.OutboxQuery{ClaimID: c.ID})
	if err != nil {
		return nil, fmt.Errorf("resolution messages of claim %d: %w", c.ID, err)
	}
	langs := map[string]string{}
	routes, err := p.opts.Router.Routes(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range routes {
		langs[r.Channel.Name] = r.Language
	}
	seen := map[string]bool{}
	var out []store.OutboxMessage
	for _, m := range prior {
		if seen[m.Channel] {
			continue
		}
		seen[m.Channel] = true
		lang := langs[m.Channel]
		if lang == "" {
			lang = p.opts.Language
		}
		text := renderClaim(claimText{Event: EventResolved, Item: c.Item, Decision: c.Decision, Resolution: c.Resolution},
			lang, p.opts.Location)
		dec := c.Decision
		b, err := json.Marshal(payload{Text: text, Language: lang, Decision: &dec, At: a.At})
		if err != nil {
			return nil, fmt.Errorf("resolution messages of claim %d: %w", c.ID, err)
		}
		out = append(out, store.OutboxMessage{
			Key:     store.ClaimKey(c.ID, EventResolved+":"+string(c.Resolution.Kind), m.Channel),
			Channel: m.Channel, Platform: m.Platform, Target: m.Target, Event: EventResolved, Payload: b,
		})
	}
	return out, nil
}
