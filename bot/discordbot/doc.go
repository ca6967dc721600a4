// Package discordbot connects gapwatch to Discord: the /gapwatch
// application command (subcommands with typed options and claim-ID
// autocomplete) answered through the platform-neutral bot layer, and an
// alert.Sink that posts alerts as embeds with buttons, threading later
// events under the first message.
//
// Transports. Interactions arrive either over the gateway (a discordgo
// session with a bot token; Handler.AttachGateway) or at the HTTP
// interactions endpoint (Handler.ServeHTTP, mounted at
// POST /discord/interactions), where every request is checked against the
// application's Ed25519 public key before anything else is read from it.
// Both paths share one core: fast commands are answered at once, slow ones
// (search, digest, or any command still running after FastBudget) are
// deferred and answered by editing the original response. Slow commands
// run one at a time so they cannot starve the quick answers; claim-ID
// autocomplete reads the latest claims at most every few seconds. An
// interaction from an alert's thread acts on the thread's parent channel.
//
// REST. Every REST call goes through a discordgo session whose HTTP client
// rewrites discord.com URLs to a configurable base (NewSession), so tests
// and staging can point it at another server without touching discordgo's
// package-level endpoint variables.
//
// Safety. Every message and interaction response sets allowed_mentions to
// {"parse": []}; every piece of untrusted text (feed titles, arguments) is
// escaped with bot.EscapeDiscord; links are checked with bot.SafeURL.
// Embeds are cut to Discord's limits with a link to the full text. Rate
// limits become *alert.RetryAfterError for the sender (alerts) or are
// waited out by discordgo (interaction follow-ups); 401, 403, 404 and other
// 4xx answers are alert.Permanent. Tokens never appear in logs or errors.
package discordbot
