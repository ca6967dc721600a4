package store

import (
	"context"
	"time"
)

// ClaimEvent is a claim with one of its saved lifecycle events, as the
// weekly digest lists confirmations.
type ClaimEvent struct {
	// Claim is the claim as it is now.
	Claim Claim
	// Event is the event's kind ("confirmed", "confirmed_late").
	Event string
	// At is when the event was saved (the observation clock).
	At time.Time
}

// FeedActivity is what one feed did over a period: its polls, failed
// polls and the items it published.
type FeedActivity struct {
	// Feed is the feed's name and Side its government.
	Feed string
	Side string
	// Polls and Failures count the polls that finished in the period and
	// the failed ones among them.
	Polls    int
	Failures int
	// Items counts the feed's items published in the period (backlog
	// excluded); zero means the feed was silent.
	Items int
}

// Digests is the part of the store the weekly digest reads, and how it
// finds out whether a week's digest was already enqueued. Every Store
// implements it.
//
// The claims these queries return are read for counting and filtering a
// week of them cheaply: their Decision holds the verdict, deadline,
// abstention, denial, late confirmation and the commitments' action,
// modality, objects, places and quantities, but not the candidates,
// matches or explanation; their Item has no HTML or categories; Evidence
// is empty. Store.Claim returns a claim in full.
type Digests interface {
	// OutboxByKey returns the outbox message with this idempotency key,
	// ErrNotFound if there is none.
	OutboxByKey(ctx context.Context, key string) (OutboxMessage, error)
	// ClaimsPublished returns the claims whose item was published in
	// [from, to), oldest first.
	ClaimsPublished(ctx context.Context, from, to time.Time) ([]Claim, error)
	// ClaimEvents returns the claims that had one of the given lifecycle
	// events ("confirmed", "confirmed_late") saved in [from, to), with the
	// event, oldest event first.
	ClaimEvents(ctx context.Context, events []string, from, to time.Time) ([]ClaimEvent, error)
	// ClaimsResolved returns the claims a newsroom resolved (confirmed by
	// hand or dismissed) in [from, to), oldest resolution first.
	ClaimsResolved(ctx context.Context, from, to time.Time) ([]Claim, error)
	// OldestOpen returns up to limit claims published before before that
	// nobody resolved and whose status is pending, partial or unconfirmed,
	// oldest publication first (0 = 20).
	OldestOpen(ctx context.Context, before time.Time, limit int) ([]Claim, error)
	// FeedActivity returns every feed's polls, failures and published
	// items in [from, to), ordered by feed name.
	FeedActivity(ctx context.Context, from, to time.Time) ([]FeedActivity, error)
}
