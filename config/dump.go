package config

import (
	"fmt"
	"net/url"

	"go.yaml.in/yaml/v3"
)

// Redacted returns the effective configuration as YAML, safe to print:
// header values show "<redacted>", and passwords in the storage URL and in
// feed URLs are masked. `gapwatch check-config` prints it.
func (c *Config) Redacted() (string, error) {
	cp := *c
	cp.Feeds = make([]Feed, len(c.Feeds))
	for i, f := range c.Feeds {
		if u, err := url.Parse(f.URL); err == nil {
			f.URL = u.Redacted()
		} else {
			f.URL = redacted
		}
		cp.Feeds[i] = f
	}
	out, err := yaml.Marshal(&cp)
	if err != nil {
		return "", fmt.Errorf("dump config: %w", err)
	}
	return string(out), nil
}
