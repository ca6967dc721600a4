package config_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
)

// webBase is a valid config the web cases add their section to.
const webBase = `
sides:
  - {id: mx, language: es}
  - {id: us, language: en}
feeds:
  - {name: sre, side: mx, url: "https://sre.example/feed"}
`

func TestWebSection(t *testing.T) {
	const secret = "link-secret-1234567890"
	tests := []struct {
		name     string
		yaml     string
		env      map[string]string
		problems []string
		check    func(t *testing.T, c *config.Config)
	}{
		{
			name: "proxy with its networks",
			yaml: "web:\n  proxy_user_header: X-Forwarded-User\n  trusted_proxies: [10.0.0.0/8, 192.0.2.10]\n  link_lifetime: 72h\n",
			check: func(t *testing.T, c *config.Config) {
				if c.Web.ProxyUserHeader != "X-Forwarded-User" || len(c.Web.Prefixes()) != 2 || c.Web.Lifetime() != 72*time.Hour {
					t.Errorf("web = %+v, prefixes %v", c.Web, c.Web.Prefixes())
				}
			},
		},
		{
			name: "secrets and public URL from the environment",
			env:  map[string]string{"GAPWATCH_LINK_SECRET": secret, "GAPWATCH_WEB_TOKEN": "tok", "GAPWATCH_PUBLIC_URL": "https://gw.example"},
			check: func(t *testing.T, c *config.Config) {
				if c.Web.LinkSecret.Reveal() != secret || c.Web.Token.Reveal() != "tok" || c.PublicURL != "https://gw.example" {
					t.Errorf("environment not read: public %q", c.PublicURL)
				}
				if c.Web.Lifetime() != 30*24*time.Hour {
					t.Errorf("default lifetime %s", c.Web.Lifetime())
				}
				if s := fmt.Sprintf("%v %+v", c.Web, c.Web); strings.Contains(s, secret) {
					t.Errorf("the secret prints: %s", s)
				}
			},
		},
		{name: "proxy header without networks", yaml: "web:\n  proxy_user_header: X-Forwarded-User\n",
			problems: []string{"web.trusted_proxies"}},
		{name: "bad network", yaml: "web:\n  proxy_user_header: X-User\n  trusted_proxies: [10.0.0.0/33, nowhere]\n",
			problems: []string{"web.trusted_proxies[0]", "web.trusted_proxies[1]"}},
		{name: "bad header", yaml: "web:\n  proxy_user_header: \"X User:\"\n  trusted_proxies: [10.0.0.1]\n",
			problems: []string{"web.proxy_user_header"}},
		{name: "short secret", env: map[string]string{"GAPWATCH_LINK_SECRET": "short"},
			problems: []string{"GAPWATCH_LINK_SECRET"}},
		{name: "secret in the file is refused", yaml: "web:\n  link_secret: abcdefabcdefabcdef\n",
			problems: []string{"parse"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loader(tc.env).Parse([]byte(webBase + tc.yaml))
			if len(tc.problems) == 0 {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				tc.check(t, c)
				return
			}
			if err == nil {
				t.Fatalf("no error, want problems at %v", tc.problems)
			}
			var verr *config.ValidationError
			if tc.problems[0] == "parse" {
				if !strings.Contains(err.Error(), "link_secret") {
					t.Errorf("error %v does not name link_secret", err)
				}
				return
			}
			if !errors.As(err, &verr) {
				t.Fatalf("error %v is not a ValidationError", err)
			}
			var got []string
			for _, p := range verr.Problems {
				got = append(got, p.Path)
			}
			if strings.Join(got, ",") != strings.Join(tc.problems, ",") {
				t.Errorf("problems at %v, want %v (%v)", got, tc.problems, err)
			}
			if strings.Contains(err.Error(), "short") && strings.Contains(err.Error(), "=short") {
				t.Errorf("the secret shows in %v", err)
			}
		})
	}
}
