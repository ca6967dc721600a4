package config

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Environment variables of the evidence pages, read by Load.
const (
	// EnvPublicURL overrides `public_url`.
	EnvPublicURL = "GAPWATCH_PUBLIC_URL"
	// EnvLinkSecret is the secret that signs the evidence links alerts
	// carry (environment only, never in the file).
	EnvLinkSecret = "GAPWATCH_LINK_SECRET"
	// EnvWebToken is the shared newsroom token of the evidence pages'
	// login (environment only, never in the file).
	EnvWebToken = "GAPWATCH_WEB_TOKEN"
)

// MinLinkSecret is the shortest link secret accepted, in bytes.
const MinLinkSecret = 16

// DefaultLinkLifetime is how long a signed evidence link opens its page.
const DefaultLinkLifetime = 30 * 24 * time.Hour

// Web configures access to the evidence pages (/claims, /feeds,
// /digests). They open from a signed link (LinkSecret), after a login with
// the newsroom token (Token), or for the user an authenticating reverse
// proxy names in ProxyUserHeader when the request comes from one of
// TrustedProxies.
type Web struct {
	// ProxyUserHeader is the header a trusted reverse proxy sets to the
	// signed-in user (e.g. X-Forwarded-User); "" trusts no proxy.
	ProxyUserHeader string `yaml:"proxy_user_header,omitempty" json:"proxy_user_header,omitempty"`
	// TrustedProxies are the CIDR networks (or addresses) the proxy
	// connects from; the header is ignored from anywhere else.
	TrustedProxies []string `yaml:"trusted_proxies,omitempty" json:"trusted_proxies,omitempty"`
	// LinkLifetime is how long a signed link opens its page (default 30 days).
	LinkLifetime time.Duration `yaml:"link_lifetime,omitempty" json:"link_lifetime,omitempty"`
	// LinkSecret signs evidence links ($GAPWATCH_LINK_SECRET; "": links
	// are unsigned and open only after a login).
	LinkSecret Secret `yaml:"-" json:"-"`
	// Token is the newsroom's shared login token ($GAPWATCH_WEB_TOKEN;
	// "": no login form).
	Token Secret `yaml:"-" json:"-"`
}

// Prefixes parses TrustedProxies (Validate reports the ones that do not).
func (w Web) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range w.TrustedProxies {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
		} else if ip, err := netip.ParseAddr(s); err == nil {
			out = append(out, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
		}
	}
	return out
}

// Lifetime is LinkLifetime or its default.
func (w Web) Lifetime() time.Duration {
	if w.LinkLifetime > 0 {
		return w.LinkLifetime
	}
	return DefaultLinkLifetime
}

// overrideWeb applies the evidence pages' environment variables.
func (l Loader) overrideWeb(cfg *Config) {
	if v, ok := l.lookup(EnvPublicURL); ok && v != "" {
		cfg.PublicURL = v
	}
	if v, ok := l.lookup(EnvLinkSecret); ok && v != "" {
		cfg.Web.LinkSecret = Secret(v)
	}
	if v, ok := l.lookup(EnvWebToken); ok && v != "" {
		cfg.Web.Token = Secret(v)
	}
}

func (v *validator) web(w Web) {
	if h := w.ProxyUserHeader; h != "" {
		if strings.ContainsFunc(h, func(r rune) bool {
			return !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		}) {
			v.add("web.proxy_user_header", "%q is not a header name", h)
		}
		if len(w.TrustedProxies) == 0 {
			v.add("web.trusted_proxies", "missing: a proxy user header is only trusted from the proxy's networks")
		}
	}
	for i, s := range w.TrustedProxies {
		s = strings.TrimSpace(s)
		if _, err := netip.ParsePrefix(s); err == nil {
			continue
		}
		if _, err := netip.ParseAddr(s); err != nil {
			v.add("web.trusted_proxies["+strconv.Itoa(i)+"]", "%q is not a CIDR network or an address", s)
		}
	}
	if w.LinkLifetime < 0 {
		v.add("web.link_lifetime", "negative")
	}
	if s := w.LinkSecret.Reveal(); s != "" && len(s) < MinLinkSecret {
		v.add(EnvLinkSecret, "too short: at least %d bytes", MinLinkSecret)
	}
}
