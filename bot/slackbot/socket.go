package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// SocketOptions tune RunSocketMode; zero fields take the defaults shown.
type SocketOptions struct {
	// PingInterval is how long the connection may go without Slack's ping
	// before it is dropped and reopened (30s).
	PingInterval time.Duration
	// MinBackoff and MaxBackoff bound the wait between failed sessions
	// (1s, 5m).
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

// maxSocketAck is the largest acknowledgement sent over the socket (Slack
// drops those of 20 KB or more).
const maxSocketAck = 19 * 1024

// fatalSocketErrors are the connection errors reconnecting cannot fix.
var fatalSocketErrors = map[string]bool{
	"invalid_auth": true, "account_inactive": true, "not_authed": true, "token_revoked": true,
	"not_allowed_token_type": true, "missing_scope": true,
}

// RunSocketMode serves the same commands, buttons, modals and mentions as
// the HTTP endpoints over a Socket Mode connection, for newsrooms with no
// public URL. app is a client with the app-level token
// (slack.OptionAppLevelToken, SLACK_APP_TOKEN) and the API URL; every
// envelope is acknowledged (with the command's answer where there is one).
// Slack's disconnect requests and dropped connections are reconnected at
// once; failed sessions are retried with exponential backoff. It returns
// when ctx ends (nil), or with an error reconnecting cannot fix (a revoked
// token).
func (h *Handler) RunSocketMode(ctx context.Context, app *slack.Client, o SocketOptions) error {
	if o.PingInterval <= 0 {
		o.PingInterval = 30 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 5 * time.Minute
	}
	client := socketmode.New(app,
		socketmode.OptionPingInterval(o.PingInterval),
		socketmode.OptionLog(slog.NewLogLogger(h.log.Handler(), slog.LevelDebug)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.dispatch(ctx, client)
	}()
	defer func() { cancel(); <-done }()

	b := &backoff.ExponentialBackOff{
		InitialInterval: o.MinBackoff, RandomizationFactor: 0.2, Multiplier: 2, MaxInterval: o.MaxBackoff,
	}
	b.Reset()
	for {
		started := time.Now()
		err := client.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil && fatalSocketErrors[err.Error()] {
			return fmt.Errorf("slack socket mode: %w", err)
		}
		var sc slack.StatusCodeError
		if errors.As(err, &sc) && sc.Code == 404 {
			return fmt.Errorf("slack socket mode: the app-level token is not accepted: %w", err)
		}
		if time.Since(started) > o.MaxBackoff {
			b.Reset()
		}
		wait := b.NextBackOff()
		h.log.Warn("slack socket mode: session ended, reconnecting", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// dispatch handles the client's events until ctx ends; each envelope in
// its own goroutine, so that a slow command never holds back another.
func (h *Handler) dispatch(ctx context.Context, client *socketmode.Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-client.Events:
			h.socketEvent(ctx, client, evt)
		}
	}
}

func (h *Handler) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	ack := func(payload any) {
		if evt.Request == nil || evt.Request.EnvelopeID == "" {
			return
		}
		if err := client.AckCtx(ctx, evt.Request.EnvelopeID, payload); err != nil && ctx.Err() == nil {
			h.log.Warn("slack socket mode: acknowledgement failed", "type", evt.Type, "err", err)
		}
	}
	switch evt.Type {
	case socketmode.EventTypeSlashCommand:
		c, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			ack(nil)
			return
		}
		h.spawn(func() {
			m := h.Command(ctx, c)
			if m == nil {
				ack(nil)
				return
			}
			if b, err := json.Marshal(m); err != nil || len(b) > maxSocketAck {
				// Slack drops Socket Mode answers of 20 KB or more: this
				// one goes through response_url instead.
				ack(nil)
				h.later(func(ctx context.Context) { h.postResponse(ctx, c.ResponseURL, m) })
				return
			}
			ack(m)
		})
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			ack(nil)
			return
		}
		h.spawn(func() { ack(h.Interaction(ctx, cb)) })
	case socketmode.EventTypeEventsAPI:
		ack(nil)
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			h.Event(ctx, ev)
		}
	case socketmode.EventTypeConnected:
		h.log.Info("slack socket mode: connected")
	case socketmode.EventTypeConnectionError:
		h.log.Warn("slack socket mode: connection failed", "err", connErr(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		h.log.Error("slack socket mode: the app-level token is not accepted")
	case socketmode.EventTypeDisconnect:
		h.log.Info("slack socket mode: Slack asked to reconnect")
	case socketmode.EventTypeErrorBadMessage, socketmode.EventTypeIncomingError:
		h.log.Warn("slack socket mode: unreadable message", "type", evt.Type)
	}
}

func connErr(data any) any {
	if e, ok := data.(*slack.ConnectionErrorEvent); ok {
		return e.ErrorObj
	}
	return nil
}

// spawn runs f tracked by Shutdown (after Shutdown, at once: its
// acknowledgement must still be sent).
func (h *Handler) spawn(f func()) {
	if !h.track() {
		f()
		return
	}
	go func() {
		defer h.wg.Done()
		f()
	}()
}
