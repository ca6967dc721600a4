package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChatChannelsNeedCredentials: a Slack or Discord channel whose bot token
// is not in the environment is a configuration error for check-config and
// serve (exit 2, naming the channel and the variable), never a silent pile
// of dead messages; a Discord channel webhook URL needs no bot token.
func TestChatChannelsNeedCredentials(t *testing.T) {
	tests := []struct {
		name    string
		channel string
		env     map[string]string
		want    string // "" = valid
	}{
		{"slack without token", "{name: desk, platform: slack, target: C0123}", nil, "channels[0] (desk): a slack channel needs SLACK_BOT_TOKEN"},
		{"slack with token", "{name: desk, platform: slack, target: C0123}", map[string]string{"SLACK_BOT_TOKEN": "xoxb-test"}, ""},
		{"discord without token", "{name: room, platform: discord, target: '1234567890'}", nil, "channels[0] (room): a discord channel needs DISCORD_BOT_TOKEN"},
		{"discord webhook", "{name: room, platform: discord, target: '${HOOK}'}", map[string]string{"HOOK": "https://discord.com/api/webhooks/1/tok"}, ""},
		{"console", "{name: desk, platform: console}", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN", "HOOK"} {
				t.Setenv(k, tt.env[k])
				if tt.env[k] == "" {
					os.Unsetenv(k)
				}
			}
			path := filepath.Join(t.TempDir(), "gapwatch.yaml")
			doc := "feeds:\n  - {name: x, side: us, url: 'https://x.example/feed'}\nchannels:\n  - " + tt.channel + "\n" +
				"storage: " + filepath.Join(t.TempDir(), "g.db") + "\n"
			if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runCLI(t, map[string]string{"HOOK": tt.env["HOOK"]}, "check-config", "--config", path)
			if tt.want == "" {
				if code != exitOK {
					t.Fatalf("exit %d, want 0:\n%s", code, errOut)
				}
				return
			}
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Fatalf("check-config: exit %d, want 2 with %q:\n%s", code, tt.want, errOut)
			}
			code, _, errOut = runCLI(t, nil, "serve", "--config", path, "--log-format", "json")
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Fatalf("serve: exit %d, want 2 with %q:\n%s", code, tt.want, errOut)
			}
		})
	}
}
