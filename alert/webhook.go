package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Webhook headers. The signature is "sha256=" and the hex HMAC-SHA256,
// keyed with the channel's secret, of the timestamp header's value, a
// period and the raw body; a receiver recomputes it (VerifyWebhook) and
// rejects old timestamps to stop replays.
const (
	HeaderSignature = "X-Gapwatch-Signature"
	HeaderTimestamp = "X-Gapwatch-Timestamp"
	HeaderKey       = "X-Gapwatch-Key"
	HeaderEvent     = "X-Gapwatch-Event"
	// HeaderMessageID is read from the receiver's answer as the receipt.
	HeaderMessageID = "X-Message-Id"
)

// WebhookOptions configure a WebhookSink.
type WebhookOptions struct {
	// Name is the channel's name (the only thing errors and logs show).
	Name string
	// URL is where to POST (a secret: never shown).
	URL string
	// Secret keys the HMAC signature.
	Secret string
	// Client sends the requests (a client with a 30s timeout when nil).
	Client *http.Client
	// Now is the clock of the timestamp header (time.Now when nil).
	Now func() time.Time
}

// WebhookSink POSTs each message as a JSON document (WebhookDocument),
// signed with HMAC-SHA256.
type WebhookSink struct {
	opts WebhookOptions
}

// NewWebhookSink returns a webhook sink.
func NewWebhookSink(opts WebhookOptions) *WebhookSink {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &WebhookSink{opts: opts}
}

// WebhookDocument is the JSON body a webhook receives.
type WebhookDocument struct {
	Key         string          `json:"key"`
	Event       string          `json:"event"`
	Channel     string          `json:"channel"`
	Language    string          `json:"language"`
	Text        string          `json:"text"`
	At          time.Time       `json:"at"`
	ThreadRef   string          `json:"thread_ref,omitempty"`
	EvidenceURL string          `json:"evidence_url,omitempty"`
	Claim       *WebhookClaim   `json:"claim,omitempty"`
	Feed        *WebhookFeed    `json:"feed,omitempty"`
	Attachments []Attachment    `json:"attachments,omitempty"`
	Decision    json.RawMessage `json:"decision,omitempty"`
}

// WebhookClaim is a claim as a webhook receives it.
type WebhookClaim struct {
	ID         int64            `json:"id"`
	Feed       string           `json:"feed"`
	Side       string           `json:"side"`
	Title      string           `json:"title"`
	Link       string           `json:"link"`
	Published  time.Time        `json:"published"`
	Status     string           `json:"status"`
	Final      bool             `json:"final"`
	Deadline   time.Time        `json:"deadline"`
	Denied     bool             `json:"denied"`
	Importance int              `json:"importance"`
	Evidence   []WebhookItem    `json:"evidence,omitempty"`
	Resolution *WebhookResolved `json:"resolution,omitempty"`
}

// WebhookItem is an item of the other side considered for a claim.
type WebhookItem struct {
	Feed      string    `json:"feed"`
	Title     string    `json:"title"`
	Link      string    `json:"link"`
	Published time.Time `json:"published"`
}

// WebhookResolved is a newsroom's resolution of a claim.
type WebhookResolved struct {
	Kind   string    `json:"kind"`
	URL    string    `json:"url,omitempty"`
	Note   string    `json:"note,omitempty"`
	Reason string    `json:"reason,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// WebhookFeed is a feed alert's subject.
type WebhookFeed struct {
	Name   string    `json:"name"`
	Side   string    `json:"side"`
	Down   bool      `json:"down"`
	Since  time.Time `json:"since"`
	Reason string    `json:"reason"`
}

// Document returns the JSON document of a message.
func Document(m Message) WebhookDocument {
	doc := WebhookDocument{Key: m.Key, Event: m.Event, Channel: m.Channel.Name, Language: m.Language, Text: m.Text,
		At: m.At, ThreadRef: m.ThreadRef, EvidenceURL: m.EvidenceURL, Attachments: m.Attachments}
	if c := m.Claim; c != nil {
		wc := &WebhookClaim{ID: c.ID, Feed: c.Item.Feed, Side: c.Item.Side, Title: c.Item.Title, Link: c.Item.Link,
			Published: c.Item.Published, Status: StatusName(c.Decision), Final: c.Decision.Final,
			Deadline: c.Decision.Deadline, Denied: c.Decision.Denied, Importance: Importance(c.Decision)}
		for _, it := range c.Evidence {
			wc.Evidence = append(wc.Evidence, WebhookItem{Feed: it.Feed, Title: it.Title, Link: it.Link, Published: it.Published})
		}
		if r := c.Resolution; r != nil {
			wc.Resolution = &WebhookResolved{Kind: string(r.Kind), URL: r.URL, Note: r.Note, Reason: r.Reason, By: r.By, At: r.At}
		}
		doc.Claim = wc
		if b, err := json.Marshal(c.Decision); err == nil {
			doc.Decision = b
		}
	}
	if h := m.Feed; h != nil {
		doc.Feed = &WebhookFeed{Name: h.Feed.Name, Side: h.Feed.Side, Down: h.Down, Since: h.Since, Reason: h.Reason}
	}
	return doc
}

// Sign returns the signature header value of body sent at timestamp.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ErrBadSignature is returned by VerifyWebhook for a request whose
// signature or timestamp does not check out.
var ErrBadSignature = errors.New("bad webhook signature")

// VerifyWebhook checks a received webhook: the signature over timestamp
// and body, and a timestamp within tolerance of now. Receivers in Go can
// use it as is; others recompute Sign.
func VerifyWebhook(secret string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	ts := h.Get(HeaderTimestamp)
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: missing or malformed timestamp", ErrBadSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: timestamp outside the %s window", ErrBadSignature, tolerance)
	}
	if !hmac.Equal([]byte(h.Get(HeaderSignature)), []byte(Sign(secret, ts, body))) {
		return fmt.Errorf("%w: signature mismatch", ErrBadSignature)
	}
	return nil
}

// Send POSTs the message. 2xx is success (the receipt is the answer's
// X-Message-Id header, else the key); 429 is a rate limit honouring
// Retry-After; 408 and 5xx are retried; other statuses are permanent.
// Errors name the channel, never the URL or the secret.
func (w *WebhookSink) Send(ctx context.Context, m Message) (Receipt, error) {
	body, err := json.Marshal(Document(m))
	if err != nil {
		return Receipt{}, Permanent(fmt.Errorf("webhook %s: encode: %w", w.opts.Name, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.opts.URL, bytes.NewReader(body))
	if err != nil {
		// url's error quotes the URL: say only that it is invalid.
		return Receipt{}, Permanent(fmt.Errorf("webhook %s: invalid URL", w.opts.Name))
	}
	ts := strconv.FormatInt(w.opts.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "gapwatch-webhook/1")
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(w.opts.Secret, ts, body))
	req.Header.Set(HeaderKey, m.Key)
	req.Header.Set(HeaderEvent, m.Event)
	resp, err := w.opts.Client.Do(req)
	if err != nil {
		return Receipt{}, fmt.Errorf("webhook %s: %w", w.opts.Name, stripURL(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		ref := resp.Header.Get(HeaderMessageID)
		if ref == "" {
			ref = m.Key
		}
		return Receipt{Ref: ref}, nil
	case resp.StatusCode == http.StatusTooManyRequests:
		return Receipt{}, &RetryAfterError{After: retryAfter(resp.Header.Get("Retry-After"), w.opts.Now()),
			Err: fmt.Errorf("webhook %s: status 429", w.opts.Name)}
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode >= 500:
		return Receipt{}, fmt.Errorf("webhook %s: status %d", w.opts.Name, resp.StatusCode)
	default:
		return Receipt{}, Permanent(fmt.Errorf("webhook %s: status %d", w.opts.Name, resp.StatusCode))
	}
}

// stripURL drops the URL an *url.Error quotes, keeping the operation and
// the cause.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request: %w", ue.Op, ue.Err)
	}
	return err
}

// retryAfter reads a Retry-After header (seconds or an HTTP date); one
// minute when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return time.Minute
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return time.Second
	}
	return time.Minute
}
