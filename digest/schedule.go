package digest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/store"
)

// DefaultSchedule is a digest's schedule unless its channel names one:
// Monday 09:00.
const DefaultSchedule = "0 9 * * 1"

// cronParser reads five-field specs and descriptors, as the config accepts.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Key is the outbox idempotency key of a channel's digest of a week:
// "digest/<channel>/<2019-W30>".
func Key(channel string, w Week) string { return "digest/" + channel + "/" + w.String() }

// Store is what the scheduler needs: the digest queries and the outbox.
type Store interface {
	store.Digests
	Enqueue(ctx context.Context, msgs []store.OutboxMessage) (int, error)
}

// SchedulerOptions configure a Scheduler; zero fields take the defaults
// shown.
type SchedulerOptions struct {
	// Grace is how long after its scheduled time a digest still counts as
	// on time (15m); later, it is marked late.
	Grace time.Duration
	// CatchUp is how many past weeks are looked at for a digest missed
	// while the service was down (4).
	CatchUp int
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Sleep waits d or until ctx ends (a timer when nil).
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives the scheduler's records (discarded when nil).
	Logger *slog.Logger
	// Notify, when set, is called after a digest was enqueued (the
	// sender's wake-up).
	Notify func()
}

// Scheduler enqueues each channel's weekly digest once, at the first
// scheduled time after the week ends, and catches up digests missed while
// the service was down.
type Scheduler struct {
	b     *Builder
	st    Store
	chans []scheduled
	opts  SchedulerOptions
	log   *slog.Logger

	mu sync.Mutex
	// settled are keys known to be enqueued (here or by another replica)
	// or skipped, so that later checks do not ask the store again.
	settled map[string]bool
}

type scheduled struct {
	Channel
	sched cron.Schedule
}

// NewScheduler returns a scheduler of the channels' digests; a channel's
// invalid schedule is an error.
func NewScheduler(b *Builder, st Store, chans []Channel, opts SchedulerOptions) (*Scheduler, error) {
	if opts.Grace <= 0 {
		opts.Grace = 15 * time.Minute
	}
	if opts.CatchUp <= 0 {
		opts.CatchUp = 4
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Scheduler{b: b, st: st, opts: opts, log: opts.Logger, settled: map[string]bool{}}
	for _, ch := range chans {
		sc, err := ParseSchedule(ch.Schedule)
		if err != nil {
			return nil, fmt.Errorf("digest of %s: %w", ch.Name, err)
		}
		s.chans = append(s.chans, scheduled{Channel: ch, sched: sc})
	}
	return s, nil
}

// ParseSchedule reads a digest's cron spec ("" is DefaultSchedule).
func ParseSchedule(spec string) (cron.Schedule, error) {
	if spec == "" {
		spec = DefaultSchedule
	}
	sc, err := cronParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	return sc, nil
}

// DueAt is when a week's digest is due on a schedule: the first scheduled
// time at or after the week ends, in the channel's zone.
func DueAt(sc cron.Schedule, w Week, loc *time.Location) time.Time {
	// cron's Next is strictly after its argument; its resolution is a second.
	return sc.Next(w.End(loc).Add(-time.Second).In(loc))
}

// Due is a digest whose time has come.
type Due struct {
	Channel Channel
	Week    Week
	// At is when it was scheduled; Late reports that now is past At by
	// more than the grace period.
	At   time.Time
	Late bool
}

// DueNow returns the digests whose scheduled time is at or before now, over
// the last CatchUp weeks, oldest first, whether or not they were sent.
func (s *Scheduler) DueNow(now time.Time) []Due {
	var out []Due
	for _, ch := range s.chans {
		loc := ch.loc()
		w := WeekOf(now, loc)
		var due []Due
		for range s.opts.CatchUp {
			w = w.Prev()
			at := DueAt(ch.sched, w, loc)
			if at.After(now) {
				continue
			}
			due = append(due, Due{Channel: ch.Channel, Week: w, At: at, Late: now.Sub(at) > s.opts.Grace})
		}
		for i := len(due) - 1; i >= 0; i-- {
			out = append(out, due[i])
		}
	}
	return out
}

// Next is the earliest scheduled time of any channel after now.
func (s *Scheduler) Next(now time.Time) time.Time {
	var next time.Time
	for _, ch := range s.chans {
		t := ch.sched.Next(now.In(ch.loc()))
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	return next
}

// Check enqueues every digest due at now that was not enqueued yet, and
// returns how many it enqueued. A week is sent only if the service was
// polling during it (the store holds polls of that week), so a new
// installation does not send digests of weeks it never watched. The key is
// inserted with the message, so a digest enqueued by another replica or
// before a restart is not enqueued again.
func (s *Scheduler) Check(ctx context.Context, now time.Time) (int, error) {
	var errs []error
	sent := 0
	for _, d := range s.DueNow(now) {
		key := Key(d.Channel.Name, d.Week)
		s.mu.Lock()
		done := s.settled[key]
		s.mu.Unlock()
		if done {
			continue
		}
		n, err := s.enqueue(ctx, d, key, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sent += n
		s.mu.Lock()
		s.settled[key] = true
		s.mu.Unlock()
	}
	if sent > 0 && s.opts.Notify != nil {
		s.opts.Notify()
	}
	return sent, errors.Join(errs...)
}

// enqueue builds and enqueues one due digest unless its key is in the
// outbox or the service was not polling that week.
func (s *Scheduler) enqueue(ctx context.Context, d Due, key string, now time.Time) (int, error) {
	if _, err := s.st.OutboxByKey(ctx, key); err == nil {
		return 0, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, fmt.Errorf("digest %s: %w", key, err)
	}
	loc := d.Channel.loc()
	acts, err := s.st.FeedActivity(ctx, d.Week.Start(loc), d.Week.End(loc))
	if err != nil {
		return 0, fmt.Errorf("digest %s: %w", key, err)
	}
	polls := 0
	for _, a := range acts {
		polls += a.Polls
	}
	if polls == 0 {
		s.log.Info("digest skipped: no poll recorded that week", "channel", d.Channel.Name, "week", d.Week.String())
		return 0, nil
	}
	r, err := s.b.Build(ctx, d.Channel, d.Week, now)
	if err != nil {
		return 0, err
	}
	r.Late, r.ScheduledAt = d.Late, d.At
	msg, err := Message(r, d.Channel, now)
	if err != nil {
		return 0, fmt.Errorf("digest %s: %w", key, err)
	}
	n, err := s.st.Enqueue(ctx, []store.OutboxMessage{msg})
	if err != nil {
		return 0, fmt.Errorf("digest %s: %w", key, err)
	}
	if n > 0 {
		s.log.Info("digest enqueued", "channel", d.Channel.Name, "week", d.Week.String(), "late", d.Late,
			"claims", r.NewTotal)
	}
	return n, nil
}

// Message is the outbox message of a report to its channel: the text, and
// the chart as a PNG attachment unless the week is empty.
func Message(r *Report, ch Channel, now time.Time) (store.OutboxMessage, error) {
	var atts []alert.Attachment
	if !r.Empty() {
		png, err := r.ChartPNG()
		if err != nil {
			return store.OutboxMessage{}, err
		}
		atts = append(atts, alert.Attachment{Name: "chart.png", ContentType: "image/png", Data: png})
	}
	pl, err := alert.EncodePayload(r.Text(), r.Language, now, atts)
	if err != nil {
		return store.OutboxMessage{}, err
	}
	return store.OutboxMessage{Key: Key(ch.Name, r.Week), Channel: ch.Name, Platform: ch.Platform, Target: ch.Target,
		Event: alert.EventDigest, Payload: pl, CreatedAt: now}, nil
}

// Run checks at once (catching up after downtime), then at each scheduled
// time, until ctx ends. Failed checks are retried within a minute; the
// check is repeated at least hourly.
func (s *Scheduler) Run(ctx context.Context) {
	if len(s.chans) == 0 {
		return
	}
	for {
		now := s.opts.Now()
		wait := time.Hour
		if _, err := s.Check(ctx, now); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Error("digest check failed", "err", err)
			wait = time.Minute
		}
		if next := s.Next(now).Sub(s.opts.Now()); next < wait {
			wait = next
		}
		if wait < time.Second {
			wait = time.Second
		}
		if err := s.opts.Sleep(ctx, wait); err != nil {
			return
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
