// Package slackbot is gapwatch's Slack integration: an alert.Sink that
// posts alerts in Block Kit (later events of a claim in the alert's thread,
// the alert updated to the claim's status, buttons to show the evidence,
// confirm, dismiss or mute), and a Handler that answers the /gapwatch slash
// command, the buttons, their modals and app mentions through the bot
// command layer, over HTTP (signed requests, replay-checked) or Socket
// Mode.
//
// Every piece of untrusted text (feed titles, commitment sentences, user
// arguments) reaches Slack through bot.EscapeSlack, and every text is cut
// to Block Kit's limits, with a link to the evidence page where one is
// known. Rate limits become alert.RetryAfterError; errors retrying cannot
// fix (a revoked token, a channel the bot is not in) become
// alert.Permanent. Setup is described in README.md.
package slackbot
