package digest_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/digest"
	"github.com/gapwatch/gapwatch/store"
)

func TestDueAt(t *testing.T) {
	madrid := mustZone("Europe/Madrid")
	cases := []struct {
		name, spec string
		week       digest.Week
		loc        *time.Location
		want       string // UTC
	}{
		{"default in Mexico City", "", week47, mexico, "2026-11-23T15:00:00Z"},
		{"Friday afternoon", "0 17 * * 5", week47, mexico, "2026-11-27T23:00:00Z"},
		{"at midnight the week ends", "@daily", week47, mexico, "2026-11-23T06:00:00Z"},
		{"UTC", "30 7 * * 1", week47, time.UTC, "2026-11-23T07:30:00Z"},
		// Summer time starts in Madrid on Sunday 29 March 2026: Monday 09:00 is 07:00 UTC.
		{"after a DST change", "", digest.Week{Year: 2026, Num: 13}, madrid, "2026-03-30T07:00:00Z"},
		{"before it", "", digest.Week{Year: 2026, Num: 12}, madrid, "2026-03-23T08:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := digest.ParseSchedule(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := digest.DueAt(sc, c.week, c.loc).UTC().Format(time.RFC3339); got != c.want {
				t.Errorf("DueAt = %s, want %s", got, c.want)
			}
		})
	}
	if _, err := digest.ParseSchedule("0 25 * * 1"); err == nil {
		t.Error("ParseSchedule accepted hour 25")
	}
}

func newScheduler(t *testing.T, st digest.Store, chans ...digest.Channel) *digest.Scheduler {
	t.Helper()
	s, err := digest.NewScheduler(newBuilder(st), st, chans, digest.SchedulerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSchedulerNextAndDue(t *testing.T) {
	st, _ := tempStore(t)
	friday := desk
	friday.Name, friday.Schedule = "friday", "0 17 * * 5"
	s := newScheduler(t, st, desk, friday)
	cases := []struct {
		now  time.Time
		next time.Time
		due  []string // channel/week, late marked with "!"
	}{
		// Sunday night: last week's digests are long sent, this week's not due yet.
		{local(11, 22, 23, 0), local(11, 23, 9, 0), []string{"desk/2026-W43!", "desk/2026-W44!", "desk/2026-W45!", "desk/2026-W46!",
			"friday/2026-W43!", "friday/2026-W44!", "friday/2026-W45!", "friday/2026-W46!"}},
		{local(11, 23, 9, 5), local(11, 27, 17, 0), []string{"desk/2026-W44!", "desk/2026-W45!", "desk/2026-W46!", "desk/2026-W47",
			"friday/2026-W44!", "friday/2026-W45!", "friday/2026-W46!"}},
	}
	for _, c := range cases {
		if got := s.Next(c.now); !got.Equal(c.next) {
			t.Errorf("Next(%s) = %s, want %s", c.now, got.In(mexico), c.next)
		}
		var got []string
		for _, d := range s.DueNow(c.now) {
			k := d.Channel.Name + "/" + d.Week.String()
			if d.Late {
				k += "!"
			}
			got = append(got, k)
		}
		if strings.Join(got, " ") != strings.Join(c.due, " ") {
			t.Errorf("DueNow(%s) = %v, want %v", c.now, got, c.due)
		}
	}
}

// payloadText returns an outbox message's text.
func payloadText(t *testing.T, m store.OutboxMessage) (string, int) {
	t.Helper()
	var p struct {
		Text        string            `json:"text"`
		Attachments []json.RawMessage `json:"attachments"`
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		t.Fatal(err)
	}
	return p.Text, len(p.Attachments)
}

func digests(t *testing.T, st store.Store) []store.OutboxMessage {
	t.Helper()
	ms, err := st.Outbox(context.Background(), store.OutboxQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.OutboxMessage
	for _, m := range ms {
		if m.Event == "digest" {
			out = append(out, m)
		}
	}
	return out
}

func TestExactlyOnceAcrossRestart(t *testing.T) {
	ctx := context.Background()
	st, path := tempStore(t)
	fill(t, st, weekClaims())
	at := digestTime.Add(time.Minute)
	n, err := newScheduler(t, st, desk).Check(ctx, at)
	if err != nil || n != 1 {
		t.Fatalf("first check enqueued %d, %v; want the week's digest", n, err)
	}
	if n, err := newScheduler(t, st, desk).Check(ctx, at.Add(time.Minute)); err != nil || n != 0 {
		t.Fatalf("second check enqueued %d, %v; want none", n, err)
	}
	st.Close()

	// A restart: the file is reopened and a new scheduler checks again,
	// twice at the same time as a second replica on its own connection.
	st2 := openStore(t, path)
	defer st2.Close()
	st3 := openStore(t, path)
	defer st3.Close()
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i, s := range []store.Store{st2, st3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := newScheduler(t, s, desk).Check(ctx, at.Add(time.Hour))
			if err != nil {
				t.Errorf("check after restart: %v", err)
			}
			counts[i] = n
		}()
	}
	wg.Wait()
	if counts[0]+counts[1] != 0 {
		t.Errorf("after restart the replicas enqueued %v, want nothing", counts)
	}
	ds := digests(t, st2)
	if len(ds) != 1 || ds[0].Key != "digest/desk/2026-W47" || ds[0].Channel != "desk" {
		t.Fatalf("digests in the outbox = %+v, want one for desk and 2026-W47", ds)
	}
	text, atts := payloadText(t, ds[0])
	if strings.Contains(text, "sent late") || !strings.Contains(text, "New claims: 7") || atts != 1 {
		t.Errorf("on-time digest text (%d attachments):\n%s", atts, text)
	}
}

func TestReplicasRace(t *testing.T) {
	ctx := context.Background()
	st, path := tempStore(t)
	fill(t, st, weekClaims())
	var wg sync.WaitGroup
	counts := make([]int, 3)
	for i := range counts {
		other := openStore(t, path)
		defer other.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := newScheduler(t, other, desk).Check(ctx, digestTime.Add(time.Second))
			if err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
			counts[i] = n
		}()
	}
	wg.Wait()
	if counts[0]+counts[1]+counts[2] != 1 || len(digests(t, st)) != 1 {
		t.Errorf("three replicas enqueued %v (%d in the outbox), want one digest in all", counts, len(digests(t, st)))
	}
}

func TestCatchUpAfterDowntime(t *testing.T) {
	ctx := context.Background()
	st, _ := tempStore(t)
	fill(t, st, weekClaims())
	// The service polled during week 48 too, then was down from Friday 27
	// November to Wednesday 2 December: two Mondays were missed.
	if _, err := st.RecordPoll(ctx, store.Poll{Feed: "sre", Started: local(11, 25, 10, 0), Finished: local(11, 25, 10, 0),
		OK: true, Status: 200}, nil); err != nil {
		t.Fatal(err)
	}
	back := local(12, 2, 11, 0)
	n, err := newScheduler(t, st, desk).Check(ctx, back)
	if err != nil || n != 2 {
		t.Fatalf("catch-up enqueued %d, %v; want the two missed weeks (weeks without polls are skipped)", n, err)
	}
	ds := digests(t, st)
	if len(ds) != 2 || ds[0].Key != "digest/desk/2026-W47" || ds[1].Key != "digest/desk/2026-W48" {
		t.Fatalf("digests = %v", ds)
	}
	text, _ := payloadText(t, ds[0])
	if !strings.Contains(text, "sent late, scheduled for 2026-11-23 09:00 CST") || !strings.Contains(text, "New claims: 7") {
		t.Errorf("caught-up digest is not marked late:\n%s", text)
	}
	text, atts := payloadText(t, ds[1])
	if !strings.Contains(text, "sent late") || !strings.Contains(text, "week 2026-W48") || !strings.Contains(text, "New claims: 1") || atts != 1 {
		t.Errorf("week 48 digest (%d attachments):\n%s", atts, text)
	}
	if n, err := newScheduler(t, st, desk).Check(ctx, back.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("check after the catch-up enqueued %d, %v", n, err)
	}
}

func TestNoDigestOfUnwatchedWeeks(t *testing.T) {
	st, _ := tempStore(t)
	// A new installation with no poll: nothing to summarise.
	if n, err := newScheduler(t, st, desk).Check(context.Background(), digestTime.Add(time.Minute)); err != nil || n != 0 {
		t.Errorf("check on an empty store enqueued %d, %v", n, err)
	}
}
