package main

import (
	"fmt"
	"strings"

	"github.com/gapwatch/gapwatch/config"
)

// chatEnvProblems lists the configured chat channels that could never be
// delivered because their platform's credentials are missing from the
// environment (lookup is os.LookupEnv, as the Slack and Discord wiring
// reads it). Without this check such a channel's alerts would only show up
// as dead messages in `gapwatch outbox`.
func chatEnvProblems(cfg *config.Config, lookup func(string) (string, bool)) []string {
	set := func(k string) bool {
		v, ok := lookup(k)
		return ok && strings.TrimSpace(v) != ""
	}
	var out []string
	for i, ch := range cfg.Channels {
		switch ch.Platform {
		case config.PlatformSlack:
			if !set(envSlackBotToken) {
				out = append(out, fmt.Sprintf("channels[%d] (%s): a slack channel needs %s in the environment", i, ch.Name, envSlackBotToken))
			}
		case config.PlatformDiscord:
			if strings.HasPrefix(strings.TrimSpace(ch.Target.Reveal()), "https://") {
				continue // posted through the channel's webhook URL
			}
			if !set(envDiscordBotToken) {
				out = append(out, fmt.Sprintf("channels[%d] (%s): a discord channel needs %s in the environment (or a channel webhook URL as target)", i, ch.Name, envDiscordBotToken))
			}
		}
	}
	return out
}
