package slackbot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
)

// envelope is a Socket Mode message from Slack.
type envelope struct {
	EnvelopeID             string `json:"envelope_id,omitempty"`
	Type                   string `json:"type"`
	Payload                any    `json:"payload,omitempty"`
	AcceptsResponsePayload bool   `json:"accepts_response_payload,omitempty"`
	Reason                 string `json:"reason,omitempty"`
}

// socketAck is the client's acknowledgement of an envelope.
type socketAck struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
}

func TestSocketMode(t *testing.T) {
	fx := newFixture(t, nil)
	acks := make(chan socketAck, 16)
	serverErr := make(chan error, 4)
	// exchange sends an envelope and waits for its acknowledgement.
	exchange := func(conn *websocket.Conn, e envelope) bool {
		if err := conn.WriteJSON(e); err != nil {
			serverErr <- err
			return false
		}
		for {
			var a socketAck
			if err := conn.ReadJSON(&a); err != nil {
				serverErr <- fmt.Errorf("read ack of %s: %w", e.EnvelopeID, err)
				return false
			}
			if a.EnvelopeID == e.EnvelopeID {
				acks <- a
				return true
			}
		}
	}
	hello := envelope{Type: "hello", Payload: nil}
	cmd := func(text, resp string) slack.SlashCommand {
		return slack.SlashCommand{Command: "/gapwatch", Text: text, UserID: "U1", UserName: "ana", ChannelID: "C1", TeamID: "T1",
			ResponseURL: fx.fake.responseURL(resp), TriggerID: "tr"}
	}
	mention := map[string]any{}
	if err := json.Unmarshal([]byte(mentionEvent("EvS1", "<@UBOT> show "+fmt.Sprint(fx.claims["hostile"]), "1700000009.000100")), &mention); err != nil {
		t.Fatal(err)
	}
	fx.fake.mu.Lock()
	fx.fake.socket = func(conn *websocket.Conn, n int) {
		if err := conn.WriteJSON(hello); err != nil {
			serverErr <- err
			return
		}
		switch n {
		case 1:
			_ = exchange(conn, envelope{EnvelopeID: "e1", Type: "slash_commands", Payload: cmd("help", "s1"), AcceptsResponsePayload: true}) &&
				exchange(conn, envelope{EnvelopeID: "e2", Type: "interactive", Payload: map[string]any{
					"type": "block_actions", "trigger_id": "t", "user": map[string]any{"id": "U5"}, "channel": map[string]any{"id": "C1"},
					"response_url": fx.fake.responseURL("s2"),
					"actions":      []map[string]any{{"type": "button", "action_id": ActionMute, "block_id": "gw_actions", "value": fmt.Sprint(fx.claims["hostile"])}},
				}}) &&
				exchange(conn, envelope{EnvelopeID: "e3", Type: "events_api", Payload: mention}) &&
				exchange(conn, envelope{EnvelopeID: "e4", Type: "slash_commands", Payload: cmd("search aranceles", "s4"), AcceptsResponsePayload: true})
			// Slack asks the client to reconnect.
			_ = conn.WriteJSON(envelope{Type: "disconnect", Reason: "refresh_requested"})
			for {
				if _, _, err := conn.ReadMessage(); err != nil {
					return
				}
			}
		default:
			if exchange(conn, envelope{EnvelopeID: fmt.Sprintf("r%d", n), Type: "slash_commands", Payload: cmd("feeds", "s5"), AcceptsResponsePayload: true}) {
				for {
					if _, _, err := conn.ReadMessage(); err != nil {
						return
					}
				}
			}
		}
	}
	fx.fake.mu.Unlock()

	// Slack is unavailable at first: the client backs off and retries.
	fx.fake.failNext("apps.connections.open", failure{status: 503})
	app := slack.New(testToken, slack.OptionAPIURL(fx.fake.apiURL()), slack.OptionAppLevelToken(testAppToken))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- fx.h.RunSocketMode(ctx, app, SocketOptions{PingInterval: time.Minute, MinBackoff: 10 * time.Millisecond})
	}()

	got := map[string]socketAck{}
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for len(got) < 5 {
		select {
		case a := <-acks:
			got[a.EnvelopeID] = a
		case err := <-serverErr:
			t.Fatal(err)
		case err := <-done:
			t.Fatalf("socket mode returned early: %v", err)
		case <-deadline.C:
			t.Fatalf("acknowledged: %v", keys(got))
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunSocketMode: %v", err)
	}
	fx.h.Wait()

	var help slack.Msg
	if err := json.Unmarshal(got["e1"].Payload, &help); err != nil || !strings.Contains(textOf(t, help), "gapwatch commands") || help.ResponseType != slack.ResponseTypeEphemeral {
		t.Errorf("slash command ack: %v %s", err, got["e1"].Payload)
	}
	for _, id := range []string{"e2", "e3", "e4"} {
		if p := strings.TrimSpace(string(got[id].Payload)); p != "" && p != "null" {
			t.Errorf("%s acknowledged with %s, want an empty ack", id, p)
		}
	}
	if muted, err := fx.st.Muted(context.Background(), fx.claims["hostile"], "slack:C1"); err != nil || !muted {
		t.Errorf("button over the socket not applied: %v %v", muted, err)
	}
	if m := lastResponse(t, fx, "s4"); !strings.Contains(textOf(t, m), "aranceles") {
		t.Errorf("deferred search answer: %s", textOf(t, m))
	}
	eph := fx.fake.callsTo("chat.postEphemeral")
	if len(eph) != 1 || eph[0].Form.Get("user") != "U9" || !strings.Contains(eph[0].Form.Get("blocks"), "Commitments") {
		t.Errorf("mention over the socket: %d answers", len(eph))
	}
	fx.fake.mu.Lock()
	opens := fx.fake.opens
	fx.fake.mu.Unlock()
	if opens < 2 {
		t.Errorf("apps.connections.open succeeded %d times: no reconnection after disconnect", opens)
	}
	if n := len(fx.fake.callsTo("apps.connections.open")); n < 3 {
		t.Errorf("apps.connections.open called %d times: no retry after the 503", n)
	}
	var feeds slack.Msg
	if err := json.Unmarshal(got["r2"].Payload, &feeds); err != nil || !strings.Contains(textOf(t, feeds), "Feeds") {
		t.Errorf("command after reconnecting: %v %s", err, got["r2"].Payload)
	}
}

func keys(m map[string]socketAck) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSocketModeRevokedToken(t *testing.T) {
	fx := newFixture(t, nil)
	app := slack.New(testToken, slack.OptionAPIURL(fx.fake.apiURL()), slack.OptionAppLevelToken("xapp-revoked"))
	err := fx.h.RunSocketMode(context.Background(), app, SocketOptions{MinBackoff: time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "xapp-revoked") {
		t.Error("the token is in the error")
	}
}
