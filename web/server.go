package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is the part of store.Store the pages read. Every store.Store
// satisfies it; the pages never write.
type Store interface {
	Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error)
	Claim(ctx context.Context, id int64) (store.Claim, error)
	Actions(ctx context.Context, claimID int64) ([]store.Action, error)
	Revisions(ctx context.Context, itemID int64) ([]store.Revision, error)
	FeedStates(ctx context.Context) ([]store.FeedState, error)
	Polls(ctx context.Context, feed string, from, to time.Time) ([]store.Poll, error)
	Items(ctx context.Context, q store.ItemQuery) ([]match.Item, error)
}

// PageQueries are queries a store may offer so that each section of a page
// takes one query however many rows it covers (store/sqlite offers them);
// without them the pages fall back on Store's methods.
type PageQueries interface {
	// ClaimsPage lists claims matching q published before until (zero: no
	// bound) whose commitments name concept ("": any), skipping offset.
	ClaimsPage(ctx context.Context, q store.ClaimQuery, until time.Time, concept string, offset int) ([]store.Claim, error)
	// ClaimStatusCounts counts the claims ClaimsPage would list (without
	// Limit and offset) per status.
	ClaimStatusCounts(ctx context.Context, q store.ClaimQuery, until time.Time, concept string) (map[string]int, error)
	// ItemTimes returns per feed the publication times of its items
	// published at or after since (backlog excluded).
	ItemTimes(ctx context.Context, since time.Time) (map[string][]time.Time, error)
	// PollChanges returns, for the polls of the given feeds that
	// finished in [from, to), per feed the number of polls and of failed
	// ones, and the polls that tell the coverage: every failed poll and
	// the first successful poll after each, oldest first.
	PollChanges(ctx context.Context, feeds []string, from, to time.Time) (map[string][2]int, []store.Poll, error)
}

// Searcher turns a search box's text into the terms the store looks for
// (the bilingual expansion of the `search` command).
type Searcher interface {
	SearchTerms(text string) []string
}

// SearcherFunc adapts a function to Searcher.
type SearcherFunc func(text string) []string

// SearchTerms calls f.
func (f SearcherFunc) SearchTerms(text string) []string { return f(text) }

// Digest is one weekly digest as it was sent to one channel.
type Digest struct {
	// Channel is the channel it was sent to.
	Channel string
	// Week is the ISO week ("2026-W06").
	Week string
	// Text is the digest as sent (plain text).
	Text string
	// Chart is the digest's chart image (empty for a week without
	// claims) and ChartType its media type (image/png, image/svg+xml).
	Chart     []byte
	ChartType string
	// SentAt is when it was delivered (zero while it waits in the outbox).
	SentAt time.Time
}

// DigestSource finds the digests sent for a week, one per channel; none
// (an empty list) makes the page a 404.
type DigestSource interface {
	Digests(ctx context.Context, week string) ([]Digest, error)
}

// Options configure the pages.
type Options struct {
	// Store is read by every page (required).
	Store Store
	// Access says who may read (required: with nothing configured every
	// page answers 401).
	Access Access
	// Engine, when set, analyses texts to highlight commitment sentences
	// and the concepts, people and places a claim shares with each item.
	Engine *match.Engine
	// Search expands the search box (nil: the words as typed).
	Search Searcher
	// Digests serves /digests/{week} (nil: 404 for every week).
	Digests DigestSource
	// Location is the newsroom's time zone (nil: UTC).
	Location *time.Location
	// Language is the newsroom language of labels: "en" or "es".
	Language string
	// Sides are the side IDs offered by the side filter.
	Sides []string
	// Feeds are the feed names the feed filter suggests (nil: the feeds
	// of the claims listed).
	Feeds []string
	// Weeks is how many weeks /claims and /feeds cover (default 8).
	Weeks int
	// PageSize is the number of claims per page of /claims (default 50).
	PageSize int
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Logger receives store errors (nil: discarded).
	Logger *slog.Logger
}

// Server serves the evidence pages.
type Server struct {
	opts  Options
	pages map[string]*template.Template
}

// New returns the pages' server.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("web: a store is required")
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Language != "es" {
		opts.Language = "en"
	}
	if opts.Weeks <= 0 {
		opts.Weeks = 8
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 50
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts, pages: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"when": s.when,
		"day":  s.day,
		"safeURL": func(raw string) string {
			if u, ok := SafeURL(raw); ok {
				return u
			}
			return ""
		},
		"label": s.label,
		"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"add":   func(a, b int) int { return a + b },
	}
	base, err := template.New("base.html").Funcs(funcs).ParseFS(templateFS, "templates/base.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse templates: %w", err)
	}
	for _, name := range []string{"claims", "claim", "feeds", "digest", "login", "error"} {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return s, nil
}

// Register mounts the pages on mux: /claims, /claims/{id}, /feeds,
// /digests/{week}, /login and /static/.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /claims", s.guard(s.claimsPage))
	mux.Handle("GET /claims/{id}", s.guard(s.claimPage))
	mux.Handle("GET /feeds", s.guard(s.feedsPage))
	mux.Handle("GET /digests/{week}", s.guard(s.digestPage))
	mux.Handle("GET /login", headers(http.HandlerFunc(s.loginForm)))
	mux.Handle("POST /login", headers(http.HandlerFunc(s.login)))
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", headers(http.StripPrefix("/static/", http.FileServerFS(static))))
}

// Handler returns the pages on a mux of their own, with / leading to
// /claims.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Register(mux)
	mux.Handle("GET /{$}", http.RedirectHandler("/claims", http.StatusSeeOther))
	return mux
}

// contentSecurityPolicy forbids every script (inline or not), plugins,
// framing and foreign styles: the pages need no JavaScript.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
	"base-uri 'none'; frame-ancestors 'none'"

// headers sets the security headers every answer carries.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		// A signed link's signature must not travel to the originals' sites.
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// guard lets a page answer only to a request with access.
func (s *Server) guard(page func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return headers(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch v, err := s.opts.Access.check(r, s.opts.Now()); v {
		case forbidden:
			s.fail(w, r, http.StatusForbidden, err.Error())
			return
		case needLogin:
			w.WriteHeader(http.StatusUnauthorized)
			s.render(w, r, "login", loginView{Title: "Sign in", Next: r.URL.RequestURI(), Enabled: s.opts.Access.Token != ""})
			return
		}
		if err := page(w, r); err != nil {
			var he httpError
			if errors.As(err, &he) {
				s.fail(w, r, he.status, he.msg)
				return
			}
			if errors.Is(err, store.ErrNotFound) {
				s.fail(w, r, http.StatusNotFound, "not found")
				return
			}
			s.opts.Logger.Error("web page failed", "path", r.URL.Path, "err", err)
			s.fail(w, r, http.StatusInternalServerError, "the store did not answer")
		}
	}))
}

// httpError is an answer other than 200 a page chooses.
type httpError struct {
	status int
	msg    string
}

func (e httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

type errorView struct {
	Title  string
	Status int
	Text   string
	Msg    string
}

// fail answers with an error page that shows nothing of the store.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	w.WriteHeader(status)
	s.render(w, r, "error", errorView{Title: http.StatusText(status), Status: status, Text: http.StatusText(status), Msg: msg})
}

// render executes a page template; the status is already written or 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages[name].ExecuteTemplate(w, "base.html", data); err != nil {
		s.opts.Logger.Error("web render failed", "page", name, "path", r.URL.Path, "err", err)
	}
}

// when formats a time in the newsroom's zone.
func (s *Server) when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(s.opts.Location).Format("Mon 2 Jan 2006 15:04 MST")
}

// day formats a date in the newsroom's zone.
func (s *Server) day(t time.Time) string {
	return t.In(s.opts.Location).Format("2 Jan")
}

// label is an id's words in the newsroom language.
func (s *Server) label(labels map[string]match.Label, id string) string {
	if l, ok := labels[id]; ok {
		if s.opts.Language == "es" && l.ES != "" {
			return l.ES
		}
		if l.EN != "" {
			return l.EN
		}
	}
	return strings.ReplaceAll(id, "_", " ")
}

// SafeURL returns raw when it is an absolute http(s) URL, the only links
// to originals a page shows.
func SafeURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

// ClaimPath is the stable path of a claim's page.
func ClaimPath(id int64) string { return fmt.Sprintf("/claims/%d", id) }

// DigestPath is the stable path of a week's digest page.
func DigestPath(week string) string { return "/digests/" + url.PathEscape(week) }
