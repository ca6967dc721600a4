package config_test

import "testing"

// TestRegionalLanguagesNormalised: a newsroom language written with a
// region (es-MX, en_US) reaches alerts, explanations and digests as its
// primary subtag, so a channel never gets Spanish digests but English alerts.
func TestRegionalLanguagesNormalised(t *testing.T) {
	doc := "engine: {language: es-MX}\n" +
		"channels:\n  - name: desk\n    platform: console\n    language: es-MX\n    digest: {language: en_US}\n"
	c, err := loader(nil).Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine.Language != "es" {
		t.Errorf("engine.language = %q, want es", c.Engine.Language)
	}
	ch := c.Channels[0]
	if ch.Language != "es" || ch.Digest == nil || ch.Digest.Language != "en" {
		t.Errorf("channel language %q, digest %+v; want es and en", ch.Language, ch.Digest)
	}
	if got := c.DigestLanguage(ch); got != "en" {
		t.Errorf("DigestLanguage = %q, want en", got)
	}
}
