package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Alert defaults, as documented in gapwatch.example.yaml.
const (
	// DefaultFeedDownAfter is how long a feed may keep failing before the
	// channels that follow its side are alerted.
	DefaultFeedDownAfter = 3 * time.Hour
	// DefaultSilentFactor is how many of a feed's usual gaps between items
	// may pass without a new item before it counts as silent.
	DefaultSilentFactor = 6.0
	// DefaultMaxAttempts is how many failed deliveries make a message dead.
	DefaultMaxAttempts = 10
)

// Channel platforms.
const (
	PlatformConsole = "console"
	PlatformWebhook = "webhook"
	PlatformSlack   = "slack"
	PlatformDiscord = "discord"
)

// Platforms lists the channel platforms gapwatch can deliver to.
var Platforms = []string{PlatformConsole, PlatformWebhook, PlatformSlack, PlatformDiscord}

// Statuses lists the claim statuses channel filters accept: the engine's
// verdicts and its two abstentions.
var Statuses = []string{"pending", "confirmed", "partial", "unconfirmed", "unverified", "needs_review"}

// Channel is one destination of alerts: a platform, a target and filters.
// With no channels configured, alerts go to a console channel.
type Channel struct {
	// Name is unique among channels; `gapwatch outbox` shows it.
	Name string `yaml:"name" json:"name"`
	// Platform is console, webhook, slack or discord.
	Platform string `yaml:"platform" json:"platform"`
	// Target is the Slack channel ID, the Discord channel ID or the
	// webhook URL (which often carries a token: use ${VAR}); unused for
	// console.
	Target Secret `yaml:"target,omitempty" json:"target,omitempty"`
	// Secret is the webhook's HMAC-SHA256 signing key, from the
	// environment (${VAR}) only.
	Secret Secret `yaml:"secret,omitempty" json:"secret,omitempty"`
	// Language is the language of the channel's messages (default: the
	// engine's newsroom language).
	Language string `yaml:"language,omitempty" json:"language,omitempty"`
	// Filters select what the channel receives.
	Filters ChannelFilters `yaml:"filters,omitempty" json:"filters,omitempty"`
	// Digest, when present, sends the channel a weekly digest (config/digest.go).
	Digest *Digest `yaml:"digest,omitempty" json:"digest,omitempty"`
}

// ChannelFilters select the claims a channel receives. Empty lists do not
// filter; within a list any value matches, across lists all must.
type ChannelFilters struct {
	// Sides keeps claims made by these sides.
	Sides []string `yaml:"sides,omitempty" json:"sides,omitempty"`
	// Feeds keeps claims from these feeds.
	Feeds []string `yaml:"feeds,omitempty" json:"feeds,omitempty"`
	// Statuses keeps claims whose status is one of these (pending,
	// confirmed, partial, unconfirmed, unverified, needs_review).
	Statuses []string `yaml:"statuses,omitempty" json:"statuses,omitempty"`
	// Concepts keeps claims whose commitments name one of these lexicon
	// concept IDs.
	Concepts []string `yaml:"concepts,omitempty" json:"concepts,omitempty"`
	// Keywords keeps claims whose text contains one of these words.
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	// MinImportance keeps claims of at least this importance (1 low, 2
	// normal, 3 high; 0 keeps all).
	MinImportance int `yaml:"min_importance,omitempty" json:"min_importance,omitempty"`
}

// Alerts holds the alert pipeline's settings.
type Alerts struct {
	// FeedDownAfter is how long a feed may keep failing before it is
	// reported down (default 3h).
	FeedDownAfter time.Duration `yaml:"feed_down_after" json:"feed_down_after"`
	// SilentFactor is how many usual gaps between a feed's items may pass
	// without one before the feed is reported silent (default 6).
	SilentFactor float64 `yaml:"silent_factor" json:"silent_factor"`
	// MaxAttempts is how many failed deliveries make a message dead
	// (default 10).
	MaxAttempts int `yaml:"max_attempts" json:"max_attempts"`
}

// literalChannelSecrets returns a problem for every channel secret written
// in the file rather than read from the environment.
func literalChannelSecrets(chs []Channel) []Problem {
	var out []Problem
	for i, ch := range chs {
		s := strings.TrimSpace(ch.Secret.Reveal())
		if s != "" && !strings.HasPrefix(s, "${") {
			out = append(out, Problem{Path: fmt.Sprintf("channels[%d].secret", i),
				Msg: "the secret is written in the file; read it from the environment with ${VAR}"})
		}
	}
	return out
}

func (v *validator) channels(c *Config) {
	seen := map[string]bool{}
	sides := make([]string, 0, len(c.Sides))
	for _, s := range c.Sides {
		sides = append(sides, s.ID)
	}
	feeds := make([]string, 0, len(c.Feeds))
	for _, f := range c.Feeds {
		feeds = append(feeds, f.Name)
	}
	for i, ch := range c.Channels {
		p := fmt.Sprintf("channels[%d]", i)
		v.identifier(p, "name", ch.Name, seen)
		target := strings.TrimSpace(ch.Target.Reveal())
		switch ch.Platform {
		case PlatformConsole:
			if target != "" {
				v.add(p+".target", "not used by a console channel")
			}
		case PlatformWebhook:
			v.webhookURL(p+".target", target)
			if ch.Secret.Reveal() == "" {
				v.add(p+".secret", "required for a webhook (receivers verify the signature with it); use ${VAR}")
			}
		case PlatformSlack, PlatformDiscord:
			switch {
			case target == "":
				v.add(p+".target", "missing (the %s channel ID)", ch.Platform)
			case ch.Platform == PlatformDiscord && strings.HasPrefix(target, "https://"):
				// A Discord channel webhook URL: messages are posted through it
				// (no buttons, no threads). It carries a token: use ${VAR}.
				if !discordWebhookURL(target) {
					v.add(p+".target", "not a Discord channel ID or webhook URL (https://discord.com/api/webhooks/ID/TOKEN)")
				}
			case strings.ContainsAny(target, " /:#"):
				v.add(p+".target", "not a %s channel ID", ch.Platform)
			}
		case "":
			v.add(p+".platform", "missing (known: %s)", strings.Join(Platforms, ", "))
		default:
			v.add(p+".platform", "unknown platform %q (known: %s)", ch.Platform, strings.Join(Platforms, ", "))
		}
		if ch.Platform != PlatformWebhook && ch.Secret.Reveal() != "" {
			v.add(p+".secret", "only webhook channels are signed")
		}
		v.language(p+".language", ch.Language, false)
		v.digest(p+".digest", ch.Digest)
		f := ch.Filters
		fp := p + ".filters"
		for j, s := range f.Sides {
			if !slices.Contains(sides, s) {
				v.add(fmt.Sprintf("%s.sides[%d]", fp, j), "unknown side %q (known: %s)", s, strings.Join(sides, ", "))
			}
		}
		for j, name := range f.Feeds {
			if !slices.Contains(feeds, name) {
				v.add(fmt.Sprintf("%s.feeds[%d]", fp, j), "unknown feed %q", name)
			}
		}
		for j, st := range f.Statuses {
			if !slices.Contains(Statuses, st) {
				v.add(fmt.Sprintf("%s.statuses[%d]", fp, j), "unknown status %q (known: %s)", st, strings.Join(Statuses, ", "))
			}
		}
		for j, k := range f.Keywords {
			if strings.TrimSpace(k) == "" {
				v.add(fmt.Sprintf("%s.keywords[%d]", fp, j), "empty")
			}
		}
		for j, k := range f.Concepts {
			if strings.TrimSpace(k) == "" {
				v.add(fmt.Sprintf("%s.concepts[%d]", fp, j), "empty")
			}
		}
		if f.MinImportance < 0 || f.MinImportance > 3 {
			v.add(fp+".min_importance", "must be between 0 and 3 (got %d)", f.MinImportance)
		}
	}
}

// webhookURL checks a webhook target without ever quoting it (it may
// carry a token).
func (v *validator) webhookURL(path, raw string) {
	if raw == "" {
		v.add(path, "missing (the webhook URL; use ${VAR} if it carries a token)")
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(path, "not an http(s) URL")
	}
}

func (v *validator) alerts(a Alerts, publicURL string) {
	if a.FeedDownAfter <= 0 {
		v.add("alerts.feed_down_after", "must be positive (got %s)", a.FeedDownAfter)
	}
	if a.SilentFactor < 1 || a.SilentFactor != a.SilentFactor {
		v.add("alerts.silent_factor", "must be at least 1 (got %v)", a.SilentFactor)
	}
	if a.MaxAttempts < 1 {
		v.add("alerts.max_attempts", "must be at least 1 (got %d)", a.MaxAttempts)
	}
	if publicURL != "" {
		u, err := url.Parse(publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add("public_url", "not an http(s) URL")
		}
	}
}

// discordWebhookURL reports whether raw is a Discord channel webhook URL,
// https://discord.com/api[/vN]/webhooks/ID/TOKEN (discordapp.com too).
func discordWebhookURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil {
		return false
	}
	switch strings.ToLower(u.Hostname()) {
	case "discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com":
	default:
		return false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) > 0 && parts[0] == "api" {
		parts = parts[1:]
	}
	if len(parts) > 0 && len(parts[0]) > 1 && parts[0][0] == 'v' {
		parts = parts[1:]
	}
	return len(parts) == 3 && parts[0] == "webhooks" && parts[1] != "" && parts[2] != ""
}
