package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, h http.Handler, target string, mod func(*http.Request)) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if mod != nil {
		mod(r)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestAccess(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	h := s.Handler()
	id := f.claims["sre-armas"]
	path := ClaimPath(id)
	signer := s.opts.Access.Signer
	title := "frenar el tráfico de armas"
	tamper := func(link string, key, val string) string {
		u, _ := url.Parse(link)
		q := u.Query()
		q.Set(key, val)
		u.RawQuery = q.Encode()
		return u.String()
	}
	other := ClaimPath(f.claims["sre-jornaleros"])
	tests := []struct {
		name   string
		target string
		mod    func(*http.Request)
		status int
	}{
		{"no credentials", path, nil, http.StatusUnauthorized},
		{"signed link", signer.Sign(path), nil, http.StatusOK},
		{"signed link, expired", signer.SignUntil(path, fixtureNow.Add(-time.Second)), nil, http.StatusForbidden},
		{"signed link, expiry moved", tamper(signer.SignUntil(path, fixtureNow.Add(-time.Second)), paramExpires,
			"9999999999"), nil, http.StatusForbidden},
		{"signed link, signature altered", tamper(signer.Sign(path), paramSig, "AAAA"), nil, http.StatusForbidden},
		{"signed link of another page", other + "?" + strings.SplitN(signer.Sign(path), "?", 2)[1], nil, http.StatusForbidden},
		{"signature without expiry", path + "?sig=abc", nil, http.StatusForbidden},
		{"session cookie", path, func(r *http.Request) { r.AddCookie(s.sessionCookieForTest()) }, http.StatusOK},
		{"forged session cookie", path, func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: "9999999999.forged"})
		}, http.StatusUnauthorized},
		{"session cookie holding the token", path, func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: testToken})
		}, http.StatusUnauthorized},
		{"trusted proxy's user", path, func(r *http.Request) {
			r.RemoteAddr = "10.1.2.3:4567"
			r.Header.Set("X-Forwarded-User", "ana@newsroom.example")
		}, http.StatusOK},
		{"trusted proxy, no user", path, func(r *http.Request) { r.RemoteAddr = "10.1.2.3:4567" }, http.StatusUnauthorized},
		{"user header from elsewhere", path, func(r *http.Request) {
			r.RemoteAddr = "192.0.2.7:4567"
			r.Header.Set("X-Forwarded-User", "ana@newsroom.example")
		}, http.StatusUnauthorized},
		{"bad signature beats a valid session", tamper(signer.Sign(path), paramSig, "AAAA"), func(r *http.Request) {
			r.AddCookie(s.sessionCookieForTest())
		}, http.StatusForbidden},
		{"feeds page without credentials", "/feeds", nil, http.StatusUnauthorized},
		{"list without credentials", "/claims", nil, http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, tc.target, tc.mod)
			if w.Code != tc.status {
				t.Fatalf("GET %s: status %d, want %d", tc.target, w.Code, tc.status)
			}
			body := w.Body.String()
			if tc.status != http.StatusOK && strings.Contains(body, title) {
				t.Errorf("a %d answer shows the claim", w.Code)
			}
			switch tc.status {
			case http.StatusOK:
				if !strings.Contains(body, title) {
					t.Errorf("the claim page does not show the claim's title")
				}
			case http.StatusUnauthorized:
				if !strings.Contains(body, `<form method="post" action="/login"`) || !strings.Contains(body, "</html>") {
					t.Errorf("a 401 does not show the whole login page: %s", body)
				}
			case http.StatusForbidden:
				if !strings.Contains(body, "<h1>403 Forbidden</h1>") || !strings.Contains(body, "</html>") {
					t.Errorf("a 403 does not explain itself: %s", body)
				}
			}
		})
	}
}

func TestLogin(t *testing.T) {
	f := fillStore(t)
	s, hs := newTestServer(t, f.st)
	path := ClaimPath(f.claims["sre-armas"])
	client := hs.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	post := func(token, next string) *http.Response {
		t.Helper()
		resp, err := client.PostForm(hs.URL+"/login", url.Values{"token": {token}, "next": {next}})
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	t.Run("wrong token", func(t *testing.T) {
		resp := post("newsroom-token-abcdeg", path)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", resp.StatusCode)
		}
		if len(resp.Cookies()) != 0 {
			t.Errorf("a wrong token got a cookie")
		}
	})
	t.Run("foreign next", func(t *testing.T) {
		resp := post(testToken, "//evil.example/x")
		if loc := resp.Header.Get("Location"); loc != "/claims" {
			t.Errorf("redirect to %q, want /claims", loc)
		}
	})
	t.Run("token", func(t *testing.T) {
		resp := post(testToken, path)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
			t.Fatalf("status %d to %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), path)
		}
		var c *http.Cookie
		for _, x := range resp.Cookies() {
			if x.Name == sessionCookie {
				c = x
			}
		}
		if c == nil {
			t.Fatal("no session cookie")
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie HttpOnly=%v SameSite=%v, want HttpOnly and Lax", c.HttpOnly, c.SameSite)
		}
		if c.Secure {
			t.Errorf("cookie Secure over plain HTTP: the browser would drop it")
		}
		if strings.Contains(c.Value, testToken) {
			t.Errorf("the cookie holds the token")
		}
		w := get(t, s.Handler(), path, func(r *http.Request) { r.AddCookie(c) })
		if w.Code != http.StatusOK {
			t.Errorf("GET with the session cookie: status %d", w.Code)
		}
	})
	t.Run("secure over TLS", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "https://gapwatch.example/login",
			strings.NewReader(url.Values{"token": {testToken}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		cs := w.Result().Cookies()
		if len(cs) != 1 || !cs[0].Secure {
			t.Errorf("cookies %v: want one Secure cookie over TLS", cs)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	f := fillStore(t)
	s, _ := newTestServer(t, f.st)
	for _, target := range []string{s.opts.Access.Signer.Sign(ClaimPath(f.claims["sre-armas"])), "/claims", "/login", "/static/style.css", "/claims/999999"} {
		w := get(t, s.Handler(), target, nil)
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q allows script or inline code", target, csp)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", target, w.Header())
		}
	}
}

func TestSigner(t *testing.T) {
	now := fixtureNow
	a := NewSigner("secret-a", 0, func() time.Time { return now })
	b := NewSigner("secret-b", 0, func() time.Time { return now })
	link := a.Sign("/claims/7")
	u, _ := url.Parse(link)
	if err := a.Verify(u); err != nil {
		t.Fatalf("own link: %v", err)
	}
	if err := b.Verify(u); err != ErrBadSignature {
		t.Errorf("another secret's link: %v, want ErrBadSignature", err)
	}
	exp, _ := time.Parse(time.RFC3339, "2026-04-11T12:00:00Z")
	if got := u.Query().Get(paramExpires); got != "1775908800" || !exp.Equal(now.Add(DefaultLinkLifetime)) {
		t.Errorf("expiry %s, want 30 days from now", got)
	}
	if NewSigner("", 0, nil) != nil {
		t.Errorf("a signer without a secret")
	}
}
