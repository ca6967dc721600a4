package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// minSilence is the shortest silence reported, whatever a feed's usual
// rhythm: a feed that publishes hourly is not down after a quiet evening.
const minSilence = 24 * time.Hour

// silenceSample is how many recent items estimate a feed's usual gap.
const silenceSample = 20

// restoreScan is how many recent outbox messages Restore reads to find
// the feeds that were down when the process stopped.
const restoreScan = 2000

// restoreDown recalls, from the outbox, the feeds reported down and not yet
// recovered, so that a recovery after a restart is still announced.
func (p *Pipeline) restoreDown(ctx context.Context) error {
	msgs, err := p.st.Outbox(ctx, store.OutboxQuery{Newest: true, Limit: restoreScan})
	if err != nil {
		return fmt.Errorf("feeds down: %w", err)
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		if m.Feed == "" || seen[m.Feed] || (m.Event != EventFeedDown && m.Event != EventFeedRecovered) {
			continue
		}
		seen[m.Feed] = true
		var pl payload
		if m.Event == EventFeedDown && json.Unmarshal(m.Payload, &pl) == nil && pl.Feed != nil {
			p.down[m.Feed] = *pl.Feed
		}
	}
	return nil
}

// checkFeeds raises feed_down for feeds failing for FeedDownAfter or silent
// for SilentFactor times their usual gap, and feed_recovered when such a
// feed works again. Keys carry the start of the trouble, so a restart
// re-raising the same outage enqueues nothing.
func (p *Pipeline) checkFeeds(ctx context.Context, now time.Time) error {
	fs, err := p.feeds(ctx)
	if err != nil {
		return fmt.Errorf("feed health: %w", err)
	}
	var errs []error
	for _, f := range fs {
		h, err := p.health(ctx, f, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		prev, wasDown := p.down[f.Name]
		switch {
		case h.Down && (!wasDown || !prev.Since.Equal(h.Since)):
			p.down[f.Name] = h
			errs = append(errs, p.enqueueFeed(ctx, h, EventFeedDown, now))
		case !h.Down && wasDown:
			delete(p.down, f.Name)
			up := FeedHealth{Feed: f, Since: prev.Since, Reason: h.Reason}
			errs = append(errs, p.enqueueFeed(ctx, up, EventFeedRecovered, now))
		}
	}
	return errors.Join(errs...)
}

// health says whether a feed is down now, since when and why.
func (p *Pipeline) health(ctx context.Context, f store.FeedState, now time.Time) (FeedHealth, error) {
	h := FeedHealth{Feed: f}
	if f.ErrorCount > 0 {
		polls, err := p.st.Polls(ctx, f.Name, f.LastSuccessAt.Add(time.Microsecond), time.Time{})
		if err != nil {
			return h, fmt.Errorf("feed health of %s: %w", f.Name, err)
		}
		for _, pl := range polls {
			if !pl.OK {
				h.Since = pl.Finished
				break
			}
		}
		if !h.Since.IsZero() && now.Sub(h.Since) >= p.opts.FeedDownAfter {
			h.Down = true
			h.Reason = fmt.Sprintf("failing for %s (%d polls): %s %s", roundDur(now.Sub(h.Since)), f.ErrorCount,
				f.LastErrorClass, f.LastError)
		}
		return h, nil
	}
	if !f.Baselined {
		return h, nil
	}
	its, err := p.st.Items(ctx, store.ItemQuery{Feed: f.Name, Newest: true, Limit: silenceSample})
	if err != nil {
		return h, fmt.Errorf("feed health of %s: %w", f.Name, err)
	}
	if len(its) < 5 {
		return h, nil
	}
	gaps := make([]time.Duration, 0, len(its)-1)
	for i := 1; i < len(its); i++ {
		gaps = append(gaps, its[i-1].Published.Sub(its[i].Published))
	}
	sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
	usual := gaps[len(gaps)/2]
	limit := time.Duration(p.opts.SilentFactor * float64(usual))
	if limit < minSilence {
		limit = minSilence
	}
	newest := its[0].Published
	if now.Sub(newest) > limit {
		h.Down, h.Since = true, newest
		h.Reason = fmt.Sprintf("no new item for %s (usually one every %s)", roundDur(now.Sub(newest)), roundDur(usual))
	}
	return h, nil
}

func roundDur(d time.Duration) time.Duration {
	if d > time.Hour {
		return d.Round(time.Hour)
	}
	return d.Round(time.Minute)
}

// enqueueFeed enqueues a feed alert to every route that follows the feed's
// side.
func (p *Pipeline) enqueueFeed(ctx context.Context, h FeedHealth, event string, now time.Time) error {
	routes, err := p.currentRoutes(ctx)
	if err != nil {
		return err
	}
	var msgs []store.OutboxMessage
	for _, r := range routes {
		if !MatchFeed(r.Filters, h.Feed.Side) {
			continue
		}
		lang := r.Language
		if lang == "" {
			lang = p.opts.Language
		}
		hh := h
		b, err := json.Marshal(payload{Text: renderFeed(h, lang, p.opts.Location), Language: lang, Feed: &hh, At: now})
		if err != nil {
			return fmt.Errorf("%s of %s: %w", event, h.Feed.Name, err)
		}
		msgs = append(msgs, store.OutboxMessage{
			Key:     fmt.Sprintf("feed:%s:%s:%d:%s", h.Feed.Name, event, h.Since.UnixMicro(), r.Channel.Name),
			Channel: r.Channel.Name, Platform: r.Channel.Platform, Target: r.Channel.Target,
			Event: event, Feed: h.Feed.Name, Payload: b, CreatedAt: now,
		})
	}
	n, err := p.st.Enqueue(ctx, msgs)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", event, h.Feed.Name, err)
	}
	if n > 0 {
		p.log.Warn("feed alert", "event", event, "feed", h.Feed.Name, "since", h.Since, "enqueued", n)
		if p.opts.Notify != nil {
			p.opts.Notify()
		}
	}
	return nil
}
