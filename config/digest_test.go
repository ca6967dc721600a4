package config_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/config"
)

func TestChannelDigest(t *testing.T) {
	const head = "timezone: America/Mexico_City\nchannels:\n  - name: desk\n    platform: console\n"
	cases := []struct {
		name     string
		yaml     string
		schedule string
		zone     string
		lang     string
		problems []string
	}{
		{name: "no digest", yaml: head},
		{name: "defaults", yaml: head + "    digest: {}\n", schedule: "0 9 * * 1", zone: "America/Mexico_City", lang: "en"},
		{name: "own settings", yaml: head + "    language: en\n    digest:\n      schedule: \"30 8 * * 2\"\n      timezone: Europe/Madrid\n      language: es\n",
			schedule: "30 8 * * 2", zone: "Europe/Madrid", lang: "es"},
		{name: "channel language", yaml: head + "    language: es\n    digest: {timezone: UTC}\n", schedule: "0 9 * * 1", zone: "UTC", lang: "es"},
		{name: "bad values", yaml: head + "    digest:\n      schedule: \"61 9 * * 1\"\n      timezone: Mars/Olympus\n      language: fr\n",
			problems: []string{"channels[0].digest.schedule", "channels[0].digest.timezone", "channels[0].digest.language"}},
		{name: "zone in spec", yaml: head + "    digest: {schedule: \"CRON_TZ=UTC 0 9 * * 1\"}\n",
			problems: []string{"channels[0].digest.schedule"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(c.yaml))
			if len(c.problems) > 0 {
				var verr *config.ValidationError
				if !errors.As(err, &verr) {
					t.Fatalf("Parse error = %v, want problems at %v", err, c.problems)
				}
				var paths []string
				for _, p := range verr.Problems {
					paths = append(paths, p.Path)
				}
				if !slices.Equal(paths, c.problems) {
					t.Errorf("problems at %v, want %v:\n%v", paths, c.problems, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			ch := cfg.Channels[0]
			if c.schedule == "" {
				if ch.Digest != nil {
					t.Errorf("digest = %+v, want none", ch.Digest)
				}
				return
			}
			if ch.Digest == nil {
				t.Fatal("digest missing")
			}
			if got := ch.Digest.DigestSchedule(); got != c.schedule {
				t.Errorf("schedule = %q, want %q", got, c.schedule)
			}
			if got := cfg.DigestLocation(*ch.Digest).String(); got != c.zone {
				t.Errorf("zone = %q, want %q", got, c.zone)
			}
			if got := cfg.DigestLanguage(ch); !strings.EqualFold(got, c.lang) {
				t.Errorf("language = %q, want %q", got, c.lang)
			}
		})
	}
}
