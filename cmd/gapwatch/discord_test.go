package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// discordAPI is a fake Discord REST API recording "METHOD path" and the
// JSON bodies it receives.
type discordAPI struct {
	*httptest.Server
	mu     sync.Mutex
	calls  []string
	bodies []map[string]any
}

func newDiscordAPI(t *testing.T) *discordAPI {
	d := &discordAPI{}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		json.Unmarshal(raw, &body)
		d.mu.Lock()
		d.calls = append(d.calls, r.Method+" "+r.URL.Path)
		d.bodies = append(d.bodies, body)
		n := len(d.calls)
		d.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPut:
			w.Write(raw)
		default:
			fmt.Fprintf(w, `{"id": "%d", "channel_id": "123456"}`, 9000+n)
		}
	}))
	t.Cleanup(d.Close)
	return d
}

func (d *discordAPI) snapshot() ([]string, []map[string]any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.calls...), append([]map[string]any(nil), d.bodies...)
}

func TestDiscordServiceFromEnvironment(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	key := hex.EncodeToString(pub)
	cfg := config.Default()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tests := []struct {
		name              string
		env               map[string]string
		none              bool
		err               string
		gateway, endpoint bool
	}{
		{name: "nothing set", env: map[string]string{}, none: true},
		{name: "public key: endpoint", env: map[string]string{"DISCORD_PUBLIC_KEY": key, "DISCORD_BOT_TOKEN": "secret-tok-1"}, endpoint: true},
		{name: "token only: gateway", env: map[string]string{"DISCORD_BOT_TOKEN": "secret-tok-1"}, gateway: true},
		{name: "gateway asked", env: map[string]string{"DISCORD_PUBLIC_KEY": key, "DISCORD_BOT_TOKEN": "secret-tok-1", "DISCORD_TRANSPORT": "gateway"}, gateway: true},
		{name: "endpoint without key", env: map[string]string{"DISCORD_BOT_TOKEN": "secret-tok-1", "DISCORD_TRANSPORT": "http"}, err: "DISCORD_PUBLIC_KEY"},
		{name: "gateway without token", env: map[string]string{"DISCORD_PUBLIC_KEY": key, "DISCORD_TRANSPORT": "gateway"}, err: "DISCORD_BOT_TOKEN"},
		{name: "unknown transport", env: map[string]string{"DISCORD_BOT_TOKEN": "secret-tok-1", "DISCORD_TRANSPORT": "pigeon"}, err: "http or gateway"},
		{name: "bad key", env: map[string]string{"DISCORD_PUBLIC_KEY": "abc"}, err: "64 hex digits"},
		{name: "bad api url", env: map[string]string{"DISCORD_BOT_TOKEN": "secret-tok-1", "DISCORD_API_URL": "ftp://x"}, err: "DISCORD_API_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			d, err := newDiscordService(lookup, cfg, st, nil, slog.New(slog.DiscardHandler), nil)
			switch {
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one naming %s", err, tt.err)
				}
				if tok := tt.env["DISCORD_BOT_TOKEN"]; tok != "" && strings.Contains(err.Error(), tok) {
					t.Errorf("error shows the token: %v", err)
				}
				return
			case err != nil:
				t.Fatal(err)
			case tt.none:
				if d != nil {
					t.Fatal("an integration without any Discord variable")
				}
				return
			}
			defer d.stop()
			if d.gateway != tt.gateway || d.endpoint != tt.endpoint {
				t.Errorf("gateway %v endpoint %v, want %v %v", d.gateway, d.endpoint, tt.gateway, tt.endpoint)
			}
			mux := http.NewServeMux()
			d.register(mux)
			req := httptest.NewRequest(http.MethodPost, discordInteractionsPath, strings.NewReader(`{"type":1}`))
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, req)
			if want := map[bool]int{true: http.StatusUnauthorized, false: http.StatusNotFound}[tt.endpoint]; w.Code != want {
				t.Errorf("unsigned request to the endpoint: %d, want %d", w.Code, want)
			}
		})
	}
}

// TestServeWithDiscord runs the service with the Discord integration over
// the HTTP endpoint against a fake Discord: the command is registered in
// the guild at start, an alert reaches the configured channel as an embed
// with no mentions allowed, and signed interactions are answered on the
// service's listener.
func TestServeWithDiscord(t *testing.T) {
	api := newDiscordAPI(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	const token = "discord-bot-token-5e5e"
	t.Setenv("DISCORD_BOT_TOKEN", token)
	t.Setenv("DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))
	t.Setenv("DISCORD_APPLICATION_ID", "777")
	t.Setenv("DISCORD_GUILD_ID", "99")
	t.Setenv("DISCORD_API_URL", api.URL)
	t.Setenv("DISCORD_TRANSPORT", "")

	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := startServeWithNews(ctx, t, "Acuerdo sobre agua @everyone", `  - {name: newsroom, platform: discord, target: "123456"}
`, nil, &logs)
	defer func() {
		stopCtx, stopCancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer stopCancel()
		if err := app.Stop(stopCtx); err != nil {
			t.Error(err)
		}
	}()

	alertPosted := func() (map[string]any, bool) {
		calls, bodies := api.snapshot()
		for i, c := range calls {
			if c == "POST /api/v9/channels/123456/messages" {
				return bodies[i], true
			}
		}
		return nil, false
	}
	var msg map[string]any
	for i := 0; i < 400; i++ {
		var ok bool
		if msg, ok = alertPosted(); ok {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	calls, _ := api.snapshot()
	if len(calls) == 0 || calls[0] != "PUT /api/v9/applications/777/guilds/99/commands" {
		t.Errorf("first Discord call %v, want the guild command overwrite", calls)
	}
	if msg == nil {
		t.Fatalf("no alert posted to the discord channel; calls %v\nlogs:\n%s", calls, logs.String())
	}
	am, _ := msg["allowed_mentions"].(map[string]any)
	if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
		t.Errorf("alert allowed_mentions %v", msg["allowed_mentions"])
	}
	if b, _ := json.Marshal(msg); bytes.Contains(b, []byte("Acuerdo sobre agua @everyone")) {
		t.Errorf("alert carries an unescaped @everyone: %s", b)
	}

	post := func(payload string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, "http://"+app.Addr()+discordInteractionsPath, strings.NewReader(payload))
		ts := fmt.Sprint(time.Now().Unix())
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+payload))))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	if code, resp := post(`{"id":"1","application_id":"777","type":1,"token":"t","version":1}`); code != 200 || resp["type"] != float64(1) {
		t.Errorf("PING: %d %v", code, resp)
	}
	code, resp := post(`{"id":"2","application_id":"777","type":2,"token":"t2","version":1,"channel_id":"123456",
		"member":{"user":{"id":"1001","username":"ana"}},
		"data":{"id":"1","name":"gapwatch","type":1,"options":[{"name":"list","type":1,"options":[]}]}}`)
	if code != 200 || resp["type"] != float64(4) {
		t.Fatalf("list: %d %v", code, resp)
	}
	data, _ := resp["data"].(map[string]any)
	embeds, _ := data["embeds"].([]any)
	if len(embeds) != 1 || !strings.Contains(fmt.Sprint(embeds[0].(map[string]any)["title"]), "Open gaps") {
		t.Errorf("list answered %v", data)
	}

	// Dismissing the claim from Discord tells the channel, in the alert's
	// thread: the bot's notifier is the running pipeline.
	var claimID string
	for _, row := range msg["components"].([]any) {
		for _, c := range row.(map[string]any)["components"].([]any) {
			if id, _ := c.(map[string]any)["custom_id"].(string); strings.HasPrefix(id, "gapwatch:dismiss:") {
				claimID = strings.TrimPrefix(id, "gapwatch:dismiss:")
			}
		}
	}
	if claimID == "" {
		t.Fatalf("no dismiss button on the alert: %v", msg["components"])
	}
	code, resp = post(`{"id":"3","application_id":"777","type":5,"token":"t3","version":1,"channel_id":"123456",
		"member":{"user":{"id":"1001","username":"ana"}},
		"data":{"custom_id":"gapwatch:dismiss:` + claimID + `","components":[{"type":1,"components":[{"type":4,"custom_id":"reason","value":"a readout, not a claim"}]}]}}`)
	if code != 200 || resp["type"] != float64(4) {
		t.Fatalf("dismiss: %d %v", code, resp)
	}
	app.alerts.sender.Notify()
	inThread := func() bool {
		calls, _ := api.snapshot()
		for _, c := range calls {
			if strings.HasPrefix(c, "POST /api/v9/channels/123456/messages/") && strings.HasSuffix(c, "/threads") {
				return true
			}
		}
		return false
	}
	for i := 0; i < 400 && !inThread(); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !inThread() {
		calls, _ := api.snapshot()
		t.Errorf("no thread started for the resolved update; calls %v", calls)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("logs show the bot token:\n%s", logs.String())
	}
}

// TestDiscordStartSurvivesDiscordOutage: a refused registration and an
// unreachable gateway are logged, not fatal, and never show the token;
// stopping while the gateway is being retried returns.
func TestDiscordStartSurvivesDiscordOutage(t *testing.T) {
	const token = "outage-token-4d4d"
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPut:
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code": 0, "message": "401: Unauthorized"}`)
		default: // GET /gateway: a gateway that refuses connections
			io.WriteString(w, `{"url": "ws://127.0.0.1:1"}`)
		}
	}))
	defer api.Close()
	env := map[string]string{"DISCORD_BOT_TOKEN": token, "DISCORD_APPLICATION_ID": "777", "DISCORD_API_URL": api.URL}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs syncBuffer
	log, _ := newLogger(&logs, "json")
	d, err := newDiscordService(func(k string) (string, bool) { v, ok := env[k]; return v, ok }, config.Default(), st, nil, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.start(context.Background()); err != nil {
		t.Fatalf("start failed on a Discord outage: %v", err)
	}
	for i := 0; i < 200 && !strings.Contains(logs.String(), "gateway connection failed"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if err := d.stop(); err != nil {
		t.Error(err)
	}
	out := logs.String()
	for _, want := range []string{"registering /gapwatch failed", "status 401", "gateway connection failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, token) {
		t.Errorf("logs show the token:\n%s", out)
	}
}
