// Package bot is gapwatch's platform-neutral newsroom command layer: the
// commands a journalist types in Slack, in Discord or at the CLI (list,
// show, search, feeds, confirm, dismiss, mute, subscribe, digest, help),
// the neutral reply they produce, and the escaping that keeps untrusted
// text from pinging or misleading anyone.
//
// Flow. An adapter (bot/slackbot, bot/discordbot, cmd/gapwatch) verifies
// and acknowledges a request, then calls Bot.Handle with a Request. Handle
// parses the text (ParseLine), finds the command in the one table
// (Bot.Commands, from which help is built), checks its argument count and
// runs it against the store through two narrow interfaces, Queries and
// Actions. Every newsroom action is recorded with its actor
// ("platform:user") and time; confirm, dismiss and mute also ask the
// Notifier (the alert pipeline, plugged in by cmd) for the lifecycle
// messages to enqueue, so bot never imports alert. Errors become replies
// at the router: a UserError says what to fix, anything else becomes a
// reply with a reference and is returned to the adapter for its log, so
// no internal detail or secret reaches a chat.
//
// Replies. A Reply holds plain, unescaped text in sections, fields and
// links. Adapters render it (Block Kit, embeds) and escape every piece with
// EscapeSlack or EscapeDiscord, cutting to their limits with Fit;
// PlainText, SlackText and DiscordText are the text renderings (CLI,
// fallbacks).
package bot
