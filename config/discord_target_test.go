package config_test

import (
	"strings"
	"testing"
)

// TestDiscordTargets: a Discord channel is a channel ID or a channel webhook
// URL (read from the environment); anything else is a problem at its path,
// and the webhook's token never appears in the message.
func TestDiscordTargets(t *testing.T) {
	tests := []struct {
		name, target, wantErr string
	}{
		{"channel id", "1234567890", ""},
		{"webhook", "https://discord.com/api/webhooks/123/tok-SECRET", ""},
		{"versioned webhook", "https://discord.com/api/v10/webhooks/123/tok-SECRET", ""},
		{"legacy host", "https://discordapp.com/api/webhooks/123/tok-SECRET", ""},
		{"other host", "https://evil.example/api/webhooks/123/tok-SECRET", "channels[0].target: not a Discord channel ID or webhook URL"},
		{"no token", "https://discord.com/api/webhooks/123", "channels[0].target: not a Discord channel ID or webhook URL"},
		{"plain http", "http://discord.com/api/webhooks/123/tok-SECRET", "channels[0].target: not a discord channel ID"},
		{"channel mention", "#newsroom", "channels[0].target: not a discord channel ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "channels:\n  - name: desk\n    platform: discord\n    target: ${DISCORD_TARGET}\n"
			_, err := loader(map[string]string{"DISCORD_TARGET": tt.target}).Parse([]byte(doc))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Fatalf("the webhook token leaked into the error: %v", err)
			}
		})
	}
}
