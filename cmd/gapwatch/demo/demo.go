// Package demo holds the bundled feeds of `gapwatch demo`: an SRE-style HTML
// press list, a State-style WordPress RSS feed and a CBP-style Drupal RSS
// feed, written for the project (invented events, February 2026), served
// from an in-process loopback HTTP server so that the real fetch, parse and
// store code runs offline. README.md lists each story and the verdict it is
// meant to produce.
package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// files holds the served documents. Links inside them are written as
// {{base}} and replaced with the server's URL when served.
//
//go:embed feeds
var files embed.FS

// basePlaceholder stands for the server's URL in the embedded files.
const basePlaceholder = "{{base}}"

// Paths of the three feeds on the demo server.
const (
	SREPath   = "/sre/archivo/prensa?idiom=es&order=DESC&page=1"
	StatePath = "/state/rss-feed/press-releases/feed/"
	CBPPath   = "/cbp/rss/newsroom/media-releases"
)

// Side is one government of the demo.
type Side struct {
	ID       string
	Name     string
	Language string
	TimeZone string
}

// Sides returns the demo's two sides, as the built-in config names them.
func Sides() []Side {
	return []Side{
		{ID: "mx", Name: "Mexico", Language: "es", TimeZone: "America/Mexico_City"},
		{ID: "us", Name: "United States", Language: "en"},
	}
}

// Feed describes one demo feed; cmd maps it onto feeds.Source.
type Feed struct {
	Name     string
	Side     string
	URL      string
	Type     string // "rss" or "html"
	Language string
	HTML     *HTML // selectors of the html feed; nil for rss
}

// HTML holds the CSS selectors of the demo's SRE-style press list.
type HTML struct {
	Item       string
	Title      string
	Link       string
	Date       string
	DateAttr   string
	DateFormat string
	TimeZone   string
	Summary    string // the listing has no teaser: empty
	Next       string
	MaxPages   int
	Body       string
	// BodyInterval is the pause between item page fetches: none on loopback.
	BodyInterval time.Duration
}

// Sources describes the demo feeds served at baseURL (a Server's URL).
func Sources(baseURL string) []Feed {
	base := strings.TrimSuffix(baseURL, "/")
	return []Feed{
		{
			Name: "sre", Side: "mx", URL: base + SREPath, Type: "html", Language: "es",
			HTML: &HTML{
				Item:       "article",
				Title:      "h2",
				Link:       "a.small-link",
				Date:       "time",
				DateAttr:   "datetime",
				DateFormat: "2006-01-02 15:04:05",
				TimeZone:   "America/Mexico_City",
				Next:       `ul.pagination li.next a`,
				MaxPages:   3,
				Body:       "div.article-body",
			},
		},
		{Name: "state", Side: "us", URL: base + StatePath, Type: "rss", Language: "en"},
		{Name: "cbp", Side: "us", URL: base + CBPPath, Type: "rss", Language: "en"},
	}
}

// Server serves the demo feeds on a loopback address.
type Server struct {
	url      string
	srv      *http.Server
	edits    atomic.Bool
	requests atomic.Int64
	done     chan struct{} // closed when Close starts
	stopped  chan struct{} // closed when the listener is closed
	close    sync.Once
	closeErr error
}

// modTime is the Last-Modified of every demo document: the demo is a
// snapshot of February 2026.
var modTime = time.Date(2026, time.February, 21, 18, 0, 0, 0, time.UTC)

// Serve starts the demo server on 127.0.0.1 at a free port. It stops when
// ctx ends or Close is called.
func Serve(ctx context.Context) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo server: listen: %w", err)
	}
	s := &Server{url: "http://" + ln.Addr().String(), done: make(chan struct{}), stopped: make(chan struct{})}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

// URL returns the server's base URL, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return s.url }

// Close stops the server; in-flight requests are cut off.
func (s *Server) Close() error {
	s.close.Do(func() {
		close(s.done)
		s.closeErr = s.srv.Close()
		close(s.stopped)
	})
	return s.closeErr
}

// PublishEdits switches the SRE press list to its edited edition: one
// release (the arms-trafficking meeting) gets a new headline and text, as
// gob.mx does when it updates a release. A later poll stores a revision.
func (s *Server) PublishEdits() { s.edits.Store(true) }

// Requests returns how many requests the server has answered.
func (s *Server) Requests() int64 { return s.requests.Load() }

// ServeHTTP answers GET and HEAD for the embedded documents.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ctype, ok := route(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, err := s.document(name)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body = bytes.ReplaceAll(body, []byte(basePlaceholder), []byte(s.url))
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// document returns an embedded file, or its edited edition once
// PublishEdits was called.
func (s *Server) document(name string) ([]byte, error) {
	if s.edits.Load() {
		if b, err := files.ReadFile(path.Join("feeds/edits", name)); err == nil {
			return b, nil
		}
	}
	return files.ReadFile(path.Join("feeds", name))
}

// Content types, as the real publishers send them.
const (
	htmlType   = "text/html; charset=UTF-8"
	wpRSSType  = "application/rss+xml; charset=UTF-8"
	drupalType = "application/rss+xml; charset=utf-8"
)

// route maps a request to an embedded file and its content type.
func route(r *http.Request) (name, ctype string, ok bool) {
	p := r.URL.Path
	switch {
	case p == "/sre/archivo/prensa":
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "1"
		}
		n, err := strconv.Atoi(page)
		if err != nil || n < 1 {
			return "", "", false
		}
		return fmt.Sprintf("sre/prensa-page-%d.html", n), htmlType, true
	case strings.HasPrefix(p, "/sre/prensa/"):
		return "sre/prensa/" + slug(strings.TrimPrefix(p, "/sre/prensa/")) + ".html", htmlType, true
	case p == StatePath:
		return "state/feed.xml", wpRSSType, true
	case strings.HasPrefix(p, "/state/releases/"):
		return "state/releases/" + slug(strings.TrimPrefix(p, "/state/releases/")) + ".html", htmlType, true
	case p == CBPPath:
		return "cbp/media-releases.xml", drupalType, true
	case strings.HasPrefix(p, "/cbp/newsroom/"):
		// /cbp/newsroom/{local,national,spanish}-media-release/SLUG
		kind, rest, _ := strings.Cut(strings.TrimPrefix(p, "/cbp/newsroom/"), "/")
		if !strings.HasSuffix(kind, "-media-release") {
			return "", "", false
		}
		return "cbp/newsroom/" + slug(rest) + ".html", htmlType, true
	}
	return "", "", false
}

// slug keeps a path segment safe to join: lower-case letters, digits and
// dashes only; anything else yields a name that does not exist.
func slug(s string) string {
	s = strings.TrimSuffix(s, "/")
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "-invalid-"
		}
	}
	if s == "" {
		return "-invalid-"
	}
	return s
}
