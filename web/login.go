package web

import (
	"net/http"
	"strings"
)

type loginView struct {
	// Title is the page's title.
	Title string
	// Next is the page to open after signing in.
	Next string
	// Enabled reports that a newsroom token is configured.
	Enabled bool
	// Failed reports a wrong token.
	Failed bool
}

// localPath keeps next only when it is a path on this site.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/claims"
	}
	return next
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "login", loginView{Title: "Sign in", Next: localPath(r.URL.Query().Get("next")), Enabled: s.opts.Access.Token != ""})
}

// login checks the newsroom token and sets the session cookie: an HMAC'd
// expiry, never the token.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "unreadable form")
		return
	}
	next := localPath(r.PostForm.Get("next"))
	a := &s.opts.Access
	if !a.checkToken(r.PostForm.Get("token")) {
		w.WriteHeader(http.StatusUnauthorized)
		s.render(w, r, "login", loginView{Title: "Sign in", Next: next, Enabled: a.Token != "", Failed: true})
		return
	}
	exp := s.opts.Now().Add(sessionLifetime)
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: a.newSession(exp), Path: "/", Expires: exp,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure(r),
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}
