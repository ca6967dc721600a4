// Package digest builds and schedules the weekly digest: per channel, a
// summary of one ISO week (new claims by side and status, gaps still open
// and their age, gaps the other side closed and how long that took, gaps a
// journalist resolved by hand, the oldest gaps still open from earlier
// weeks, each feed's health) with a chart of claims per day by side,
// stacked by status.
//
// A Builder reads the week from the store (store.Digests) and returns a
// Report, which renders as plain text in English or Spanish and as a PNG
// chart. A Scheduler sends each channel's digest once per ISO week through
// the outbox: the key digest/<channel>/<week> is inserted before anything
// is sent, so restarts and replicas never send a week twice, and a
// schedule missed while the service was down is caught up (marked late)
// when it comes back.
//
// Statuses are the claims' current ones: a digest of an old week shows
// what became of its claims, not what they were at the time.
//
// digest imports store, match and alert (for the outbox payload and the
// claim filters); the chat commands reach it through bot.Digester, wired
// in cmd/gapwatch.
package digest
