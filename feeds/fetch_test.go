package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedNow is the clock of tests that read Retry-After dates.
var fixedNow = time.Date(2026, 3, 2, 15, 4, 5, 0, time.UTC)

const rssBody = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`

// requestLog records the headers of the requests a test server received.
type requestLog struct {
	mu   sync.Mutex
	reqs []http.Header
}

func (l *requestLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = append(l.reqs, r.Header.Clone())
}

func (l *requestLog) all() []http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]http.Header(nil), l.reqs...)
}

func TestFetchConditionalGET(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Mon, 02 Mar 2026 10:00:00 GMT"
	var log requestLog
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, rssBody)
	}))
	defer srv.Close()

	tests := []struct {
		name         string
		v            Validators
		wantNotMod   bool
		wantStatus   int
		wantINM      string
		wantIMS      string
		wantBody     string
		wantETag     string
		wantLastMod  string
		wantContType string
	}{
		{name: "first fetch", wantStatus: 200, wantBody: rssBody, wantETag: etag, wantLastMod: lastMod, wantContType: "application/rss+xml"},
		{name: "etag", v: Validators{ETag: etag}, wantNotMod: true, wantStatus: 304, wantINM: etag},
		{name: "last-modified", v: Validators{LastModified: lastMod}, wantNotMod: true, wantStatus: 304, wantIMS: lastMod},
		{name: "both", v: Validators{ETag: etag, LastModified: lastMod}, wantNotMod: true, wantStatus: 304, wantINM: etag, wantIMS: lastMod},
		{name: "stale etag", v: Validators{ETag: `"v0"`}, wantStatus: 200, wantINM: `"v0"`, wantBody: rssBody, wantETag: etag, wantLastMod: lastMod, wantContType: "application/rss+xml"},
	}
	f := NewFetcher(FetcherOptions{})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.Fetch(context.Background(), Source{Name: "f", URL: srv.URL + "/feed"}, tt.v)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			h := log.all()[i]
			if got := h.Get("If-None-Match"); got != tt.wantINM {
				t.Errorf("If-None-Match sent = %q, want %q", got, tt.wantINM)
			}
			if got := h.Get("If-Modified-Since"); got != tt.wantIMS {
				t.Errorf("If-Modified-Since sent = %q, want %q", got, tt.wantIMS)
			}
			if resp.NotModified != tt.wantNotMod || resp.Status != tt.wantStatus {
				t.Errorf("NotModified, Status = %v, %d; want %v, %d", resp.NotModified, resp.Status, tt.wantNotMod, tt.wantStatus)
			}
			if string(resp.Body) != tt.wantBody {
				t.Errorf("Body = %q, want %q", resp.Body, tt.wantBody)
			}
			if resp.ETag != tt.wantETag || resp.LastModified != tt.wantLastMod || resp.ContentType != tt.wantContType {
				t.Errorf("ETag, LastModified, ContentType = %q, %q, %q; want %q, %q, %q",
					resp.ETag, resp.LastModified, resp.ContentType, tt.wantETag, tt.wantLastMod, tt.wantContType)
			}
			if resp.FetchPath != FetchPathHTTP || resp.URL != srv.URL+"/feed" {
				t.Errorf("FetchPath, URL = %q, %q", resp.FetchPath, resp.URL)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), 2048))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 4 { // no Content-Length: the cap must hold while reading
			w.Write(bytes.Repeat([]byte("x"), 512))
			w.(http.Flusher).Flush()
		}
		w.Write([]byte("y"))
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), 1024))
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	})
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusFound)
	})
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			fmt.Fprint(w, rssBody)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/503", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", fixedNow.Add(90*time.Second).Format(http.TimeFormat))
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/503-bare", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/500-retry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120") // ignored outside 429/503
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name       string
		path       string
		url        string // overrides srv.URL+path
		maxBytes   int64
		timeout    time.Duration
		wantClass  ErrorClass
		wantStatus int
		wantRetry  time.Duration
	}{
		{name: "body over cap (Content-Length)", path: "/big", maxBytes: 1024, wantClass: ClassTooLarge},
		{name: "body over cap (chunked)", path: "/big-chunked", maxBytes: 1024, wantClass: ClassTooLarge},
		{name: "body at cap", path: "/exact", maxBytes: 1024},
		{name: "redirect loop", path: "/loop/a", wantClass: ClassRedirects},
		{name: "5 redirects followed", path: "/chain/5"},
		{name: "6 redirects refused", path: "/chain/6", wantClass: ClassRedirects},
		{name: "not found", path: "/404", wantClass: ClassStatus, wantStatus: 404},
		{name: "429 retry-after seconds", path: "/429", wantClass: ClassStatus, wantStatus: 429, wantRetry: 120 * time.Second},
		{name: "503 retry-after date", path: "/503", wantClass: ClassStatus, wantStatus: 503, wantRetry: 90 * time.Second},
		{name: "503 without retry-after", path: "/503-bare", wantClass: ClassStatus, wantStatus: 503},
		{name: "500 retry-after ignored", path: "/500-retry", wantClass: ClassStatus, wantStatus: 500},
		{name: "no answer", path: "/hang", timeout: 50 * time.Millisecond, wantClass: ClassTimeout},
		{name: "body stalls", path: "/slow-body", timeout: 50 * time.Millisecond, wantClass: ClassTimeout},
		{name: "connection refused", url: closedURL + "/feed", wantClass: ClassNetwork},
		{name: "unsupported scheme", url: "ftp://example.invalid/feed", wantClass: ClassNetwork},
	}
	f := NewFetcher(FetcherOptions{Now: func() time.Time { return fixedNow }})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = srv.URL + tt.path
			}
			src := Source{Name: "f", URL: u, MaxBytes: tt.maxBytes, Timeout: tt.timeout}
			resp, err := f.Fetch(context.Background(), src, Validators{})
			if tt.wantClass == "" {
				if err != nil {
					t.Fatalf("Fetch: %v", err)
				}
				if resp.Status != 200 || len(resp.Body) == 0 {
					t.Errorf("Status %d, %d bytes; want 200 and a body", resp.Status, len(resp.Body))
				}
				return
			}
			if resp != nil {
				t.Errorf("got a response with the error: %+v", resp)
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if fe.Class != tt.wantClass || fe.Status != tt.wantStatus || fe.RetryAfter != tt.wantRetry {
				t.Errorf("class, status, retry-after = %s, %d, %v; want %s, %d, %v (%v)",
					fe.Class, fe.Status, fe.RetryAfter, tt.wantClass, tt.wantStatus, tt.wantRetry, err)
			}
			if strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error text holds the URL: %v", err)
			}
		})
	}
}

func TestFetchGzip(t *testing.T) {
	var log requestLog
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			fmt.Fprint(w, "plain")
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, rssBody)
		zw.Close()
	}))
	defer srv.Close()

	tests := []struct {
		name    string
		headers map[string]string
	}{
		{name: "transport asks for gzip"},
		{name: "configured Accept-Encoding left to the transport", headers: map[string]string{"accept-encoding": "gzip"}},
	}
	f := NewFetcher(FetcherOptions{})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := f.Fetch(context.Background(), Source{Name: "f", URL: srv.URL, Headers: tt.headers}, Validators{})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if got := log.all()[i].Get("Accept-Encoding"); got != "gzip" {
				t.Errorf("Accept-Encoding sent = %q, want gzip", got)
			}
			if string(resp.Body) != rssBody {
				t.Errorf("Body = %q, want the decompressed feed", resp.Body)
			}
		})
	}
}

func TestFetchHeadersAndRedirect(t *testing.T) {
	var log requestLog
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		fmt.Fprint(w, rssBody)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name       string
		fetcher    FetcherOptions
		src        Source
		wantUA     string
		wantHeader [2]string
		wantAccept string
	}{
		{
			name:       "default user agent",
			fetcher:    FetcherOptions{Version: "1.2.3"},
			src:        Source{Name: "f"},
			wantUA:     "gapwatch/1.2.3 (+https://github.com/gapwatch/gapwatch)",
			wantAccept: "application/rss+xml",
		},
		{
			name:       "source user agent and headers",
			src:        Source{Name: "f", UserAgent: "Mozilla/5.0 test", Headers: map[string]string{"X-Api-Key": "k-123"}},
			wantUA:     "Mozilla/5.0 test",
			wantHeader: [2]string{"X-Api-Key", "k-123"},
			wantAccept: "application/rss+xml",
		},
		{
			name:       "html source asks for html",
			src:        Source{Name: "f", Type: TypeHTML},
			wantUA:     "gapwatch/dev (+https://github.com/gapwatch/gapwatch)",
			wantAccept: "text/html",
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.src.URL = srv.URL + "/old"
			resp, err := NewFetcher(tt.fetcher).Fetch(context.Background(), tt.src, Validators{})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if resp.URL != srv.URL+"/new" {
				t.Errorf("final URL = %q, want %q", resp.URL, srv.URL+"/new")
			}
			h := log.all()[i]
			if got := h.Get("User-Agent"); got != tt.wantUA {
				t.Errorf("User-Agent = %q, want %q", got, tt.wantUA)
			}
			if k := tt.wantHeader[0]; k != "" && h.Get(k) != tt.wantHeader[1] {
				t.Errorf("%s = %q, want %q", k, h.Get(k), tt.wantHeader[1])
			}
			if got := h.Get("Accept"); !strings.HasPrefix(got, tt.wantAccept) {
				t.Errorf("Accept = %q, want it to start with %q", got, tt.wantAccept)
			}
		})
	}
}

func TestFetchErrorsHoldNoSecrets(t *testing.T) {
	const secret = "s3cr3t-token-value"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "denied "+secret, http.StatusForbidden)
	}))
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	f := NewFetcher(FetcherOptions{})
	for _, u := range []string{srv.URL + "/feed?token=" + secret, closed.URL + "/feed?token=" + secret} {
		src := Source{Name: "f", URL: u, Headers: map[string]string{"Authorization": "Bearer " + secret}}
		_, err := f.Fetch(context.Background(), src, Validators{})
		if err == nil {
			t.Fatalf("Fetch(%s): no error", u)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error text leaks the secret: %v", err)
		}
	}
}

func TestFetchFile(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(feed, []byte(rssBody), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), 2048), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name      string
		url       string
		maxBytes  int64
		wantClass ErrorClass
	}{
		{name: "plain path", url: feed},
		{name: "file URL", url: "file://" + feed},
		{name: "file URL with localhost", url: "file://localhost" + feed},
		{name: "missing file", url: filepath.Join(dir, "nope.xml"), wantClass: ClassFile},
		{name: "missing file URL", url: "file://" + filepath.Join(dir, "nope.xml"), wantClass: ClassFile},
		{name: "directory", url: dir, wantClass: ClassFile},
		{name: "remote host file URL", url: "file://example.org/feed.xml", wantClass: ClassFile},
		{name: "file over cap", url: big, maxBytes: 1024, wantClass: ClassTooLarge},
	}
	f := NewFetcher(FetcherOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Validators do not apply to files: the content always comes back.
			resp, err := f.Fetch(context.Background(), Source{Name: "f", URL: tt.url, MaxBytes: tt.maxBytes},
				Validators{ETag: `"x"`, LastModified: "Mon, 02 Mar 2026 10:00:00 GMT"})
			if tt.wantClass != "" {
				if got := ClassOf(err); got != tt.wantClass {
					t.Fatalf("class = %q, want %q (err %v)", got, tt.wantClass, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if resp.NotModified || string(resp.Body) != rssBody || resp.FetchPath != FetchPathFile || resp.Status != 0 {
				t.Errorf("got NotModified=%v Body=%q FetchPath=%q Status=%d", resp.NotModified, resp.Body, resp.FetchPath, resp.Status)
			}
		})
	}
}

func TestFetchCancelledIsNotClassified(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	f := NewFetcher(FetcherOptions{})
	done := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx, Source{Name: "f", URL: srv.URL}, Validators{})
		done <- err
	}()
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var fe *Error
	if errors.As(err, &fe) {
		t.Errorf("a cancelled fetch was classified as %s", fe.Class)
	}
}

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"30", 30 * time.Second},
		{" 3600 ", time.Hour},
		{fixedNow.Add(2 * time.Minute).Format(http.TimeFormat), 2 * time.Minute},
		{fixedNow.Add(-time.Minute).Format(http.TimeFormat), 0},
		{fixedNow.Add(time.Hour).Format(time.RFC850), time.Hour},
		{"soon", 0},
		{"99999999999999999999", 0}, // not an int64: not a date either
	}
	for _, tt := range tests {
		if got := ParseRetryAfter(tt.in, fixedNow); got != tt.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
