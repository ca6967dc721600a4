// Package alert turns the engine's lifecycle events into messages a
// newsroom acts on, and delivers them exactly once per channel, in the
// running service. It plays the role Alertmanager's notify package plays
// there.
//
// Flow. The Pipeline is the poller's OnItems hook: it feeds new and
// revised items to a match.Tracker in publication order (the observation
// clock is each item's FirstSeen), routes every event the tracker emits to
// the channels whose filters match (configured channels and subscriptions
// made from chat), and saves the decision with one outbox row per channel
// in a single store transaction (store.Alerts.SaveDecision). A ticker calls
// Pipeline.Tick every minute to close windows whose deadline passed and to
// raise feed-health alerts. The Sender delivers due outbox rows, one
// goroutine per channel, through that channel's Sink (console, webhook,
// Slack, Discord).
//
// Exactly once, and its one-message window. Every outbox row has an
// idempotency key (claim, event, channel) and is written in the same
// transaction as the decision that causes it, so a crash never loses a
// message nor enqueues one twice: on restart the pipeline rebuilds the
// tracker from the stored items of the last window and lookback, the
// engine being deterministic, and the events it emits again are already
// saved (SaveDecision skips an event key it has). A row is marked sent only
// after Sink.Send returned success. Hence the bound: if the process dies
// after a platform accepted a message and before MarkSent committed (a few
// milliseconds), that one message per channel is delivered again after the
// restart (its lease expires and it is sent once more). Receivers that
// care can drop repeats by Message.Key, which the webhook sink sends in the
// X-Gapwatch-Key header.
//
// Delivery. A channel's messages go in outbox order, so a claim's first
// message is sent before its updates and its receipt (Receipt.Ref) becomes
// the thread reference of the later ones. A failing message holds back only
// its own channel: it is retried with exponential backoff (from
// cenkalti/backoff) up to the attempt limit, then marked dead and shown by
// `gapwatch outbox --state dead`. A Permanent error marks it dead at once;
// a *RetryAfterError waits as long as the platform asked and does not count
// as an attempt. Targets and secrets never appear in logs or errors: the
// sender redacts a channel's target from every error it records.
package alert
