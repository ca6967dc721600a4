package discordbot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/store"
)

// harness is a handler over a fixture, its fake Discord and its key.
type harness struct {
	*fixture
	fake *fakeDiscord
	h    *Handler
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
	seq  int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fx := newFixture(t, 0)
	fake := newFakeDiscord(t)
	h, err := NewHandler(Options{Bot: fx.bot, Claims: fx.st, Session: fake.session(t), PublicKey: pub})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	// Every message that reached the fake API, in every test.
	t.Cleanup(func() {
		h.Wait()
		checkMessages(t, fake.requests())
	})
	return &harness{fixture: fx, fake: fake, h: h, pub: pub, priv: priv}
}

// sign sets Discord's signature headers on r for body with key.
func sign(r *http.Request, key ed25519.PrivateKey, body []byte) {
	ts := "1764169200"
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
}

// post sends a signed interaction to the endpoint and returns the status
// and decoded response.
func (hs *harness) post(t *testing.T, payload map[string]any) (int, map[string]any) {
	t.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
	sign(r, hs.priv, body)
	w := httptest.NewRecorder()
	hs.h.ServeHTTP(w, r)
	var resp map[string]any
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("response is not JSON: %v: %s", err, w.Body)
		}
		// An answer is a message too: no mentions, nothing hostile.
		checkMessages(t, []recorded{{Method: http.MethodPost, Path: "/callback", Body: resp}})
	}
	return w.Code, resp
}

// interaction builds an interaction payload of type typ with data.
func (hs *harness) interaction(typ int, data map[string]any) map[string]any {
	hs.seq++
	return map[string]any{
		"id": fmt.Sprint(5000 + hs.seq), "application_id": "777", "type": typ, "token": fmt.Sprintf("itoken-%d", hs.seq),
		"version": 1, "channel_id": "4242", "guild_id": "99",
		"member": map[string]any{"nick": "Ana @everyone", "user": map[string]any{"id": "1001", "username": "ana"}},
		"data":   data,
	}
}

// command builds a /gapwatch SUB interaction with options.
func (hs *harness) command(sub string, opts ...map[string]any) map[string]any {
	o := []any{}
	for _, x := range opts {
		o = append(o, x)
	}
	return hs.interaction(2, map[string]any{"id": "1", "name": "gapwatch", "type": 1,
		"options": []any{map[string]any{"name": sub, "type": 1, "options": o}}})
}

func opt(name string, value any) map[string]any {
	typ := 3
	switch value.(type) {
	case bool:
		typ = 5
	case int, float64:
		typ = 4
	}
	return map[string]any{"name": name, "type": typ, "value": value}
}

// embedOf returns the first embed of a response's data.
func embedOf(t *testing.T, data map[string]any) map[string]any {
	t.Helper()
	es, _ := data["embeds"].([]any)
	if len(es) == 0 {
		t.Fatalf("no embed in %v", data)
	}
	return es[0].(map[string]any)
}

func flagsOf(data map[string]any) int {
	f, _ := data["flags"].(float64)
	return int(f)
}

func TestPing(t *testing.T) {
	hs := newHarness(t)
	code, resp := hs.post(t, map[string]any{"id": "1", "application_id": "777", "type": 1, "token": "t", "version": 1})
	if code != http.StatusOK || resp["type"] != float64(1) {
		t.Fatalf("PING: %d %v, want 200 and type 1 (PONG)", code, resp)
	}
}

func TestSignatures(t *testing.T) {
	hs := newHarness(t)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	body, _ := json.Marshal(hs.command("dismiss", opt("id", strconv.FormatInt(hs.ids["steel"], 10)), opt("reason", "not a claim")))
	tests := []struct {
		name   string
		mangle func(r *http.Request)
		want   int
	}{
		{"valid", func(r *http.Request) {}, http.StatusOK},
		{"missing signature", func(r *http.Request) { r.Header.Del("X-Signature-Ed25519") }, http.StatusUnauthorized},
		{"missing timestamp", func(r *http.Request) { r.Header.Del("X-Signature-Timestamp") }, http.StatusUnauthorized},
		{"not hex", func(r *http.Request) { r.Header.Set("X-Signature-Ed25519", "zz") }, http.StatusUnauthorized},
		{"wrong key", func(r *http.Request) { sign(r, otherKey, body) }, http.StatusUnauthorized},
		{"other timestamp", func(r *http.Request) { r.Header.Set("X-Signature-Timestamp", "1764169201") }, http.StatusUnauthorized},
		{"tampered body", func(r *http.Request) {
			tampered := bytes.Replace(body, []byte("not a claim"), []byte("not a claiM"), 1)
			r.Body = http.NoBody
			*r = *httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(tampered)).WithContext(r.Context())
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(hs.priv, append([]byte("1764169200"), body...))))
			r.Header.Set("X-Signature-Timestamp", "1764169200")
		}, http.StatusUnauthorized},
	}
	// The valid one goes last: every other must leave the claim as it is.
	for _, tt := range append(tests[1:], tests[0]) {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
			sign(r, hs.priv, body)
			tt.mangle(r)
			w := httptest.NewRecorder()
			hs.h.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, tt.want, w.Body)
			}
			cl, err := hs.st.Claim(context.Background(), hs.ids["steel"])
			if err != nil {
				t.Fatal(err)
			}
			if dismissed := cl.Resolution != nil; dismissed != (tt.want == http.StatusOK) {
				t.Errorf("claim dismissed = %v after a request answered %d", dismissed, w.Code)
			}
		})
	}
	t.Run("body too large", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 70<<10)
		r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(big))
		sign(r, hs.priv, big)
		w := httptest.NewRecorder()
		hs.h.ServeHTTP(w, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", w.Code)
		}
	})
	t.Run("no public key", func(t *testing.T) {
		h, err := NewHandler(Options{Bot: hs.bot, Claims: hs.st, Session: hs.fake.session(t)})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
		sign(r, hs.priv, body)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("status %d without a configured key, want 401", w.Code)
		}
	})
}

func TestSubcommands(t *testing.T) {
	hs := newHarness(t)
	ctx := context.Background()
	steel := strconv.FormatInt(hs.ids["steel"], 10)
	arms := strconv.FormatInt(hs.ids["arms"], 10)
	hostileID := strconv.FormatInt(hs.ids["hostile"], 10)
	tests := []struct {
		sub      string
		opts     []map[string]any
		deferred bool
		public   bool
		title    string // a word the reply's title has
		check    func(t *testing.T)
	}{
		{sub: "list", title: "Open gaps: 3"},
		{sub: "list", opts: []map[string]any{opt("status", "partial"), opt("side", "mx")}, title: "partial, side mx"},
		{sub: "list", opts: []map[string]any{opt("status", "all"), opt("feed", "sre"), opt("public", true)}, public: true, title: "Claims"},
		{sub: "show", opts: []map[string]any{opt("id", hostileID)}, title: "#" + hostileID},
		{sub: "show", opts: []map[string]any{opt("id", "#"+steel), opt("public", true)}, public: true, title: "#" + steel},
		{sub: "show", opts: []map[string]any{opt("id", "999999")}, title: "no claim"},
		{sub: "search", opts: []map[string]any{opt("text", "aranceles acero")}, deferred: true, title: "Search"},
		{sub: "search", opts: []map[string]any{opt("text", "armas"), opt("public", true)}, deferred: true, public: true, title: "Search"},
		{sub: "feeds", title: "Feeds: 2"},
		{sub: "digest", deferred: true, title: "Digests are not configured"},
		{sub: "help", title: "gapwatch commands"},
		{sub: "help", opts: []map[string]any{opt("command", "confirm")}, title: "confirm ID URL"},
		{sub: "confirm", opts: []map[string]any{opt("id", steel), opt("url", "https://state.example/joint-statement"), opt("note", "Called the embassy --public")},
			title: "marked confirmed", check: func(t *testing.T) {
				cl, err := hs.st.Claim(ctx, hs.ids["steel"])
				if err != nil {
					t.Fatal(err)
				}
				if cl.Resolution == nil || cl.Resolution.Kind != store.ResolvedConfirmed || cl.Resolution.Note != "Called the embassy --public" ||
					cl.Resolution.By != "discord:1001" {
					t.Errorf("resolution %+v", cl.Resolution)
				}
			}},
		{sub: "confirm", opts: []map[string]any{opt("id", arms), opt("url", "javascript:alert(1)")}, title: "needs a link"},
		{sub: "dismiss", opts: []map[string]any{opt("id", arms), opt("reason", "a readout, not a claim")}, title: "dismissed", check: func(t *testing.T) {
			cl, err := hs.st.Claim(ctx, hs.ids["arms"])
			if err != nil {
				t.Fatal(err)
			}
			if cl.Resolution == nil || cl.Resolution.Reason != "a readout, not a claim" {
				t.Errorf("resolution %+v", cl.Resolution)
			}
		}},
		{sub: "mute", opts: []map[string]any{opt("id", hostileID)}, title: "muted", check: func(t *testing.T) {
			if m, err := hs.st.Muted(ctx, hs.ids["hostile"], "discord:4242"); err != nil || !m {
				t.Errorf("muted in discord:4242 = %v, %v", m, err)
			}
		}},
		{sub: "subscribe", opts: []map[string]any{opt("side", "mx"), opt("status", "unconfirmed"), opt("keyword", "acero"), opt("importance", 2), opt("lang", "es")},
			title: "subscribed", check: func(t *testing.T) {
				subs, err := hs.st.Subscriptions(ctx)
				if err != nil || len(subs) != 1 {
					t.Fatalf("subscriptions %v, %v", subs, err)
				}
				s := subs[0]
				if s.Channel != (store.ChannelKey{Platform: "discord", Target: "4242"}) || s.Language != "es" ||
					fmt.Sprint(s.Filters.Sides, s.Filters.Statuses, s.Filters.Keywords, s.Filters.MinImportance) != "[mx] [unconfirmed] [acero] 2" {
					t.Errorf("subscription %+v", s)
				}
			}},
		{sub: "unsubscribe", title: "unsubscribed", check: func(t *testing.T) {
			if subs, _ := hs.st.Subscriptions(ctx); len(subs) != 0 {
				t.Errorf("subscriptions left: %v", subs)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.sub+fmt.Sprint(len(tt.opts)), func(t *testing.T) {
			before := len(hs.fake.requests())
			code, resp := hs.post(t, hs.command(tt.sub, tt.opts...))
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			data, _ := resp["data"].(map[string]any)
			wantFlags := 64
			if tt.public {
				wantFlags = 0
			}
			var embed map[string]any
			if tt.deferred {
				if resp["type"] != float64(5) {
					t.Fatalf("response type %v, want 5 (deferred)", resp["type"])
				}
				if flagsOf(data) != wantFlags {
					t.Errorf("deferred flags %d, want %d", flagsOf(data), wantFlags)
				}
				hs.h.Wait()
				reqs := hs.fake.requests()[before:]
				if len(reqs) != 1 || reqs[0].Method != http.MethodPatch || reqs[0].Path != "/api/v9/webhooks/777/"+resp2token(hs)+"/messages/@original" {
					t.Fatalf("follow-up requests %+v", reqs)
				}
				embed = embedOf(t, reqs[0].Body)
			} else {
				if resp["type"] != float64(4) {
					t.Fatalf("response type %v, want 4", resp["type"])
				}
				isErr := strings.Contains(tt.title, "no claim") || strings.Contains(tt.title, "needs a link")
				if want := wantFlags; !isErr && flagsOf(data) != want {
					t.Errorf("flags %d, want %d", flagsOf(data), want)
				}
				if isErr && flagsOf(data) != 64 {
					t.Errorf("an error reply is not ephemeral")
				}
				checkMessages(t, []recorded{{Method: "POST", Path: "/callback", Body: resp}})
				embed = embedOf(t, data)
			}
			if title, _ := embed["title"].(string); !strings.Contains(strings.ReplaceAll(title, `\`, ""), tt.title) {
				t.Errorf("title %q, want it to contain %q", title, tt.title)
			}
			if tt.check != nil {
				tt.check(t)
			}
		})
	}
	checkMessages(t, hs.fake.requests())
}

// resp2token is the token of the harness's latest interaction.
func resp2token(hs *harness) string { return fmt.Sprintf("itoken-%d", hs.seq) }

func TestOptionValuesStayOneArgument(t *testing.T) {
	hs := newHarness(t)
	steel := strconv.FormatInt(hs.ids["steel"], 10)
	tests := []struct {
		name  string
		opts  []map[string]any
		sub   string
		title string
	}{
		// An ID carrying more words is one (bad) ID, not "show 1" and a flag.
		{"id with words", []map[string]any{opt("id", steel+" --public")}, "show", "is not a claim ID"},
		{"id with quote", []map[string]any{opt("id", steel+`" "--public`)}, "show", "is not a claim ID"},
		// A status value cannot smuggle a second filter or a flag.
		{"status with flag", []map[string]any{opt("status", "partial --public")}, "list", "do not know the filter"},
		{"feed with space", []map[string]any{opt("feed", "sre all")}, "list", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, resp := hs.post(t, hs.command(tt.sub, tt.opts...))
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			data := resp["data"].(map[string]any)
			if flagsOf(data) != 64 {
				t.Errorf("reply became public through an option value")
			}
			if title := strings.ReplaceAll(embedOf(t, data)["title"].(string), `\`, ""); !strings.Contains(title, tt.title) {
				t.Errorf("title %q, want %q", title, tt.title)
			}
		})
	}
	// The whole search text is one argument: --public inside it is a word.
	inv, err := parseInvocation(discordgo.ApplicationCommandInteractionData{Name: "gapwatch", Options: []*discordgo.ApplicationCommandInteractionDataOption{{
		Name: "search", Type: discordgo.ApplicationCommandOptionSubCommand,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "text", Type: discordgo.ApplicationCommandOptionString, Value: `acero" --public "x`}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if inv.public || inv.text() != `search "acero\" --public \"x"` {
		t.Errorf("search invocation %q public=%v", inv.text(), inv.public)
	}
}

func TestAutocomplete(t *testing.T) {
	hs := newHarness(t)
	hostileID := strconv.FormatInt(hs.ids["hostile"], 10)
	tests := []struct {
		typed string
		want  []int64
	}{
		// Open gaps first, newest first; the confirmed claim last.
		{"", []int64{hs.ids["arms"], hs.ids["hostile"], hs.ids["steel"], hs.ids["joint"]}},
		{"ENERGIA", []int64{hs.ids["joint"]}},
		{"acero", []int64{hs.ids["steel"]}},
		{"#" + hostileID, []int64{hs.ids["hostile"]}},
		{"nothing like this", nil},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			p := hs.interaction(4, map[string]any{"id": "1", "name": "gapwatch", "type": 1, "options": []any{
				map[string]any{"name": "show", "type": 1, "options": []any{
					map[string]any{"name": "id", "type": 3, "value": tt.typed, "focused": true}}}}})
			code, resp := hs.post(t, p)
			if code != http.StatusOK || resp["type"] != float64(8) {
				t.Fatalf("%d %v, want 200 and type 8", code, resp)
			}
			var got []int64
			data, _ := resp["data"].(map[string]any)
			chs, _ := data["choices"].([]any)
			for _, c := range chs {
				c := c.(map[string]any)
				id, _ := strconv.ParseInt(c["value"].(string), 10, 64)
				got = append(got, id)
				name := c["name"].(string)
				if runes(name) > 100 {
					t.Errorf("choice name of %d runes", runes(name))
				}
				for _, h := range hostile {
					if strings.Contains(name, h) {
						t.Errorf("choice name %q carries %q", name, h)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("choices %v, want %v", got, tt.want)
			}
		})
	}
}

func TestButtonsAndModals(t *testing.T) {
	hs := newHarness(t)
	ctx := context.Background()
	steel, arms := hs.ids["steel"], hs.ids["arms"]
	button := func(id string) map[string]any {
		return hs.interaction(3, map[string]any{"custom_id": id, "component_type": 2})
	}
	t.Run("show evidence", func(t *testing.T) {
		code, resp := hs.post(t, button(CustomID(ActionShow, steel)))
		if code != http.StatusOK || resp["type"] != float64(4) {
			t.Fatalf("%d %v", code, resp)
		}
		data := resp["data"].(map[string]any)
		if title := embedOf(t, data)["title"].(string); !strings.Contains(title, fmt.Sprintf("#%d", steel)) || flagsOf(data) != 64 {
			t.Errorf("title %q flags %d", title, flagsOf(data))
		}
	})
	modalInputs := func(t *testing.T, resp map[string]any) (string, []string) {
		t.Helper()
		if resp["type"] != float64(9) {
			t.Fatalf("response type %v, want 9 (modal)", resp["type"])
		}
		data := resp["data"].(map[string]any)
		var ids []string
		for _, row := range data["components"].([]any) {
			for _, c := range row.(map[string]any)["components"].([]any) {
				ids = append(ids, c.(map[string]any)["custom_id"].(string))
			}
		}
		return data["custom_id"].(string), ids
	}
	t.Run("mark confirmed opens a modal", func(t *testing.T) {
		_, resp := hs.post(t, button(CustomID(ActionConfirm, steel)))
		id, inputs := modalInputs(t, resp)
		if id != CustomID(ActionConfirm, steel) || strings.Join(inputs, ",") != "url,note" {
			t.Errorf("modal %s with %v", id, inputs)
		}
	})
	t.Run("dismiss opens a modal", func(t *testing.T) {
		_, resp := hs.post(t, button(CustomID(ActionDismiss, arms)))
		id, inputs := modalInputs(t, resp)
		if id != CustomID(ActionDismiss, arms) || strings.Join(inputs, ",") != "reason" {
			t.Errorf("modal %s with %v", id, inputs)
		}
	})
	submit := func(customID string, values map[string]string) map[string]any {
		var rows []any
		for k, v := range values {
			rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": k, "value": v}}})
		}
		return hs.interaction(5, map[string]any{"custom_id": customID, "components": rows})
	}
	t.Run("confirm modal submitted", func(t *testing.T) {
		code, resp := hs.post(t, submit(CustomID(ActionConfirm, steel), map[string]string{"url": "https://state.example/joint", "note": "@everyone said so"}))
		if code != http.StatusOK || resp["type"] != float64(4) {
			t.Fatalf("%d %v", code, resp)
		}
		checkMessages(t, []recorded{{Method: "POST", Path: "/callback", Body: resp}})
		cl, err := hs.st.Claim(ctx, steel)
		if err != nil {
			t.Fatal(err)
		}
		if cl.Resolution == nil || cl.Resolution.URL != "https://state.example/joint" || cl.Resolution.Note != "@everyone said so" {
			t.Errorf("resolution %+v", cl.Resolution)
		}
	})
	t.Run("dismiss modal submitted", func(t *testing.T) {
		if _, resp := hs.post(t, submit(CustomID(ActionDismiss, arms), map[string]string{"reason": "a readout"})); resp["type"] != float64(4) {
			t.Fatalf("%v", resp)
		}
		cl, err := hs.st.Claim(ctx, arms)
		if err != nil {
			t.Fatal(err)
		}
		if cl.Resolution == nil || cl.Resolution.Kind != store.ResolvedDismissed || cl.Resolution.Reason != "a readout" {
			t.Errorf("resolution %+v", cl.Resolution)
		}
	})
	t.Run("mute", func(t *testing.T) {
		if _, resp := hs.post(t, button(CustomID(ActionMute, steel))); resp["type"] != float64(4) {
			t.Fatalf("%v", resp)
		}
		if m, err := hs.st.Muted(ctx, steel, "discord:4242"); err != nil || !m {
			t.Errorf("muted = %v, %v", m, err)
		}
	})
	t.Run("mute from the alert's thread mutes the channel", func(t *testing.T) {
		p := button(CustomID(ActionMute, arms))
		p["channel_id"] = "777000"
		p["channel"] = map[string]any{"id": "777000", "type": 11, "parent_id": "4242"}
		if _, resp := hs.post(t, p); resp["type"] != float64(4) {
			t.Fatalf("%v", resp)
		}
		if m, err := hs.st.Muted(ctx, arms, "discord:4242"); err != nil || !m {
			t.Errorf("muted in the parent channel = %v, %v", m, err)
		}
		if m, _ := hs.st.Muted(ctx, arms, "discord:777000"); m {
			t.Error("muted in the thread instead")
		}
	})
	for _, bad := range []string{"gapwatch:show:abc", "gapwatch:delete:1", "other:show:1", "gapwatch:show:01", "gapwatch:show:-1"} {
		t.Run("bad custom id "+bad, func(t *testing.T) {
			if code, _ := hs.post(t, button(bad)); code != http.StatusBadRequest {
				t.Errorf("status %d, want 400", code)
			}
		})
	}
}
