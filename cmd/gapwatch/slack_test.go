package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// slackAPI is a fake Slack Web API recording each method with its form.
type slackAPI struct {
	*httptest.Server
	mu    sync.Mutex
	calls []string
	forms []url.Values
}

func newSlackAPI(t *testing.T, token string) *slackAPI {
	s := &slackAPI{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		s.mu.Lock()
		s.calls = append(s.calls, method)
		s.forms = append(s.forms, r.PostForm)
		n := len(s.calls)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("token") != token {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, r.PostForm.Get("channel"), n)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *slackAPI) find(method string) (url.Values, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.calls {
		if c == method {
			return s.forms[i], true
		}
	}
	return nil, false
}

func TestSlackServiceFromEnvironment(t *testing.T) {
	cfg := config.Default()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tests := []struct {
		name    string
		env     map[string]string
		none    bool
		wantErr string
		socket  bool
		routes  bool
	}{
		{name: "no bot token", env: map[string]string{envSlackSigningSecret: "s"}, none: true},
		{name: "http", env: map[string]string{envSlackBotToken: "xoxb-1", envSlackSigningSecret: "s"}, routes: true},
		{name: "socket mode", env: map[string]string{envSlackBotToken: "xoxb-1", envSlackAppToken: "xapp-1"}, socket: true},
		{name: "bad API URL", env: map[string]string{envSlackBotToken: "xoxb-secret-1", envSlackAPIURL: "ftp://x"}, wantErr: envSlackAPIURL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
			s, err := newSlackService(lookup, cfg, st, nil, discardLogger())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "xoxb-secret-1") {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (s == nil) != tc.none {
				t.Fatalf("service = %v", s)
			}
			if s == nil {
				return
			}
			if (s.app != nil) != tc.socket {
				t.Errorf("socket mode = %v", s.app != nil)
			}
			mux := http.NewServeMux()
			s.register(mux)
			_, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, "/slack/commands", nil))
			if (pattern != "") != tc.routes {
				t.Errorf("routes registered = %q", pattern)
			}
		})
	}
}

func TestServeWithSlack(t *testing.T) {
	const token, secret = "xoxb-serve-token-77", "serve-signing-secret-88"
	api := newSlackAPI(t, token)
	t.Setenv(envSlackBotToken, token)
	t.Setenv(envSlackSigningSecret, secret)
	t.Setenv(envSlackAppToken, "")
	t.Setenv(envSlackAPIURL, api.URL+"/api/")
	t.Setenv("DISCORD_BOT_TOKEN", "")

	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := startServeWithNews(ctx, t, "Acuerdo sobre agua @everyone &lt;!channel&gt;", `  - {name: newsroom, platform: slack, target: "C123"}
`, nil, &logs)
	defer func() {
		stopCtx, stopCancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer stopCancel()
		if err := app.Stop(stopCtx); err != nil {
			t.Error(err)
		}
	}()

	var alert url.Values
	for range 400 {
		var ok bool
		if alert, ok = api.find("chat.postMessage"); ok {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if alert == nil {
		t.Fatalf("no alert posted to Slack\nlogs:\n%s", logs.String())
	}
	if !strings.Contains(alert.Get("blocks"), "Acuerdo sobre agua @\u2060everyone") {
		t.Errorf("alert lacks the escaped title: %s", alert.Get("blocks"))
	}
	if alert.Get("channel") != "C123" || !strings.Contains(alert.Get("blocks"), `"action_id":"gw_confirm"`) {
		t.Errorf("alert %v", alert)
	}
	var blocks []any
	if err := json.Unmarshal([]byte(alert.Get("blocks")), &blocks); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(blocks); strings.Contains(string(b), "@everyone") || strings.Contains(alert.Get("text"), "@everyone") ||
		strings.Contains(alert.Get("blocks"), "<!channel>") {
		t.Errorf("alert carries an unescaped mention: %s", alert.Get("blocks"))
	}

	post := func(body string, sign bool) (int, []byte) {
		req, _ := http.NewRequest(http.MethodPost, "http://"+app.Addr()+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if sign {
			ts := fmt.Sprint(time.Now().Unix())
			m := hmac.New(sha256.New, []byte(secret))
			fmt.Fprintf(m, "v0:%s:%s", ts, body)
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	body := url.Values{"command": {"/gapwatch"}, "text": {"list"}, "user_id": {"U1"}, "channel_id": {"C123"}, "trigger_id": {"t1"},
		"response_url": {api.URL + "/response"}}.Encode()
	if code, _ := post(body, false); code != http.StatusUnauthorized {
		t.Errorf("unsigned command: %d", code)
	}
	code, out := post(body, true)
	if code != http.StatusOK || !strings.Contains(string(out), `"response_type":"ephemeral"`) || !strings.Contains(string(out), "Open gaps") {
		t.Fatalf("list: %d %s", code, out)
	}
	if l := logs.String(); strings.Contains(l, token) || strings.Contains(l, secret) {
		t.Errorf("logs show a Slack secret:\n%s", l)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
