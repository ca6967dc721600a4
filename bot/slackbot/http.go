package slackbot

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Paths of the HTTP endpoints, as configured in the Slack app.
const (
	PathCommands     = "/slack/commands"
	PathInteractions = "/slack/interactions"
	PathEvents       = "/slack/events"
)

// replayWindow is how long a request's signature is remembered: Slack's
// timestamp may be up to five minutes off either way, so a signature
// stays acceptable for ten.
const replayWindow = 10 * time.Minute

// Register adds the three endpoints to mux (POST only).
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST "+PathCommands, h.serveCommands)
	mux.HandleFunc("POST "+PathInteractions, h.serveInteractions)
	mux.HandleFunc("POST "+PathEvents, h.serveEvents)
}

// verify checks a request's signature and timestamp before anything else
// reads it, rejects a replay of a signature already accepted, and returns
// the body. A failure is answered (401, or 413 for a body over MaxBody)
// and logged with its reason only: never the secret, the signature or
// the body.
func (h *Handler) verify(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if h.opts.SigningSecret == "" {
		h.reject(w, r, http.StatusUnauthorized, "no signing secret configured")
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, h.opts.SigningSecret)
	if err != nil {
		reason := "malformed signature headers"
		switch {
		case errors.Is(err, slack.ErrMissingHeaders):
			reason = "missing signature headers"
		case errors.Is(err, slack.ErrExpiredTimestamp):
			reason = "timestamp outside the 5-minute window"
		case errors.Is(err, slack.ErrInvalidSignature):
			reason = "bad signature"
		}
		h.reject(w, r, http.StatusUnauthorized, reason)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.reject(w, r, http.StatusRequestEntityTooLarge, "body too large")
			return nil, false
		}
		h.reject(w, r, http.StatusBadRequest, "body not read")
		return nil, false
	}
	if _, err := sv.Write(body); err != nil {
		h.reject(w, r, http.StatusUnauthorized, "bad signature")
		return nil, false
	}
	if err := sv.Ensure(); err != nil {
		h.reject(w, r, http.StatusUnauthorized, "bad signature")
		return nil, false
	}
	if h.replay.seen(r.Header.Get("X-Slack-Signature"), h.opts.Now()) {
		h.reject(w, r, http.StatusUnauthorized, "replayed request")
		return nil, false
	}
	return body, true
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request, status int, reason string) {
	h.log.Warn("slack: request rejected", "path", r.URL.Path, "status", status, "reason", reason, "remote", r.RemoteAddr)
	http.Error(w, http.StatusText(status), status)
}

// writeJSON answers with v as JSON, or an empty 200 when v is nil.
func (h *Handler) writeJSON(w http.ResponseWriter, v any) {
	if v == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		h.log.Error("slack: encode answer", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// serveCommands answers POST /slack/commands.
func (h *Handler) serveCommands(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	c := slack.SlashCommand{
		Token: "", TeamID: form.Get("team_id"), TeamDomain: form.Get("team_domain"),
		EnterpriseID: form.Get("enterprise_id"), ChannelID: form.Get("channel_id"), ChannelName: form.Get("channel_name"),
		UserID: form.Get("user_id"), UserName: form.Get("user_name"), Command: form.Get("command"),
		Text: form.Get("text"), ResponseURL: form.Get("response_url"), TriggerID: form.Get("trigger_id"),
		APIAppID: form.Get("api_app_id"),
	}
	if m := h.Command(r.Context(), c); m != nil {
		h.writeJSON(w, m)
		return
	}
	h.writeJSON(w, nil)
}

// serveInteractions answers POST /slack/interactions.
func (h *Handler) serveInteractions(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	h.writeJSON(w, h.Interaction(r.Context(), cb))
}

// serveEvents answers POST /slack/events: the URL verification challenge
// at once, any other event after acknowledging it.
func (h *Handler) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		// A signed event gapwatch does not subscribe to: acknowledged, so
		// that Slack does not retry it.
		h.log.Debug("slack: event ignored", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == slackevents.URLVerification {
		v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, v.Challenge)
		return
	}
	w.WriteHeader(http.StatusOK)
	h.Event(r.Context(), ev)
}
