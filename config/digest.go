package config

import (
	"strings"
	"time"
)

// DefaultDigestSchedule is when a channel's weekly digest is sent unless
// it names another time: Monday 09:00 in the digest's time zone.
const DefaultDigestSchedule = "0 9 * * 1"

// Digest asks for a channel's weekly digest: a summary of the last full
// ISO week (Monday to Sunday in the digest's zone), sent at the first
// scheduled time after the week ends.
type Digest struct {
	// Schedule is a five-field cron spec (default "0 9 * * 1", Monday
	// 09:00); a CRON_TZ= prefix is not allowed (use timezone).
	Schedule string `yaml:"schedule,omitempty" json:"schedule,omitempty"`
	// TimeZone is the IANA zone of the schedule and of the week's days
	// (default: the config's timezone).
	TimeZone string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
	// Language is the digest's language (default: the channel's, else
	// the engine's newsroom language).
	Language string `yaml:"language,omitempty" json:"language,omitempty"`
}

// DigestSchedule returns the channel's digest schedule (the default when
// unset).
func (d Digest) DigestSchedule() string {
	if strings.TrimSpace(d.Schedule) == "" {
		return DefaultDigestSchedule
	}
	return d.Schedule
}

// DigestLocation returns the digest's time zone: its own, else the
// config's display zone.
func (c *Config) DigestLocation(d Digest) *time.Location {
	if d.TimeZone != "" {
		if loc, err := time.LoadLocation(d.TimeZone); err == nil {
			return loc
		}
	}
	return c.Location()
}

// DigestLanguage returns the language of a channel's digest: the digest's,
// else the channel's, else the engine's.
func (c *Config) DigestLanguage(ch Channel) string {
	for _, l := range []string{digestLang(ch.Digest), ch.Language, c.Engine.Language} {
		if l != "" {
			return l
		}
	}
	return DefaultLanguage
}

func digestLang(d *Digest) string {
	if d == nil {
		return ""
	}
	return d.Language
}

// digest checks a channel's digest settings.
func (v *validator) digest(path string, d *Digest) {
	if d == nil {
		return
	}
	spec := d.DigestSchedule()
	if strings.HasPrefix(strings.TrimSpace(spec), "CRON_TZ=") || strings.HasPrefix(strings.TrimSpace(spec), "TZ=") {
		v.add(path+".schedule", "set the zone with timezone, not in the spec")
	} else if err := ValidateSchedule(spec); err != nil {
		v.add(path+".schedule", "invalid cron spec %q: %v", spec, err)
	}
	v.zone(path+".timezone", d.TimeZone)
	v.language(path+".language", d.Language, false)
}
