package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sinkClaim is a stored-looking claim with hostile text everywhere.
func sinkClaim(status match.Status) *store.Claim {
	at := fixedNow.Add(-24 * time.Hour)
	it := testItem("sre", "mx", "es", "sre-9", hostileTitle, at)
	it.ID = 9
	other := testItem("state", "us", "en", "state-9", "Readout "+hostileTitle, at.Add(time.Hour))
	other.ID = 10
	return &store.Claim{ID: 42, Item: it, Decision: testDecision(it, other, status), Evidence: []match.Item{other},
		Created: at, Updated: at}
}

func claimMessage(event, threadRef string, status match.Status) alert.Message {
	return alert.Message{OutboxID: 1, Key: "42/" + event + "/desk", Event: event,
		Channel: alert.Channel{Name: "desk", Platform: alert.PlatformSlack, Target: "C1"},
		Claim:   sinkClaim(status), Text: strings.ToUpper(event) + " — sre says: “" + hostileTitle + "”",
		Language: "en", ThreadRef: threadRef, EvidenceURL: "https://gapwatch.example/claims/42", At: fixedNow}
}

// blocksOf decodes the blocks form value of a call.
func blocksOf(t testing.TB, c call) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(c.Form.Get("blocks")), &out); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	return out
}

func TestSinkThreadsAndUpdates(t *testing.T) {
	fake := newFakeSlack(t)
	s := NewSink(fake.client(), nil)
	ctx := context.Background()

	first, err := s.Send(ctx, claimMessage(alert.EventNewClaim, "", match.Pending))
	if err != nil {
		t.Fatal(err)
	}
	posts := fake.callsTo("chat.postMessage")
	if len(posts) != 1 || first.Ref == "" {
		t.Fatalf("posts %d, receipt %q", len(posts), first.Ref)
	}
	p := posts[0]
	if p.Form.Get("channel") != "C1" || p.Form.Get("thread_ts") != "" || p.Form.Get("text") == "" {
		t.Errorf("alert form %v", p.Form)
	}
	blocks := blocksOf(t, p)
	if blocks[0]["type"] != "header" {
		t.Errorf("first block %v", blocks[0]["type"])
	}
	all := textOf(t, blocks)
	for _, want := range []string{"New claim", "#42", "PENDING", "Side", "Feed", "Published", "Deadline", "Commitments", "Other side's items",
		"https://sre.example/sre-9", "https://gapwatch.example/claims/42", "Not confirmed by the other side"} {
		if !strings.Contains(all, want) {
			t.Errorf("alert lacks %q", want)
		}
	}
	last := blocks[len(blocks)-1]
	if last["type"] != "actions" {
		t.Fatalf("last block %v", last["type"])
	}
	var ids []string
	for _, e := range last["elements"].([]any) {
		el := e.(map[string]any)
		ids = append(ids, el["action_id"].(string))
		if el["value"] != "42" {
			t.Errorf("button %v carries %v", el["action_id"], el["value"])
		}
	}
	if strings.Join(ids, ",") != strings.Join([]string{ActionShow, ActionConfirm, ActionDismiss, ActionMute}, ",") {
		t.Errorf("buttons %v", ids)
	}

	// A later event: the parent is updated to the new status, then the
	// event goes into the thread.
	reply, err := s.Send(ctx, claimMessage(alert.EventFinal, first.Ref, match.Unconfirmed))
	if err != nil {
		t.Fatal(err)
	}
	updates := fake.callsTo("chat.update")
	if len(updates) != 1 || updates[0].Form.Get("ts") != first.Ref || updates[0].Form.Get("channel") != "C1" {
		t.Fatalf("updates %+v", updates)
	}
	if u := textOf(t, blocksOf(t, updates[0])); !strings.Contains(u, "Deadline passed") || !strings.Contains(u, "UNCONFIRMED") {
		t.Errorf("parent not updated to the final status:\n%s", u)
	}
	posts = fake.callsTo("chat.postMessage")
	if len(posts) != 2 || posts[1].Form.Get("thread_ts") != first.Ref || reply.Ref == "" || reply.Ref == first.Ref {
		t.Fatalf("thread reply: %d posts, thread_ts %q, receipt %q", len(posts), posts[len(posts)-1].Form.Get("thread_ts"), reply.Ref)
	}
	if r := textOf(t, blocksOf(t, posts[1])); !strings.Contains(r, "Deadline passed · #42 UNCONFIRMED") {
		t.Errorf("thread reply:\n%s", r)
	}

	// A deleted parent does not stop the thread reply.
	fake.failNext("chat.update", failure{code: "message_not_found"})
	if _, err := s.Send(ctx, claimMessage(alert.EventConfirmedLate, first.Ref, match.Confirmed)); err != nil {
		t.Fatalf("deleted parent: %v", err)
	}
	if n := len(fake.callsTo("chat.postMessage")); n != 3 {
		t.Errorf("%d posts after a deleted parent", n)
	}
}

func TestSinkErrors(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		fail      failure
		permanent bool
		retry     time.Duration
	}{
		{"rate limited", "chat.postMessage", failure{status: 429, retryAfter: "7"}, false, 7 * time.Second},
		{"rate limited on update", "chat.update", failure{status: 429, retryAfter: "3"}, false, 3 * time.Second},
		{"channel not found", "chat.postMessage", failure{code: "channel_not_found"}, true, 0},
		{"not in channel", "chat.postMessage", failure{code: "not_in_channel"}, true, 0},
		{"invalid auth", "chat.postMessage", failure{code: "invalid_auth"}, true, 0},
		{"invalid blocks", "chat.postMessage", failure{code: "invalid_blocks"}, true, 0},
		{"server error", "chat.postMessage", failure{status: 503}, false, 0},
		{"transient api error", "chat.postMessage", failure{code: "internal_error"}, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFakeSlack(t)
			s := NewSink(fake.client(), nil)
			m := claimMessage(alert.EventNewClaim, "", match.Partial)
			if tc.method == "chat.update" {
				m = claimMessage(alert.EventFinal, "1700000000.000001", match.Partial)
			}
			fake.failNext(tc.method, tc.fail)
			_, err := s.Send(context.Background(), m)
			if err == nil {
				t.Fatal("no error")
			}
			if alert.IsPermanent(err) != tc.permanent {
				t.Errorf("permanent = %v, want %v: %v", alert.IsPermanent(err), tc.permanent, err)
			}
			var ra *alert.RetryAfterError
			if got := errors.As(err, &ra); got != (tc.retry > 0) || (got && ra.After != tc.retry) {
				t.Errorf("retry after: %v %v, want %s", got, ra, tc.retry)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Error("the token is in the error")
			}
			// Then Slack answers: the same message goes through.
			r, err := s.Send(context.Background(), m)
			if err != nil || r.Ref == "" {
				t.Fatalf("after the failure: %v %q", err, r.Ref)
			}
		})
	}
	t.Run("no channel ID", func(t *testing.T) {
		fake := newFakeSlack(t)
		m := claimMessage(alert.EventNewClaim, "", match.Partial)
		m.Channel.Target = ""
		if _, err := NewSink(fake.client(), nil).Send(context.Background(), m); !alert.IsPermanent(err) {
			t.Errorf("err = %v", err)
		}
	})
}

// TestSinkRateLimitThenSuccessThroughSender drives the sink through the
// alert sender's contract: a 429 is a RetryAfterError with Slack's delay.
func TestSinkRateLimitThenSuccess(t *testing.T) {
	fake := newFakeSlack(t)
	s := NewSink(fake.client(), nil)
	fake.failNext("chat.postMessage", failure{status: 429, retryAfter: "1"}, failure{status: 429, retryAfter: "2"})
	var waits []time.Duration
	var r alert.Receipt
	var err error
	for range 3 {
		r, err = s.Send(context.Background(), claimMessage(alert.EventNewClaim, "", match.Partial))
		var ra *alert.RetryAfterError
		if !errors.As(err, &ra) {
			break
		}
		waits = append(waits, ra.After)
	}
	if err != nil || r.Ref == "" {
		t.Fatalf("third attempt: %v", err)
	}
	if fmt.Sprint(waits) != "[1s 2s]" {
		t.Errorf("waits %v", waits)
	}
	if n := len(fake.callsTo("chat.postMessage")); n != 3 {
		t.Errorf("%d posts, want 3 (no hammering)", n)
	}
}

func TestSinkLimits(t *testing.T) {
	fake := newFakeSlack(t)
	s := NewSink(fake.client(), nil)
	m := claimMessage(alert.EventNewClaim, "", match.Partial)
	long := strings.Repeat("Los gobiernos acordaron <!channel> ampliar la cooperación & revisar aranceles. ", 40)
	m.Claim.Item.Title = long
	var units []match.ExplainedUnit
	for i := range 80 {
		units = append(units, match.ExplainedUnit{Action: match.CueCommit, Quote: fmt.Sprintf("%d %s", i, long), Outcome: match.Absent})
	}
	m.Claim.Decision.Explanation.Units = units
	var ev []match.Item
	for i := range 70 {
		ev = append(ev, testItem("state", "us", "en", fmt.Sprint("s", i), fmt.Sprint(i, " ", long), fixedNow))
	}
	m.Claim.Evidence = ev
	m.Text = strings.Repeat(long, 3)
	if _, err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	p := fake.callsTo("chat.postMessage")[0]
	blocks := blocksOf(t, p)
	if len(blocks) > MaxBlocks {
		t.Errorf("%d blocks", len(blocks))
	}
	if blocks[len(blocks)-1]["type"] != "actions" {
		t.Error("the buttons were cut")
	}
	if n := utf8.RuneCountInString(p.Form.Get("text")); n > MaxFallback {
		t.Errorf("fallback %d runes", n)
	}
	cutLinked := false
	for _, b := range blocks {
		switch b["type"] {
		case "header":
			if n := utf8.RuneCountInString(b["text"].(map[string]any)["text"].(string)); n > MaxHeader {
				t.Errorf("header %d runes", n)
			}
		case "section":
			if txt, ok := b["text"].(map[string]any); ok {
				s := txt["text"].(string)
				if n := utf8.RuneCountInString(s); n > MaxSection {
					t.Errorf("section %d runes", n)
				}
				if strings.Contains(s, "…") && strings.Contains(s, "<https://gapwatch.example/claims/42|full text>") {
					cutLinked = true
				}
			}
			if fs, ok := b["fields"].([]any); ok {
				if len(fs) > MaxFields {
					t.Errorf("%d fields", len(fs))
				}
				for _, f := range fs {
					if n := utf8.RuneCountInString(f.(map[string]any)["text"].(string)); n > MaxField {
						t.Errorf("field %d runes", n)
					}
				}
			}
		case "context":
			if strings.Contains(textOf(t, b), "full text") {
				cutLinked = true
			}
		}
	}
	if !cutLinked {
		t.Error("no link to the rest where the text was cut")
	}
}

func TestSinkFeedAndDigest(t *testing.T) {
	fake := newFakeSlack(t)
	s := NewSink(fake.client(), nil)
	ctx := context.Background()
	feed := alert.Message{Event: alert.EventFeedDown, Channel: alert.Channel{Name: "desk", Platform: "slack", Target: "C1"},
		Feed: &alert.FeedHealth{Feed: store.FeedState{Feed: store.Feed{Name: "state", Side: "us"}}, Down: true, Reason: "failing for 3h"},
		Text: "FEED DOWN — state: failing for 3h <!here>", Language: "en"}
	if _, err := s.Send(ctx, feed); err != nil {
		t.Fatal(err)
	}
	if b := textOf(t, blocksOf(t, fake.callsTo("chat.postMessage")[0])); !strings.Contains(b, "Feed down: state") {
		t.Errorf("feed alert:\n%s", b)
	}
	chart := []byte("\x89PNG fake chart")
	digest := alert.Message{Event: alert.EventDigest, Channel: alert.Channel{Name: "desk", Platform: "slack", Target: "C1"},
		Text: "Week of 2026-11-16: 2 gaps " + hostileTitle, Language: "es",
		Attachments: []alert.Attachment{{Name: "gaps.png", ContentType: "image/png", Data: chart}}}
	r, err := s.Send(ctx, digest)
	if err != nil {
		t.Fatal(err)
	}
	if b := textOf(t, blocksOf(t, fake.callsTo("chat.postMessage")[1])); !strings.Contains(b, "Resumen") {
		t.Errorf("digest:\n%s", b)
	}
	ups := fake.callsTo("upload")
	if len(ups) != 1 || !bytes.Equal(ups[0].Body, chart) {
		t.Fatalf("uploads %d", len(ups))
	}
	done := fake.callsTo("files.completeUploadExternal")
	if len(done) != 1 || done[0].Form.Get("channel_id") != "C1" || done[0].Form.Get("thread_ts") != r.Ref {
		t.Fatalf("upload not shared into the digest's thread: %+v", done)
	}
}

// TestRenderGolden pins the Block Kit of an alert, a thread reply and its
// parent update (go test -update rewrites it).
func TestRenderGolden(t *testing.T) {
	var b strings.Builder
	for _, m := range []alert.Message{
		claimMessage(alert.EventNewClaim, "", match.Partial),
		claimMessage(alert.EventFinal, "1700000000.000001", match.Unconfirmed),
	} {
		r := Render(m)
		out := map[string]any{"event": m.Event, "text": r.Fallback, "blocks": r.Blocks}
		if r.Parent != nil {
			out["parent"] = map[string]any{"text": r.Parent.Fallback, "blocks": r.Parent.Blocks}
		}
		j, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
		for _, bad := range forbidden {
			var v any
			_ = json.Unmarshal(j, &v)
			for _, s := range leaves(v) {
				if strings.Contains(s, bad) {
					t.Errorf("%s: %q unescaped", m.Event, bad)
				}
			}
		}
	}
	path := filepath.Join("testdata", "alert.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("render differs from %s (go test -update to accept):\n%s", path, b.String())
	}
}
