package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/web"
)

// newWebPages builds the evidence pages for cfg over st: the engine marks
// commitments and shared concepts, the bot's bilingual expansion serves
// the search box, and access follows cfg.Web.
func newWebPages(cfg *config.Config, st store.Store, log *slog.Logger, now func() time.Time) (*web.Server, error) {
	eng, err := newEngine(cfg)
	if err != nil {
		return nil, err
	}
	var sides []string
	for _, s := range cfg.Sides {
		sides = append(sides, s.ID)
	}
	var feedNames []string
	for _, f := range cfg.Feeds {
		feedNames = append(feedNames, f.Name)
	}
	b, err := bot.New(bot.Options{Queries: st, Actions: st, Lexicon: eng.Lexicon(), Language: cfg.Engine.Language,
		Sides: sides, Now: now, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("evidence pages: search: %w", err)
	}
	if now == nil {
		now = time.Now
	}
	return web.New(web.Options{
		Store:    st,
		Digests:  sentDigests{st: st, chans: digestChannelNames(cfg)},
		Engine:   eng,
		Search:   web.SearcherFunc(func(text string) []string { return b.Expand(text).Terms }),
		Location: cfg.Location(),
		Language: cfg.Engine.Language,
		Sides:    sides,
		Feeds:    feedNames,
		Now:      now,
		Logger:   log,
		Access: web.Access{
			Signer:          web.NewSigner(cfg.Web.LinkSecret.Reveal(), cfg.Web.Lifetime(), now),
			Token:           cfg.Web.Token.Reveal(),
			ProxyUserHeader: cfg.Web.ProxyUserHeader,
			TrustedProxies:  cfg.Web.Prefixes(),
			SecureCookies:   strings.HasPrefix(cfg.PublicURL, "https://"),
		},
	})
}

// digestChannelNames are the configured channels that asked for a digest.
func digestChannelNames(cfg *config.Config) []string {
	var out []string
	for _, ch := range cfg.Channels {
		if ch.Digest != nil {
			out = append(out, ch.Name)
		}
	}
	return out
}

// sentDigests finds a week's digests as the outbox holds them, one per
// channel that asked for a digest (the payload digest.Message wrote).
type sentDigests struct {
	st    store.Store
	chans []string
}

// Digests returns the digests sent (or waiting to be) for week.
func (d sentDigests) Digests(ctx context.Context, week string) ([]web.Digest, error) {
	w, err := digest.ParseWeek(week)
	if err != nil {
		return nil, nil
	}
	var out []web.Digest
	for _, ch := range d.chans {
		m, err := d.st.OutboxByKey(ctx, digest.Key(ch, w))
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("digest of %s: %w", ch, err)
		}
		var p struct {
			Text        string             `json:"text"`
			Attachments []alert.Attachment `json:"attachments"`
		}
		if err := json.Unmarshal(m.Payload, &p); err != nil {
			return nil, fmt.Errorf("digest of %s: %w", ch, err)
		}
		dg := web.Digest{Channel: ch, Week: w.String(), Text: p.Text, SentAt: m.SentAt}
		for _, a := range p.Attachments {
			if a.ContentType == "image/png" {
				dg.Chart, dg.ChartType = a.Data, a.ContentType
				break
			}
		}
		out = append(out, dg)
	}
	return out, nil
}

// mountWeb adds the evidence pages to the service's mux; a failure to
// build them is logged and leaves the rest of the service up.
func (a *App) mountWeb(mux *http.ServeMux) {
	pages, err := newWebPages(a.cfg, a.store, a.log, a.opts.now)
	if err != nil {
		a.log.Error("evidence pages not served", "err", err)
		return
	}
	pages.Register(mux)
}

// evidenceLinks gives alerts the link of a claim's evidence page under
// cfg.PublicURL, signed when a link secret is set (a click from chat opens
// the page with no login); nil without a public URL.
func evidenceLinks(cfg *config.Config, now func() time.Time) func(int64) string {
	if cfg.PublicURL == "" {
		return nil
	}
	base := strings.TrimSuffix(cfg.PublicURL, "/")
	signer := web.NewSigner(cfg.Web.LinkSecret.Reveal(), cfg.Web.Lifetime(), now)
	return func(id int64) string {
		if signer == nil {
			return base + web.ClaimPath(id)
		}
		return base + signer.Sign(web.ClaimPath(id))
	}
}

// demoPages serves the evidence pages of a demo run on loopback.
type demoPages struct {
	srv    *http.Server
	ln     net.Listener
	base   string
	signer *web.Signer
}

// startDemoPages listens on a free loopback port and points cfg's public
// URL and link secret at it (the secret from $GAPWATCH_LINK_SECRET, else
// random), so that the alerts the demo prints carry signed links. The
// pages are served from the same store by serve.
func startDemoPages(e *env, cfg *config.Config, now func() time.Time) (*demoPages, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("evidence pages: %w", err)
	}
	secret := e.getenv(config.EnvLinkSecret)
	if len(secret) < config.MinLinkSecret {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			ln.Close()
			return nil, fmt.Errorf("evidence pages: link secret: %w", err)
		}
		secret = hex.EncodeToString(b)
	}
	token := make([]byte, 12)
	if _, err := rand.Read(token); err != nil {
		ln.Close()
		return nil, fmt.Errorf("evidence pages: token: %w", err)
	}
	cfg.Web.LinkSecret = config.Secret(secret)
	cfg.Web.Token = config.Secret(hex.EncodeToString(token))
	p := &demoPages{ln: ln, base: "http://" + ln.Addr().String()}
	cfg.PublicURL = p.base
	p.signer = web.NewSigner(secret, cfg.Web.Lifetime(), now)
	return p, nil
}

// serve shows the pages until ctx ends (Ctrl-C): it prints the address and
// a signed link to each claim's page, then blocks.
func (p *demoPages) serve(ctx context.Context, out io.Writer, cfg *config.Config, st store.Store, log *slog.Logger, now func() time.Time) error {
	pages, err := newWebPages(cfg, st, log, now)
	if err != nil {
		p.ln.Close()
		return err
	}
	p.srv = &http.Server{Handler: pages.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- p.srv.Serve(p.ln) }()
	claims, err := st.Claims(ctx, store.ClaimQuery{})
	if err != nil {
		p.srv.Close()
		return fmt.Errorf("read claims: %w", err)
	}
	fmt.Fprintf(out, "\nEvidence pages on %s (press Ctrl-C to stop). Signed links, valid %s:\n", p.base, cfg.Web.Lifetime())
	for i := len(claims) - 1; i >= 0; i-- {
		c := claims[i]
		fmt.Fprintf(out, "  claim %-3d %-11s %s%s\n", c.ID, c.Decision.Status, p.base, p.signer.Sign(web.ClaimPath(c.ID)))
	}
	fmt.Fprintf(out, "  all claims: %s%s\n", p.base, p.signer.Sign("/claims"))
	fmt.Fprintf(out, "  feeds:      %s%s\n", p.base, p.signer.Sign("/feeds"))
	fmt.Fprintf(out, "  or sign in at %s/login with the demo's newsroom token %s to browse every page\n", p.base, cfg.Web.Token.Reveal())
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("evidence pages: %w", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("evidence pages: %w", err)
	}
	return nil
}

// close releases the listener of pages that were never served.
func (p *demoPages) close() {
	if p != nil && p.srv == nil {
		p.ln.Close()
	}
}
