package feeds

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Scheduler defaults.
const (
	// DefaultSchedule is a feed's cron spec when it sets none.
	DefaultSchedule = "@every 10m"
	// DefaultConcurrency bounds the polls running at once across feeds.
	DefaultConcurrency = 4
	// DefaultMaxSpread bounds the per-feed delay before each scheduled poll.
	DefaultMaxSpread = 30 * time.Second
)

// PollFunc polls one feed; (*Poller).Poll is the one the service uses.
type PollFunc func(ctx context.Context, src Source) (PollResult, error)

// SchedulerOptions configures a Scheduler; zero fields take the defaults.
type SchedulerOptions struct {
	// Concurrency bounds the polls running at once (DefaultConcurrency when zero).
	Concurrency int
	// MaxSpread bounds the delay before each scheduled poll, fixed per feed
	// (a hash of its name), so feeds sharing a schedule do not all fire in
	// the same second (DefaultMaxSpread when zero; negative disables it).
	MaxSpread time.Duration
	// Location is the time zone of cron specs (time.Local when nil).
	Location *time.Location
	// Logger receives scheduling records (discarded when nil).
	Logger *slog.Logger
	// PollAtStart runs every feed's job once at Start (after its spread)
	// instead of waiting for its first cron tick; the stored backoff still
	// decides whether each feed is fetched.
	PollAtStart bool
}

// Scheduler runs each feed's polls on its own cron schedule: a feed's job
// never overlaps itself, at most Concurrency polls run at once across
// feeds, and Stop shuts down gracefully. Cron decides when to look; the
// feed's stored state (backoff) decides inside the poll whether to fetch.
type Scheduler struct {
	poll      PollFunc
	sem       chan struct{}
	maxSpread time.Duration
	atStart   bool
	log       *slog.Logger
	cron      *cron.Cron
	jobs      []cron.Job

	mu      sync.Mutex
	feeds   map[string]bool
	started bool
	stopped bool
	runCtx  context.Context
	cancel  context.CancelFunc
	quit    chan struct{} // closed by Stop: waiting jobs give up
	wg      sync.WaitGroup
}

// NewScheduler returns a Scheduler calling poll for each feed's runs.
func NewScheduler(poll PollFunc, opts SchedulerOptions) *Scheduler {
	n := opts.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	spread := opts.MaxSpread
	if spread == 0 {
		spread = DefaultMaxSpread
	}
	if spread < 0 {
		spread = 0
	}
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Scheduler{
		poll:      poll,
		sem:       make(chan struct{}, n),
		maxSpread: spread,
		atStart:   opts.PollAtStart,
		log:       log,
		cron:      cron.New(cron.WithLocation(loc), cron.WithLogger(cronLogger{log})),
		feeds:     map[string]bool{},
		quit:      make(chan struct{}),
	}
}

// ParseSchedule checks a cron spec as the Scheduler reads it: five fields
// (minute hour day-of-month month day-of-week) or a descriptor such as
// "@hourly" or "@every 15m". An empty spec is DefaultSchedule.
func ParseSchedule(spec string) (cron.Schedule, error) {
	if spec == "" {
		spec = DefaultSchedule
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	return s, nil
}

// Add schedules src with a cron spec (DefaultSchedule when empty). Each
// feed name may be added once.
func (s *Scheduler) Add(src Source, spec string) error {
	sched, err := ParseSchedule(spec)
	if err != nil {
		return fmt.Errorf("feed %s: %w", src.Name, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.feeds[src.Name] {
		return fmt.Errorf("feed %s: scheduled twice", src.Name)
	}
	s.feeds[src.Name] = true
	j := s.job(src)
	s.jobs = append(s.jobs, j)
	s.cron.Schedule(sched, j)
	return nil
}

// Spread is the fixed delay before each scheduled poll of the named feed:
// a hash of the name modulo the maximum spread.
func (s *Scheduler) Spread(name string) time.Duration {
	return spreadFor(name, s.maxSpread)
}

// spreadFor hashes name into [0, maxSpread).
func spreadFor(name string, maxSpread time.Duration) time.Duration {
	if maxSpread <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return time.Duration(h.Sum64() % uint64(maxSpread))
}

// Start starts the cron loop. Polls run under a context derived from ctx;
// cancelling ctx cancels them (Stop is still needed to end the loop).
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.stopped {
		return
	}
	s.started = true
	s.runCtx, s.cancel = context.WithCancel(ctx)
	s.cron.Start()
	if s.atStart {
		for _, j := range s.jobs {
			go j.Run()
		}
	}
}

// Stop stops scheduling, lets the polls in flight finish and returns nil;
// if ctx ends first it cancels them, waits for them to return (a cancelled
// poll records nothing) and returns ctx's error. Jobs still waiting for
// their spread or a concurrency slot give up at once.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	started := s.started
	s.mu.Unlock()
	close(s.quit)
	if !started {
		return nil
	}
	// No more runs start. cron's own "jobs done" context is not awaited:
	// it cannot be cut short by ctx; s.wg tracks the running polls instead.
	s.cron.Stop()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		<-done
		return fmt.Errorf("in-flight polls cancelled: %w", ctx.Err())
	}
}

// job is the cron job of one feed.
func (s *Scheduler) job(src Source) cron.Job {
	running := make(chan struct{}, 1)
	spread := s.Spread(src.Name)
	return cron.FuncJob(func() {
		select {
		case running <- struct{}{}:
		default:
			s.log.Info("poll still running, run skipped", "feed", src.Name)
			return
		}
		defer func() { <-running }()
		s.mu.Lock()
		if s.stopped || s.runCtx == nil {
			s.mu.Unlock()
			return
		}
		ctx := s.runCtx
		s.wg.Add(1)
		s.mu.Unlock()
		defer s.wg.Done()

		if spread > 0 {
			t := time.NewTimer(spread)
			select {
			case <-t.C:
			case <-s.quit:
				t.Stop()
				return
			case <-ctx.Done():
				t.Stop()
				return
			}
		}
		s.pollBounded(ctx, src, s.quit)
	})
}

// errStopping is returned for polls that never started because of Stop.
var errStopping = errors.New("scheduler stopping")

// pollBounded polls src once holding a concurrency slot; quit (may be nil)
// abandons the wait for a slot. A panic in the poll is recovered and
// returned as an error, so one broken feed never stops the others.
func (s *Scheduler) pollBounded(ctx context.Context, src Source, quit <-chan struct{}) (res PollResult, err error) {
	res.Feed = src.Name
	select {
	case s.sem <- struct{}{}:
	case <-quit:
		res.Err = errStopping
		return res, res.Err
	case <-ctx.Done():
		res.Err = ctx.Err()
		return res, res.Err
	}
	defer func() { <-s.sem }()
	if quit != nil {
		select {
		case <-quit: // Stop began while this job waited: do not start now
			res.Err = errStopping
			return res, res.Err
		default:
		}
	}
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("poll panicked", "feed", src.Name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			res = PollResult{Feed: src.Name, Err: fmt.Errorf("poll %s: panic: %v", src.Name, r)}
			err = res.Err
		}
	}()
	return s.poll(ctx, src)
}

// RunOnce polls every source once now, with the same concurrency bound and
// no spread, and returns their results in the order of sources. A failing
// feed's error is in its result; the others go on.
func (s *Scheduler) RunOnce(ctx context.Context, sources []Source) []PollResult {
	results := make([]PollResult, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Go(func() {
			res, err := s.pollBounded(ctx, src, nil)
			if err != nil && res.Err == nil {
				res.Err = err
			}
			if res.Feed == "" {
				res.Feed = src.Name
			}
			results[i] = res
		})
	}
	wg.Wait()
	return results
}

// cronLogger adapts slog to cron's logger (cron's info records go to debug).
type cronLogger struct{ log *slog.Logger }

// Info implements cron.Logger.
func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

// Error implements cron.Logger.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
