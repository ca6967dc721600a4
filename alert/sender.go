package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/gapwatch/gapwatch/store"
)

// Outbox is the part of the store the sender uses.
type Outbox interface {
	DueChannels(ctx context.Context, now time.Time) ([]string, error)
	ClaimDue(ctx context.Context, channel string, now time.Time, lease time.Duration, limit int) ([]store.OutboxMessage, error)
	MarkSent(ctx context.Context, id int64, receipt string, at time.Time) error
	MarkFailed(ctx context.Context, id int64, errMsg string, next time.Time, dead bool) error
	Postpone(ctx context.Context, id int64, next time.Time, note string) error
	Claim(ctx context.Context, id int64) (store.Claim, error)
	ThreadRef(ctx context.Context, claimID int64, channel string) (string, error)
}

// SenderOptions configure a Sender; zero fields take the defaults shown.
type SenderOptions struct {
	// Sinks deliver a configured channel's messages, by channel name.
	Sinks map[string]Sink
	// Platforms deliver the messages of channels with no named sink
	// (subscriptions from chat), by platform.
	Platforms map[string]Sink
	// MaxAttempts is how many failed deliveries make a message dead (10).
	MaxAttempts int
	// MinBackoff and MaxBackoff bound the exponential backoff between
	// attempts (10s, 1h).
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// Lease is how long a message taken for delivery is hidden from other
	// senders (2m).
	Lease time.Duration
	// Batch is how many messages of a channel are taken at once (20).
	Batch int
	// Interval is how often due messages are looked for when nobody calls
	// Notify (1s).
	Interval time.Duration
	// SendTimeout bounds one Send (30s).
	SendTimeout time.Duration
	// EvidenceURL, when set, gives a claim's evidence page.
	EvidenceURL func(claimID int64) string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Sleep waits d or until ctx ends (a timer when nil); tests replace it
	// with a fake clock's.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives delivery records (discarded when nil).
	Logger *slog.Logger
}

// Sender delivers the outbox: one worker per channel with due messages, so
// a failing or rate-limited channel never holds back another.
type Sender struct {
	st   Outbox
	opts SenderOptions
	log  *slog.Logger
	wake chan struct{}

	mu     sync.Mutex
	busy   map[string]bool
	paused map[string]time.Time
	wg     sync.WaitGroup
}

// NewSender returns a sender over the store's outbox.
func NewSender(st Outbox, opts SenderOptions) *Sender {
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 10
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = 10 * time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = time.Hour
	}
	if opts.Lease <= 0 {
		opts.Lease = 2 * time.Minute
	}
	if opts.Batch <= 0 {
		opts.Batch = 20
	}
	if opts.Interval <= 0 {
		opts.Interval = time.Second
	}
	if opts.SendTimeout <= 0 {
		opts.SendTimeout = 30 * time.Second
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
	return &Sender{st: st, opts: opts, log: opts.Logger, wake: make(chan struct{}, 1),
		busy: map[string]bool{}, paused: map[string]time.Time{}}
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

// Notify wakes the sender: messages were enqueued.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers due messages until ctx ends, then waits for the channel
// workers to stop (an interrupted send is retried after a restart).
func (s *Sender) Run(ctx context.Context) {
	t := time.NewTicker(s.opts.Interval)
	defer t.Stop()
	for {
		s.dispatch(ctx)
		select {
		case <-ctx.Done():
			s.wg.Wait()
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}

// Flush delivers every message due now, all channels in parallel, and
// returns when each channel has nothing more due (used by demo and tests).
func (s *Sender) Flush(ctx context.Context) error {
	for {
		chs, err := s.dispatch(ctx)
		if err != nil {
			return err
		}
		s.wg.Wait()
		if chs == 0 || ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// dispatch starts a worker for every channel with due messages that has
// none running and is not paused by a rate limit; it returns how many it
// started.
func (s *Sender) dispatch(ctx context.Context) (int, error) {
	now := s.opts.Now()
	chs, err := s.st.DueChannels(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("outbox: due channels", "err", err)
		}
		return 0, err
	}
	started := 0
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range chs {
		if s.busy[ch] || now.Before(s.paused[ch]) {
			continue
		}
		s.busy[ch] = true
		started++
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.drain(ctx, ch)
			s.mu.Lock()
			delete(s.busy, ch)
			s.mu.Unlock()
		}()
	}
	return started, nil
}

// drain delivers a channel's due messages until none is left or the
// channel is paused.
func (s *Sender) drain(ctx context.Context, ch string) {
	for ctx.Err() == nil {
		now := s.opts.Now()
		msgs, err := s.st.ClaimDue(ctx, ch, now, s.opts.Lease, s.opts.Batch)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("outbox: take due messages", "channel", ch, "err", err)
			}
			return
		}
		if len(msgs) == 0 {
			return
		}
		for i, m := range msgs {
			until, paused := s.deliver(ctx, m)
			if !paused {
				continue
			}
			// The platform rate-limited the channel: release the rest of
			// the batch until then.
			for _, rest := range msgs[i+1:] {
				if err := s.st.Postpone(context.WithoutCancel(ctx), rest.ID, until, ""); err != nil {
					s.log.Error("outbox: postpone", "channel", ch, "id", rest.ID, "err", err)
				}
			}
			s.mu.Lock()
			s.paused[ch] = until
			s.mu.Unlock()
			return
		}
	}
}

// deliver sends one message with its retries; it reports a channel-wide
// pause (a long rate limit) and until when.
func (s *Sender) deliver(ctx context.Context, row store.OutboxMessage) (time.Time, bool) {
	log := s.log.With("channel", row.Channel, "event", row.Event, "key", row.Key, "id", row.ID)
	// Bookkeeping after a send must not be lost to a cancelled context:
	// that would widen the redelivery window.
	keep := context.WithoutCancel(ctx)
	sink := s.sinkFor(row)
	if sink == nil {
		s.fail(keep, log, row, fmt.Errorf("no sink for channel %s (platform %q)", row.Channel, row.Platform), true)
		return time.Time{}, false
	}
	msg, err := s.message(ctx, row)
	if err != nil {
		if ctx.Err() == nil {
			s.fail(keep, log, row, err, errors.Is(err, store.ErrNotFound))
		}
		return time.Time{}, false
	}
	for {
		sctx, cancel := context.WithTimeout(ctx, s.opts.SendTimeout)
		rec, err := sink.Send(sctx, msg)
		cancel()
		if err == nil {
			if err := s.st.MarkSent(keep, row.ID, rec.Ref, s.opts.Now()); err != nil {
				log.Error("outbox: mark sent (the message may be sent again)", "err", err)
				return time.Time{}, false
			}
			log.Debug("delivered", "receipt", rec.Ref)
			return time.Time{}, false
		}
		if ctx.Err() != nil {
			// Shutting down: the lease expires and the message is sent
			// after the restart.
			return time.Time{}, false
		}
		var ra *RetryAfterError
		switch {
		case errors.As(err, &ra):
			wait := ra.After
			if wait <= 0 {
				wait = time.Second
			}
			if wait <= s.opts.Lease/2 {
				log.Info("rate limited, waiting", "after", wait)
				if s.opts.Sleep(ctx, wait) != nil {
					return time.Time{}, false
				}
				continue
			}
			until := s.opts.Now().Add(wait)
			note := redact(err, row.Target)
			if err := s.st.Postpone(keep, row.ID, until, note); err != nil {
				log.Error("outbox: postpone", "err", err)
			}
			log.Info("rate limited, channel paused", "until", until)
			return until, true
		case IsPermanent(err):
			s.fail(keep, log, row, err, true)
		default:
			s.fail(keep, log, row, err, false)
		}
		return time.Time{}, false
	}
}

// fail records a failed attempt: dead when permanent or out of attempts,
// else retried after an exponential backoff.
func (s *Sender) fail(ctx context.Context, log *slog.Logger, row store.OutboxMessage, err error, permanent bool) {
	attempt := row.Attempts + 1
	dead := permanent || attempt >= s.opts.MaxAttempts
	msg := redact(err, row.Target)
	next := s.opts.Now().Add(s.backoff(attempt))
	if err := s.st.MarkFailed(ctx, row.ID, msg, next, dead); err != nil {
		log.Error("outbox: mark failed", "err", err)
	}
	if dead {
		log.Error("delivery failed for good; see gapwatch outbox --state dead", "attempt", attempt, "err", msg)
		return
	}
	log.Warn("delivery failed, will retry", "attempt", attempt, "next", next, "err", msg)
}

// backoff is the wait before attempt+1, exponential with jitter.
func (s *Sender) backoff(attempt int) time.Duration {
	b := &backoff.ExponentialBackOff{
		InitialInterval:     s.opts.MinBackoff,
		RandomizationFactor: 0.2,
		Multiplier:          2,
		MaxInterval:         s.opts.MaxBackoff,
	}
	b.Reset()
	d := b.NextBackOff()
	for i := 1; i < attempt; i++ {
		d = b.NextBackOff()
	}
	return d
}

func (s *Sender) sinkFor(row store.OutboxMessage) Sink {
	if k, ok := s.opts.Sinks[row.Channel]; ok {
		return k
	}
	return s.opts.Platforms[row.Platform]
}

// message builds what the sink sends from an outbox row: the payload, the
// claim with its evidence and the decision at the event, the thread ref.
func (s *Sender) message(ctx context.Context, row store.OutboxMessage) (Message, error) {
	var pl payload
	if err := json.Unmarshal(row.Payload, &pl); err != nil {
		return Message{}, fmt.Errorf("outbox message %d: decode payload: %w", row.ID, errors.Join(err, store.ErrNotFound))
	}
	m := Message{
		OutboxID: row.ID, Key: row.Key, Event: row.Event,
		Channel: Channel{Name: row.Channel, Platform: row.Platform, Target: row.Target},
		Text:    pl.Text, Language: pl.Language, Feed: pl.Feed, At: pl.At,
	}
	var err error
	if m.Attachments, err = payloadAttachments(row.Payload); err != nil {
		return m, fmt.Errorf("outbox message %d: %w", row.ID, errors.Join(err, store.ErrNotFound))
	}
	if row.ClaimID != 0 {
		c, err := s.st.Claim(ctx, row.ClaimID)
		if err != nil {
			return m, fmt.Errorf("outbox message %d: %w", row.ID, err)
		}
		if pl.Decision != nil {
			c.Decision = *pl.Decision
		}
		m.Claim = &c
		if m.ThreadRef, err = s.st.ThreadRef(ctx, row.ClaimID, row.Channel); err != nil {
			return m, fmt.Errorf("outbox message %d: %w", row.ID, err)
		}
		if s.opts.EvidenceURL != nil {
			if m.EvidenceURL = s.opts.EvidenceURL(row.ClaimID); m.EvidenceURL != "" {
				m.Text += "\n" + vocabFor(m.Language).evidence + ": " + m.EvidenceURL
			}
		}
	}
	return m, nil
}

// redact returns err's text with the channel's target (a webhook URL with
// its token, in any of its encodings) replaced.
func redact(err error, secrets ...string) string {
	msg := err.Error()
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		for _, form := range []string{sec, url.QueryEscape(sec), url.PathEscape(sec)} {
			msg = strings.ReplaceAll(msg, form, "<redacted>")
		}
		if u, perr := url.Parse(sec); perr == nil && u.Host != "" {
			if u.RawQuery != "" {
				msg = strings.ReplaceAll(msg, u.RawQuery, "<redacted>")
			}
			if len(u.Path) > 1 {
				msg = strings.ReplaceAll(msg, u.Path, "<redacted>")
			}
		}
	}
	return msg
}
