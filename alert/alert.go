package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/store"
)

// Event kinds of messages. The claim events follow the engine's lifecycle
// (match.EventKind) plus the updates the pipeline adds itself.
const (
	// EventNewClaim: a claim was ingested; its window is open.
	EventNewClaim = "new_claim"
	// EventConfirmed: the other side confirmed the claim within the window.
	EventConfirmed = "confirmed"
	// EventFinal: the window closed with a partial or unconfirmed verdict
	// (the alert), or closed confirmed.
	EventFinal = "final"
	// EventConfirmedLate: a confirmation arrived after the deadline.
	EventConfirmedLate = "confirmed_late"
	// EventUnverified: the window closed while the other side's feeds
	// were failing for part of it, so no gap is alerted.
	EventUnverified = "unverified"
	// EventRevised: the claim's item was edited by its publisher.
	EventRevised = "revised"
	// EventWithdrawn: the claim's item was removed from its feed.
	EventWithdrawn = "withdrawn"
	// EventResolved: a newsroom confirmed the claim by hand or dismissed it.
	EventResolved = "resolved"
	// EventFeedDown: a feed has been failing or silent for too long.
	EventFeedDown = "feed_down"
	// EventFeedRecovered: a feed that was down works again.
	EventFeedRecovered = "feed_recovered"
	// EventDigest: a periodic summary.
	EventDigest = "digest"
)

// eventTitles are the events' headings in chat messages, by language.
var eventTitles = map[string]map[string]string{
	"en": {
		EventNewClaim: "New claim", EventConfirmed: "Confirmed", EventFinal: "Deadline passed",
		EventConfirmedLate: "Confirmed late", EventUnverified: "Unverified", EventRevised: "Edited",
		EventWithdrawn: "Withdrawn", EventResolved: "Resolved by the newsroom",
		EventFeedDown: "Feed down", EventFeedRecovered: "Feed recovered", EventDigest: "Digest",
	},
	"es": {
		EventNewClaim: "Nueva afirmación", EventConfirmed: "Confirmado", EventFinal: "Venció el plazo",
		EventConfirmedLate: "Confirmado tarde", EventUnverified: "Sin verificar", EventRevised: "Editado",
		EventWithdrawn: "Retirado", EventResolved: "Resuelto por la redacción",
		EventFeedDown: "Fuente caída", EventFeedRecovered: "Fuente recuperada", EventDigest: "Resumen",
	},
}

// EventTitle is the heading of an event in a chat message ("New claim",
// "Confirmado"), in Spanish for lang "es" and in English otherwise; "" for
// an event it does not know.
func EventTitle(event, lang string) string {
	if lang != "es" {
		lang = "en"
	}
	return eventTitles[lang][event]
}

// Platforms a channel can be on.
const (
	PlatformConsole = "console"
	PlatformWebhook = "webhook"
	PlatformSlack   = "slack"
	PlatformDiscord = "discord"
)

// Channel is a message's destination.
type Channel struct {
	// Name is the channel's configured name, or "platform:target" for a
	// subscription made from chat.
	Name string `json:"name"`
	// Platform is console, webhook, slack or discord.
	Platform string `json:"platform"`
	// Target is the Slack or Discord channel ID, or the webhook URL (a
	// secret: never logged, never in errors, never in JSON).
	Target string `json:"-"`
}

// FeedHealth is what a feed alert is about.
type FeedHealth struct {
	// Feed is the feed's stored state at the time of the alert.
	Feed store.FeedState `json:"feed"`
	// Down reports that the feed is down (false for a recovery).
	Down bool `json:"down"`
	// Since is when the trouble began: the first failing poll after the
	// last success, or the last new item for a silent feed.
	Since time.Time `json:"since"`
	// Reason says why ("failing for 3h: status 503", "silent for 5 days,
	// usually a new item every 6h").
	Reason string `json:"reason"`
}

// Attachment is a file sent with a message (the digest's chart).
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Message is what a sink sends: one event about one claim or feed to one
// channel, with everything a platform needs to render it.
type Message struct {
	// OutboxID is the outbox row being delivered.
	OutboxID int64 `json:"outbox_id"`
	// Key is the idempotency key (claim, event, channel): a receiver that
	// sees a key twice is seeing the documented redelivery window.
	Key string `json:"key"`
	// Channel is the destination.
	Channel Channel `json:"channel"`
	// Event is the event kind (EventNewClaim, ...).
	Event string `json:"event"`
	// Claim is the claim with its evidence items, for claim events.
	Claim *store.Claim `json:"claim,omitempty"`
	// Feed is the feed's health, for feed events.
	Feed *FeedHealth `json:"feed_health,omitempty"`
	// Text is the message in plain text in the channel's newsroom
	// language (the console's output, the webhook's and chat fallback).
	Text string `json:"text"`
	// Language is the language of Text ("en" or "es").
	Language string `json:"language"`
	// ThreadRef is the platform reference of this claim's first message
	// in this channel ("" if none): later events reply in its thread.
	ThreadRef string `json:"thread_ref,omitempty"`
	// EvidenceURL is the claim's evidence page ("" unless a public URL is
	// configured).
	EvidenceURL string `json:"evidence_url,omitempty"`
	// Attachments are files to send with the message.
	Attachments []Attachment `json:"attachments,omitempty"`
	// At is when the event happened.
	At time.Time `json:"at"`
}

// Receipt is what a platform returns for a delivered message.
type Receipt struct {
	// Ref is the platform's message reference (Slack ts, Discord message
	// ID); stored so that later events thread under the first message.
	Ref string
}

// Sink delivers messages to one platform. Send either delivers the
// message and returns its receipt, or returns an error: a Permanent one
// is never retried, a *RetryAfterError is retried after its delay (never
// dropped), any other is retried with exponential backoff until the
// sender's attempt limit. Send must honour ctx's cancellation.
type Sink interface {
	Send(ctx context.Context, m Message) (Receipt, error)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, m Message) (Receipt, error)

// Send calls f.
func (f SinkFunc) Send(ctx context.Context, m Message) (Receipt, error) { return f(ctx, m) }

// permanentError marks an error that retrying cannot fix.
type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }

// Permanent marks err as permanent: the sender marks the message dead at
// once instead of retrying (a revoked token, a deleted channel, a 400).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err (or one it wraps) was marked Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// RetryAfterError is a platform's rate limit: wait After, then send again.
// The sender waits without counting an attempt towards the dead limit.
type RetryAfterError struct {
	// After is how long the platform asked to wait.
	After time.Duration
	// Err is the underlying error, if any.
	Err error
}

// Error describes the rate limit.
func (e *RetryAfterError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("rate limited, retry after %s: %v", e.After, e.Err)
	}
	return fmt.Sprintf("rate limited, retry after %s", e.After)
}

// Unwrap returns the underlying error.
func (e *RetryAfterError) Unwrap() error { return e.Err }
