package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gapwatch/gapwatch/match"
)

// Claim is an item the engine recognised as a claim, with its latest
// decision and the newsroom's resolution, as the alert pipeline and the
// chat commands see it.
type Claim struct {
	// ID is the claim's store identifier, the number newsrooms type
	// (`show 42`).
	ID int64
	// Item is the claim's item (current version).
	Item match.Item
	// Decision is the engine's latest decision on the claim.
	Decision match.Decision
	// LastEvent is the kind of the latest lifecycle event saved for it
	// ("new_claim", "confirmed", "final", ...).
	LastEvent string
	// Created is when the claim was first saved; Updated when its decision
	// or resolution last changed.
	Created time.Time
	Updated time.Time
	// Resolution is the newsroom's verdict, nil while there is none.
	Resolution *Resolution
	// Evidence are the other side's items the decision considered (same
	// event or nearest), filled by Store.Claim only.
	Evidence []match.Item
}

// Status is the claim's current engine verdict.
func (c Claim) Status() match.Status { return c.Decision.Status }

// Final reports that the claim's window has closed.
func (c Claim) Final() bool { return c.Decision.Final }

// ResolutionKind says how a newsroom resolved a claim.
type ResolutionKind string

// Resolutions a newsroom records.
const (
	// ResolvedConfirmed: a journalist confirmed the claim elsewhere (a
	// call, another publication) and gives a URL and a note.
	ResolvedConfirmed ResolutionKind = "confirmed"
	// ResolvedDismissed: not a claim (or not worth following), with a
	// reason kept as feedback for the engine's evaluation.
	ResolvedDismissed ResolutionKind = "dismissed"
)

// Resolution is a newsroom's verdict on a claim.
type Resolution struct {
	Kind ResolutionKind
	// URL and Note back a confirmation by hand.
	URL  string
	Note string
	// Reason explains a dismissal.
	Reason string
	// By is the actor ("platform:user id", e.g. "slack:U024BE7LH", "cli:ana").
	By string
	// At is when it was recorded.
	At time.Time
}

// ClaimState selects open or final claims.
type ClaimState string

// Claim states for ClaimQuery.
const (
	// AnyState does not filter.
	AnyState ClaimState = ""
	// OpenClaims are those whose window is still open.
	OpenClaims ClaimState = "open"
	// FinalClaims are those whose window has closed.
	FinalClaims ClaimState = "final"
)

// ClaimQuery selects stored claims, newest publication first. Zero fields
// do not filter.
type ClaimQuery struct {
	// Statuses keeps claims whose current status is one of these.
	Statuses []match.Status
	// Side and Feed keep the claim's side or feed.
	Side string
	Feed string
	// State keeps open or final claims.
	State ClaimState
	// Resolved keeps only claims a newsroom resolved (true) or did not
	// (false); nil does not filter.
	Resolved *bool
	// Since keeps claims published at or after it.
	Since time.Time
	// Terms keep claims whose item's title, summary or content contains
	// any of them (OR; see Store.SearchItems for how terms match).
	Terms []string
	// Limit caps the result (0 = no cap).
	Limit int
}

// ClaimUpdate is one lifecycle event of a claim: the decision to save and
// the outbox messages it causes, written in one transaction by
// Store.SaveDecision.
type ClaimUpdate struct {
	// Item is the claim's stored item (ID set).
	Item match.Item
	// Decision is the engine's decision at this event.
	Decision match.Decision
	// Event is the event's kind ("new_claim", "confirmed", "final", ...).
	Event string
	// EventKey identifies this event among the claim's events; "" takes
	// Event. A repeatable event carries a distinguishing key
	// ("revised:2"). An event key already saved for the claim makes the
	// whole update a no-op, which is how a replay after a restart sends
	// nothing twice.
	EventKey string
	// At is the event's time (the observation clock).
	At time.Time
	// Outbox are the messages to enqueue, one per channel. ClaimID, Key
	// (when empty: ClaimKey(claim, EventKey, channel)), State and
	// CreatedAt are filled by the store. A message for a channel where
	// the claim is muted is not enqueued.
	Outbox []OutboxMessage
}

// UpdateResult says what SaveDecision did.
type UpdateResult struct {
	// Claim is the claim as stored after the update.
	Claim Claim
	// Applied reports that the event was new and was saved.
	Applied bool
	// Enqueued is how many outbox messages were inserted (keys already
	// present and muted channels are not counted).
	Enqueued int
}

// ActionKind is what a newsroom did.
type ActionKind string

// Newsroom actions recorded by the store.
const (
	ActionConfirm     ActionKind = "confirm"
	ActionDismiss     ActionKind = "dismiss"
	ActionMute        ActionKind = "mute"
	ActionUnmute      ActionKind = "unmute"
	ActionSubscribe   ActionKind = "subscribe"
	ActionUnsubscribe ActionKind = "unsubscribe"
	ActionShow        ActionKind = "show"
	ActionList        ActionKind = "list"
	ActionSearch      ActionKind = "search"
)

// Action is one recorded newsroom action: who did what to which claim,
// from which channel, when.
type Action struct {
	// ID is the store's identifier (set when recorded).
	ID int64
	// ClaimID is the claim acted on (0 for actions on no claim, such as
	// subscribe).
	ClaimID int64
	// Kind is the action.
	Kind ActionKind
	// Actor is "platform:user id" ("slack:U024BE7LH", "discord:80351110224678912",
	// "cli:ana").
	Actor string
	// Channel is the channel the action came from ("platform:target",
	// or a configured channel's name; "" from the CLI).
	Channel string
	// Args are the action's arguments (url, note, reason, filters...).
	Args map[string]string
	// At is when it happened.
	At time.Time
}

// ChannelKey names a chat destination: a platform and its target (Slack
// channel ID, Discord channel ID, webhook URL).
type ChannelKey struct {
	Platform string
	Target   string
}

// String returns "platform:target", the channel name a subscription's
// messages carry in the outbox.
func (k ChannelKey) String() string { return k.Platform + ":" + k.Target }

// Filters select the claims and feed events a channel receives. Empty
// fields do not filter; within a field any value matches (OR), across
// fields all must match (AND).
type Filters struct {
	// Sides keeps claims by these sides (and feed alerts of feeds these
	// sides watch: a channel following mx claims hears about us feeds).
	Sides []string `json:"sides,omitempty"`
	// Feeds keeps claims from these feeds.
	Feeds []string `json:"feeds,omitempty"`
	// Statuses keeps claims whose current status is one of these
	// ("pending", "confirmed", "partial", "unconfirmed"). A claim's
	// earlier messages are sent while its status matches, so a channel
	// following only "unconfirmed" gets the deadline alert and later
	// updates, not the heads-up.
	Statuses []string `json:"statuses,omitempty"`
	// Concepts keeps claims whose commitments name one of these concept
	// IDs (lexicon IDs such as "arms_trafficking").
	Concepts []string `json:"concepts,omitempty"`
	// Keywords keeps claims whose title or text contains one of these
	// (case- and accent-insensitive).
	Keywords []string `json:"keywords,omitempty"`
	// MinImportance keeps claims of at least this importance (1 low, 2
	// normal, 3 high; 0 does not filter).
	MinImportance int `json:"min_importance,omitempty"`
}

// Subscription is a channel subscribed from chat: a route added at run
// time, kept in the store.
type Subscription struct {
	// ID is the store's identifier.
	ID int64
	// Channel is where messages go.
	Channel ChannelKey
	// Language is the newsroom language of its plain-text messages ("" =
	// the service's).
	Language string
	// Filters select what the channel receives.
	Filters Filters
	// By is the actor who subscribed; At when.
	By string
	At time.Time
}

// OutboxState is where an outbox message is in its delivery.
type OutboxState string

// Outbox states.
const (
	// OutboxPending: not yet delivered (possibly failed and waiting to
	// retry at NextAttempt).
	OutboxPending OutboxState = "pending"
	// OutboxSent: delivered; Receipt holds the platform's reference.
	OutboxSent OutboxState = "sent"
	// OutboxDead: given up after too many attempts or a permanent
	// error; kept for `gapwatch outbox --state dead`.
	OutboxDead OutboxState = "dead"
)

// OutboxMessage is one message to deliver to one channel, written in the
// same transaction as the decision that causes it.
type OutboxMessage struct {
	// ID is the store's identifier; the sender delivers a channel's
	// messages in ID order.
	ID int64
	// Key is the idempotency key: inserting a key that exists is a no-op.
	// Claim messages use ClaimKey; feed alerts and digests build their own.
	Key string
	// Channel is the channel's name (a configured name, or
	// "platform:target" for a subscription).
	Channel string
	// Platform and Target are the channel's destination when enqueued
	// (kept so that a row stays readable if the channel leaves the config).
	Platform string
	Target   string
	// Event is the event kind ("new_claim", "feed_down", "digest", ...).
	Event string
	// ClaimID is the claim the message is about (0 if none).
	ClaimID int64
	// Feed is the feed the message is about (feed alerts; "" otherwise).
	Feed string
	// Payload is the message's content as JSON (the pipeline's choice).
	Payload json.RawMessage
	// Attempts counts failed deliveries so far.
	Attempts int
	// NextAttempt is the earliest time of the next delivery attempt.
	NextAttempt time.Time
	// LastError is the last failure's message (redacted by the sender).
	LastError string
	// State is pending, sent or dead.
	State OutboxState
	// Receipt is the platform's reference of the delivered message
	// (Slack ts, Discord message ID), "" until sent.
	Receipt string
	// CreatedAt is when it was enqueued; SentAt when it was delivered.
	CreatedAt time.Time
	SentAt    time.Time
}

// ClaimKey is the idempotency key of a claim's message: one per claim,
// event and channel.
func ClaimKey(claimID int64, event, channel string) string {
	return fmt.Sprintf("claim:%d:%s:%s", claimID, event, channel)
}

// OutboxQuery selects outbox messages, oldest first. Zero fields do not
// filter.
type OutboxQuery struct {
	State   OutboxState
	Channel string
	ClaimID int64
	// Limit caps the result (0 = no cap).
	Limit int
	// Newest orders newest first.
	Newest bool
}

// Alerts is the part of the store the alert pipeline and the newsroom
// commands use: claims and their decisions, the outbox, actions, mutes,
// subscriptions and text search. Every Store implements it.
type Alerts interface {
	// SaveDecision saves a claim's decision at one lifecycle event and
	// enqueues its outbox messages, in one transaction (see ClaimUpdate).
	SaveDecision(ctx context.Context, u ClaimUpdate) (UpdateResult, error)
	// Claims lists claims matching q, newest publication first.
	Claims(ctx context.Context, q ClaimQuery) ([]Claim, error)
	// Claim returns one claim with its Evidence, ErrNotFound if absent.
	Claim(ctx context.Context, id int64) (Claim, error)
	// ClaimByItem returns the claim of an item, ErrNotFound if the item
	// is no claim.
	ClaimByItem(ctx context.Context, itemID int64) (Claim, error)
	// Resolve records a newsroom resolution of a claim with the action
	// that made it and enqueues the messages it causes, in one
	// transaction; ErrNotFound if the claim is absent.
	Resolve(ctx context.Context, claimID int64, r Resolution, a Action, msgs []OutboxMessage) (Claim, error)
	// RecordAction records a newsroom action and returns it with its ID.
	RecordAction(ctx context.Context, a Action) (Action, error)
	// Actions returns the actions on a claim (0: actions on no claim),
	// oldest first.
	Actions(ctx context.Context, claimID int64) ([]Action, error)
	// SetMute mutes (or unmutes) a claim in a channel and records the
	// action, in one transaction; pending messages of the claim in that
	// channel are not delivered while it is muted. ErrNotFound if the
	// claim is absent.
	SetMute(ctx context.Context, claimID int64, channel string, muted bool, a Action) error
	// Muted reports whether a claim is muted in a channel.
	Muted(ctx context.Context, claimID int64, channel string) (bool, error)
	// Subscribe adds (or replaces the filters of) the subscription of a
	// channel and returns it as stored.
	Subscribe(ctx context.Context, s Subscription) (Subscription, error)
	// Unsubscribe removes a channel's subscription, ErrNotFound if none.
	Unsubscribe(ctx context.Context, ch ChannelKey) error
	// Subscriptions returns every subscription, oldest first.
	Subscriptions(ctx context.Context) ([]Subscription, error)
	// Enqueue inserts outbox messages not tied to a claim decision (feed
	// alerts, digests); existing keys are skipped. It returns how many
	// were inserted.
	Enqueue(ctx context.Context, msgs []OutboxMessage) (int, error)
	// ClaimDue leases up to limit pending messages whose next attempt is
	// due at now, oldest first, for lease (another ClaimDue does not
	// return them until it expires), skipping messages of muted claims.
	// Only a claim's earliest pending message in a channel is due, so a
	// claim's messages reach a channel in order (its first one, whose
	// receipt threads the rest, before its updates). channel "" takes
	// every channel.
	ClaimDue(ctx context.Context, channel string, now time.Time, lease time.Duration, limit int) ([]OutboxMessage, error)
	// DueChannels returns the channels that have pending messages due at
	// now (not leased, not muted), sorted by name.
	DueChannels(ctx context.Context, now time.Time) ([]string, error)
	// MarkSent records a delivery with the platform's receipt.
	MarkSent(ctx context.Context, id int64, receipt string, at time.Time) error
	// MarkFailed records a failed attempt: the message is retried at
	// next, or becomes dead when dead is set.
	MarkFailed(ctx context.Context, id int64, errMsg string, next time.Time, dead bool) error
	// Postpone releases a leased message until next without counting an
	// attempt (a platform's rate limit), noting why (an empty note keeps
	// the last error).
	Postpone(ctx context.Context, id int64, next time.Time, note string) error
	// Outbox lists outbox messages matching q.
	Outbox(ctx context.Context, q OutboxQuery) ([]OutboxMessage, error)
	// ThreadRef returns the receipt of a claim's first delivered message
	// in a channel, "" if none was delivered there.
	ThreadRef(ctx context.Context, claimID int64, channel string) (string, error)
	// SearchItems returns items whose title, summary or content matches
	// any of terms (OR), best match first, at most limit (0 = 20). A term
	// matches words that start with it, case- and accent-insensitively
	// ("acord" matches "acordaron", "Acuerdo" does not); a term of
	// several words matches them as a phrase.
	SearchItems(ctx context.Context, terms []string, limit int) ([]match.Item, error)
}
