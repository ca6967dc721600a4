package discordbot

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// discordHosts are the hosts whose requests the rewriting transport sends
// to the configured base.
var discordHosts = map[string]bool{
	"discord.com": true, "discordapp.com": true, "canary.discord.com": true, "ptb.discord.com": true,
}

// rewriteTransport sends requests for discord.com to base instead:
// scheme and host are replaced and base's path is put in front of the
// request's path. Requests to other hosts pass unchanged.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip rewrites and forwards one request.
func (t *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if !discordHosts[strings.ToLower(r.URL.Hostname())] {
		return t.next.RoundTrip(r)
	}
	out := r.Clone(r.Context())
	u := *r.URL
	u.Scheme = t.base.Scheme
	u.Host = t.base.Host
	if p := strings.TrimRight(t.base.Path, "/"); p != "" {
		u.Path = p + u.Path
		if u.RawPath != "" {
			u.RawPath = p + u.RawPath
		}
	}
	out.URL = &u
	out.Host = u.Host
	return t.next.RoundTrip(out)
}

// RewriteTransport returns a RoundTripper that sends discord.com requests
// to base (for example "http://127.0.0.1:8081" or
// "https://discord-proxy.internal/prefix") through next (nil:
// http.DefaultTransport), and every other request unchanged.
func RewriteTransport(base string, next http.RoundTripper) (http.RoundTripper, error) {
	if next == nil {
		next = http.DefaultTransport
	}
	if base == "" {
		return next, nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, errors.New("discord api url: not an http(s) base URL")
	}
	return &rewriteTransport{base: u, next: next}, nil
}

// SessionOptions configure NewSession.
type SessionOptions struct {
	// Token is the bot token, without the "Bot " prefix ("" for a session
	// that only answers interactions through their own tokens).
	Token string
	// APIURL replaces https://discord.com in every REST call ("" keeps it).
	APIURL string
	// Transport carries the requests (nil: http.DefaultTransport).
	Transport http.RoundTripper
	// Timeout bounds one REST call (default 20s).
	Timeout time.Duration
}

// NewSession returns a discordgo session whose REST calls go through the
// rewriting transport. The gateway, when the session is opened, is the
// URL the REST API's /gateway answers, so it follows the base too.
func NewSession(o SessionOptions) (*discordgo.Session, error) {
	token := strings.TrimSpace(o.Token)
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	rt, err := RewriteTransport(o.APIURL, o.Transport)
	if err != nil {
		return nil, err
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	s.Client = &http.Client{Timeout: o.Timeout, Transport: rt}
	s.UserAgent = "gapwatch (https://github.com/gapwatch/gapwatch)"
	// Interactions need no privileged intent; guilds is the least the
	// gateway accepts usefully.
	s.Identify.Intents = discordgo.IntentsGuilds
	s.StateEnabled = false
	s.LogLevel = discordgo.LogError
	return s, nil
}
