package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultLinkLifetime is how long a signed link opens its page.
const DefaultLinkLifetime = 30 * 24 * time.Hour

// Query parameters of a signed link.
const (
	paramExpires = "exp"
	paramSig     = "sig"
)

// sessionCookie is the login cookie's name.
const sessionCookie = "gapwatch_session"

// sessionLifetime is how long a login lasts.
const sessionLifetime = 7 * 24 * time.Hour

// Errors of link verification.
var (
	// ErrUnsigned is a request that carries no signature.
	ErrUnsigned = errors.New("link not signed")
	// ErrExpired is a signed link past its expiry.
	ErrExpired = errors.New("link expired")
	// ErrBadSignature is a signed link whose signature does not match its
	// path and expiry (tampered, or signed with another secret).
	ErrBadSignature = errors.New("link signature invalid")
)

// Signer makes and checks signed links: an HMAC-SHA256 over a page's path
// and an expiry, so that a link in an alert opens its page without a login
// and opens nothing else.
type Signer struct {
	key      []byte
	lifetime time.Duration
	now      func() time.Time
}

// NewSigner returns a Signer for secret (empty: nil, links are not
// signed); lifetime 0 takes DefaultLinkLifetime; now nil takes time.Now.
func NewSigner(secret string, lifetime time.Duration, now func() time.Time) *Signer {
	if secret == "" {
		return nil
	}
	if lifetime <= 0 {
		lifetime = DefaultLinkLifetime
	}
	if now == nil {
		now = time.Now
	}
	return &Signer{key: []byte(secret), lifetime: lifetime, now: now}
}

func (s *Signer) mac(path string, exp int64) string {
	m := hmac.New(sha256.New, s.key)
	fmt.Fprintf(m, "gapwatch-link\n%s\n%d", path, exp)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Sign returns path with the query that opens it until the signer's
// lifetime from now ("/claims/42?exp=…&sig=…").
func (s *Signer) Sign(path string) string {
	return s.SignUntil(path, s.now().Add(s.lifetime))
}

// SignUntil returns path signed to open until exp.
func (s *Signer) SignUntil(path string, exp time.Time) string {
	e := exp.Unix()
	v := url.Values{}
	v.Set(paramExpires, strconv.FormatInt(e, 10))
	v.Set(paramSig, s.mac(path, e))
	return path + "?" + v.Encode()
}

// Verify checks the signature a request's URL carries for its path:
// ErrUnsigned when there is none, ErrBadSignature when it does not match,
// ErrExpired when it is past its expiry.
func (s *Signer) Verify(u *url.URL) error {
	q := u.Query()
	sig, expText := q.Get(paramSig), q.Get(paramExpires)
	if sig == "" && expText == "" {
		return ErrUnsigned
	}
	exp, err := strconv.ParseInt(expText, 10, 64)
	if err != nil || sig == "" {
		return ErrBadSignature
	}
	if !hmac.Equal([]byte(sig), []byte(s.mac(u.Path, exp))) {
		return ErrBadSignature
	}
	if !s.now().Before(time.Unix(exp, 0)) {
		return ErrExpired
	}
	return nil
}

// Access says how requests get in: signed links, a shared newsroom token
// (login form, session cookie) or an authenticating reverse proxy's user
// header. A way left empty is off.
type Access struct {
	// Signer checks signed links (nil: none are accepted).
	Signer *Signer
	// Token is the shared newsroom token the login form asks for
	// ("": no login).
	Token string
	// ProxyUserHeader is the header an authenticating reverse proxy sets
	// to the signed-in user ("": no proxy is trusted).
	ProxyUserHeader string
	// TrustedProxies are the networks the proxy connects from; the header
	// is ignored from anywhere else.
	TrustedProxies []netip.Prefix
	// SecureCookies sets the session cookie's Secure flag even when the
	// request did not arrive over TLS (a TLS-terminating proxy).
	SecureCookies bool
}

// sessionKey derives the session cookie's MAC key from the token, so that
// the cookie never holds the token and changing the token ends every
// session.
func (a *Access) sessionKey() []byte {
	m := hmac.New(sha256.New, []byte(a.Token))
	m.Write([]byte("gapwatch-session-key"))
	return m.Sum(nil)
}

func (a *Access) sessionMAC(exp int64) string {
	m := hmac.New(sha256.New, a.sessionKey())
	fmt.Fprintf(m, "session\n%d", exp)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// newSession returns a session cookie value valid until exp.
func (a *Access) newSession(exp time.Time) string {
	e := exp.Unix()
	return strconv.FormatInt(e, 10) + "." + a.sessionMAC(e)
}

// validSession reports whether a session cookie value is genuine and
// unexpired at now.
func (a *Access) validSession(v string, now time.Time) bool {
	if a.Token == "" {
		return false
	}
	expText, mac, ok := strings.Cut(v, ".")
	if !ok {
		return false
	}
	exp, err := strconv.ParseInt(expText, 10, 64)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(a.sessionMAC(exp))) && now.Before(time.Unix(exp, 0))
}

// checkToken compares a typed token with the configured one in constant
// time (both hashed first, so that the length does not leak either).
func (a *Access) checkToken(typed string) bool {
	if a.Token == "" {
		return false
	}
	x, y := sha256.Sum256([]byte(typed)), sha256.Sum256([]byte(a.Token))
	return subtle.ConstantTimeCompare(x[:], y[:]) == 1
}

// proxyUser returns the user a trusted proxy vouches for, "" if the
// request did not come from one or carries no user.
func (a *Access) proxyUser(r *http.Request) string {
	if a.ProxyUserHeader == "" || len(a.TrustedProxies) == 0 {
		return ""
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return ""
	}
	ip = ip.Unmap()
	for _, p := range a.TrustedProxies {
		if p.Contains(ip) {
			return strings.TrimSpace(r.Header.Get(a.ProxyUserHeader))
		}
	}
	return ""
}

// secure reports whether cookies set in answer to r are Secure.
func (a *Access) secure(r *http.Request) bool {
	return r.TLS != nil || a.SecureCookies
}

// verdict is the outcome of checking a request's access.
type verdict int

const (
	allowed verdict = iota
	// needLogin: no credentials (401, login form).
	needLogin
	// forbidden: a signed link that is expired or tampered (403).
	forbidden
)

// check decides whether r may read the page at its path: a valid signed
// link, a trusted proxy's user or a valid session. A signature that fails
// is refused even when another way would let the request in, so that a
// bad link never looks like it worked.
func (a *Access) check(r *http.Request, now time.Time) (verdict, error) {
	if a.Signer != nil {
		switch err := a.Signer.Verify(r.URL); {
		case err == nil:
			return allowed, nil
		case !errors.Is(err, ErrUnsigned):
			return forbidden, err
		}
	} else if r.URL.Query().Has(paramSig) {
		return forbidden, ErrBadSignature
	}
	if a.proxyUser(r) != "" {
		return allowed, nil
	}
	if c, err := r.Cookie(sessionCookie); err == nil && a.validSession(c.Value, now) {
		return allowed, nil
	}
	return needLogin, ErrUnsigned
}

// ParsePrefixes parses CIDR networks or single addresses (a /32 or /128).
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not a CIDR network or address", s)
		}
		out = append(out, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
	}
	return out, nil
}
