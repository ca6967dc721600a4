package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Fetcher defaults.
const (
	// DefaultTimeout bounds one request when neither the source nor the
	// options set a timeout.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBytes caps a response body (10 MiB).
	DefaultMaxBytes int64 = 10 << 20
	// DefaultMaxRedirects is how many redirects one fetch follows.
	DefaultMaxRedirects = 5
)

// Fetch paths, as store.Poll.FetchPath records them.
const (
	FetchPathHTTP = "http"
	FetchPathFile = "file"
)

// FetcherOptions configures a Fetcher; zero fields take the defaults.
type FetcherOptions struct {
	// Version goes into the default User-Agent ("dev" when empty).
	Version string
	// UserAgent replaces the default User-Agent
	// "gapwatch/<version> (+https://github.com/gapwatch/gapwatch)".
	UserAgent string
	// Timeout bounds one request (DefaultTimeout when zero).
	Timeout time.Duration
	// MaxBytes caps a response body (DefaultMaxBytes when zero).
	MaxBytes int64
	// MaxRedirects caps the redirects followed (DefaultMaxRedirects when
	// zero; negative follows none).
	MaxRedirects int
	// Transport is the shared round tripper; nil clones
	// http.DefaultTransport with more idle connections per host.
	Transport http.RoundTripper
	// Now is the clock used to read Retry-After dates (time.Now when nil).
	Now func() time.Time
}

// Validators are the conditional-GET validators stored from a feed's last
// 200 response and sent back on the next request.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is the outcome of one successful fetch.
type Response struct {
	// URL is the final URL after redirects (the path for file fetches).
	URL string
	// Status is the HTTP status (0 for files).
	Status int
	// NotModified reports a 304 answer; Body is then empty.
	NotModified bool
	// Body is the response body, complete (never truncated).
	Body []byte
	// ContentType is the Content-Type header (guessed from the extension
	// for files).
	ContentType string
	// ETag and LastModified are the response's validators.
	ETag         string
	LastModified string
	// FetchPath is FetchPathHTTP or FetchPathFile.
	FetchPath string
}

// Fetcher gets feed documents over HTTP(S) or from local files with
// conditional GET, a body cap, a redirect cap and classified errors. It is
// safe for concurrent use and shares one transport across all feeds.
type Fetcher struct {
	userAgent    string
	timeout      time.Duration
	maxBytes     int64
	maxRedirects int
	client       *http.Client
	now          func() time.Time
}

// NewFetcher returns a Fetcher with opts' defaults applied.
func NewFetcher(opts FetcherOptions) *Fetcher {
	f := &Fetcher{
		userAgent:    opts.UserAgent,
		timeout:      opts.Timeout,
		maxBytes:     opts.MaxBytes,
		maxRedirects: opts.MaxRedirects,
		now:          opts.Now,
	}
	if f.userAgent == "" {
		v := opts.Version
		if v == "" {
			v = "dev"
		}
		f.userAgent = "gapwatch/" + v + " (+https://github.com/gapwatch/gapwatch)"
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	if f.maxRedirects == 0 {
		f.maxRedirects = DefaultMaxRedirects
	}
	if f.maxRedirects < 0 {
		f.maxRedirects = 0
	}
	if f.now == nil {
		f.now = time.Now
	}
	rt := opts.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Many feeds live on a few hosts (state.gov, cbp.gov, gob.mx):
		// keep enough idle connections to reuse them across a cycle.
		t.MaxIdleConns = 256
		t.MaxIdleConnsPerHost = 16
		rt = t
	}
	f.client = &http.Client{
		Transport:     rt,
		CheckRedirect: f.checkRedirect,
	}
	return f
}

// checkRedirect caps redirects and stops a loop at its first repeat.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			return &Error{Class: ClassRedirects, Err: errors.New("redirect loop")}
		}
	}
	if len(via) > f.maxRedirects {
		return &Error{Class: ClassRedirects, Err: fmt.Errorf("stopped after %d redirects", f.maxRedirects)}
	}
	return nil
}

// Fetch gets src.URL. http(s) URLs are fetched with v as conditional-GET
// validators; file:// URLs and plain paths are read from disk (validators
// do not apply). Every failure is an *Error with its class; a 429 or 503
// carries the server's Retry-After. Error texts never hold the URL or
// header values, which may carry secrets.
func (f *Fetcher) Fetch(ctx context.Context, src Source, v Validators) (*Response, error) {
	u, err := url.Parse(src.URL)
	if err != nil || u.Scheme == "" || isDriveLetter(u.Scheme) {
		return f.fetchFile(ctx, src, src.URL)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return f.fetchHTTP(ctx, src, v)
	case "file":
		p := u.Path
		if u.Opaque != "" { // file:relative/path
			p = u.Opaque
		}
		if u.Host != "" && u.Host != "localhost" {
			return nil, &Error{Class: ClassFile, Err: fmt.Errorf("file URL with remote host %q", u.Host)}
		}
		return f.fetchFile(ctx, src, p)
	default:
		return nil, &Error{Class: ClassNetwork, Err: fmt.Errorf("unsupported URL scheme %q", u.Scheme)}
	}
}

// isDriveLetter reports a Windows path such as C:\feeds\x.xml parsed as a scheme.
func isDriveLetter(scheme string) bool {
	return len(scheme) == 1
}

// fetchFile reads a local feed file under the same body cap as HTTP.
func (f *Fetcher) fetchFile(ctx context.Context, src Source, path string) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := f.limit(src)
	fh, err := os.Open(path)
	if err != nil {
		return nil, &Error{Class: ClassFile, Err: fmt.Errorf("open feed file: %w", err)}
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil {
		if st.IsDir() {
			return nil, &Error{Class: ClassFile, Err: fmt.Errorf("feed file %s is a directory", filepath.Base(path))}
		}
		if st.Size() > limit {
			return nil, tooLarge(limit)
		}
	}
	body, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, &Error{Class: ClassFile, Err: fmt.Errorf("read feed file: %w", err)}
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	return &Response{
		URL:         path,
		Body:        body,
		ContentType: mime.TypeByExtension(filepath.Ext(path)),
		FetchPath:   FetchPathFile,
	}, nil
}

// limit returns the body cap for src.
func (f *Fetcher) limit(src Source) int64 {
	if src.MaxBytes > 0 {
		return src.MaxBytes
	}
	return f.maxBytes
}

// tooLarge is the error of a body over limit bytes.
func tooLarge(limit int64) error {
	return &Error{Class: ClassTooLarge, Err: fmt.Errorf("body larger than %d bytes", limit)}
}

// acceptFor is the Accept header sent for a source kind.
func acceptFor(kind string) string {
	if kind == TypeHTML {
		return "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
	}
	return "application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9," +
		"application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8"
}

// fetchHTTP performs one conditional GET.
func (f *Fetcher) fetchHTTP(ctx context.Context, src Source, v Validators) (*Response, error) {
	timeout := src.Timeout
	if timeout <= 0 {
		timeout = f.timeout
	}
	rctx, cancel := context.WithTimeoutCause(ctx, timeout, errRequestTimeout)
	defer cancel()

	req, err := http.NewRequestWithContext(rctx, http.MethodGet, src.URL, nil)
	if err != nil {
		return nil, &Error{Class: ClassNetwork, Err: errors.New("invalid request URL")}
	}
	ua := src.UserAgent
	if ua == "" {
		ua = f.userAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", acceptFor(src.Kind()))
	for k, val := range src.Headers {
		// Leaving Accept-Encoding to the transport keeps gzip transparent:
		// it asks for gzip and decompresses only when it set the header.
		if http.CanonicalHeaderKey(k) == "Accept-Encoding" {
			continue
		}
		req.Header.Set(k, val)
	}
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	resp, err := f.client.Do(req)
	if err != nil {
		return nil, classifyTransport(ctx, rctx, err)
	}
	defer resp.Body.Close()

	res := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FetchPath:    FetchPathHTTP,
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		return res, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		e := &Error{Class: ClassStatus, Status: resp.StatusCode, Err: fmt.Errorf("unexpected status %q", resp.Status)}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			e.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), f.now())
		}
		return nil, e
	}

	limit := f.limit(src)
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, classifyTransport(ctx, rctx, fmt.Errorf("read body: %w", err))
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	res.Body = body
	return res, nil
}

// errRequestTimeout is the cause of a request context that ran out of time.
var errRequestTimeout = errors.New("request timed out")

// classifyTransport turns a client or body-read error into an *Error,
// dropping the request URL that *url.Error would print. A cancellation of
// the caller's ctx is returned as the context's error, unclassified, so
// the poller can tell a shutdown from a failing feed.
func classifyTransport(ctx, rctx context.Context, err error) error {
	var ce *Error
	if errors.As(err, &ce) { // from checkRedirect
		return ce
	}
	if ctx.Err() != nil {
		return fmt.Errorf("fetch cancelled: %w", ctx.Err())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = fmt.Errorf("%s: %w", strings.ToLower(ue.Op), ue.Err)
	}
	if errors.Is(context.Cause(rctx), errRequestTimeout) {
		return &Error{Class: ClassTimeout, Err: err}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &Error{Class: ClassTimeout, Err: err}
	}
	return &Error{Class: ClassNetwork, Err: err}
}

// ParseRetryAfter reads a Retry-After header value, either delay-seconds or
// an HTTP date, as a delay from now; an empty, invalid or past value is 0.
func ParseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		const maxSecs = int64(1<<63-1) / int64(time.Second)
		if secs > maxSecs {
			secs = maxSecs
		}
		return time.Duration(secs) * time.Second
	}
	t, err := http.ParseTime(value)
	if err != nil {
		return 0
	}
	if d := t.Sub(now); d > 0 {
		return d
	}
	return 0
}
