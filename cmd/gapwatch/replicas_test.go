package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/alert/alerttest"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/postgres"
	"github.com/gapwatch/gapwatch/store/postgres/pgtest"
)

// confirmingFeed is the one American feed that confirms the claims: the
// replicas that did not poll it learn of its readout from the store.
const confirmingFeed = "us011"

// replicaFeeds is a loopback press office of n feeds. A feed's first
// answer is its baseline; from its second answer on, every tenth Mexican
// feed also lists a claim, and items added later (news) appear on the
// next answer; from its third answer on, confirmingFeed lists the readout
// that confirms them all. It records when each feed was fetched.
type replicaFeeds struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string][]time.Time
	news map[string]string // feed -> extra item title
}

func newReplicaFeeds(t *testing.T) *replicaFeeds {
	f := &replicaFeeds{hits: map[string][]time.Time{}, news: map[string]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
		f.mu.Lock()
		f.hits[name] = append(f.hits[name], time.Now())
		n := len(f.hits[name])
		extra := f.news[name]
		f.mu.Unlock()
		pub := time.Now().Add(-time.Hour).UTC().Format(time.RFC1123Z)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>%[1]s</title><link>https://press.example/%[1]s</link>
<item><title>Agenda %[1]s</title><link>https://press.example/%[1]s/agenda</link><guid>agenda</guid><pubDate>%[2]s</pubDate>
<description>Agenda de actividades.</description></item>`, name, pub)
		if n > 1 && strings.HasPrefix(name, "mx") && strings.HasSuffix(name, "0") {
			fmt.Fprintf(w, `<item><title>México y Estados Unidos acuerdan inspecciones contra el tráfico de armas</title><link>https://press.example/%[1]s/armas</link><guid>armas</guid><pubDate>%[2]s</pubDate>
<description>La canciller Elena Ortiz y el subsecretario de Estado Mark Doyle se reunieron en la Ciudad de México. México y Estados Unidos acordaron reforzar las inspecciones contra el tráfico de armas en la garita de Nogales.</description></item>`, name, pub)
		}
		if n > 2 && name == confirmingFeed {
			fmt.Fprintf(w, `<item><title>Deputy Secretary Doyle's Meeting with Foreign Secretary Ortiz</title><link>https://press.example/%[1]s/readout</link><guid>readout</guid><pubDate>%[2]s</pubDate>
<description>Deputy Secretary Mark Doyle met Mexican Foreign Secretary Elena Ortiz in Mexico City. The United States and Mexico agreed to strengthen inspections against arms trafficking at the Nogales port of entry.</description></item>`, name, pub)
		}
		if extra != "" {
			fmt.Fprintf(w, `<item><title>%[2]s</title><link>https://press.example/%[1]s/news</link><guid>news</guid><pubDate>%[3]s</pubDate>
<description>%[2]s.</description></item>`, name, extra, pub)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(f.Close)
	return f
}

// polledSince returns the feeds fetched at or after t.
func (f *replicaFeeds) polledSince(t time.Time) map[string]bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]bool{}
	for name, hs := range f.hits {
		if len(hs) > 0 && !hs[len(hs)-1].Before(t) {
			out[name] = true
		}
	}
	return out
}

func (f *replicaFeeds) addNews(feed, title string) {
	f.mu.Lock()
	f.news[feed] = title
	f.mu.Unlock()
}

// TestThreeReplicas runs three service instances on one PostgreSQL
// database with 200 feeds, kills one mid-run, and checks that every feed
// keeps being polled and every message (claims' alerts, the digest) is
// delivered exactly once.
func TestThreeReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three replicas for about a minute")
	}
	pgURL := pgtest.URL(t)
	feeds := newReplicaFeeds(t)
	const nFeeds = 200
	var b strings.Builder
	b.WriteString("feeds:\n")
	for i := range nFeeds {
		side := []string{"mx", "us"}[i%2]
		fmt.Fprintf(&b, "  - {name: %s%03d, side: %s, url: %s/%s%03d.xml, schedule: \"@every 2s\"}\n", side, i, side, feeds.URL, side, i)
	}
	fmt.Fprintf(&b, `storage: %s
listen: 127.0.0.1:0
poller:
  concurrency: 16
  timeout: 3s
channels:
  - name: desk
    platform: console
    digest: {schedule: "0 9 * * 1"}
`, pgURL)
	cfgPath := filepath.Join(t.TempDir(), "gapwatch.yaml")
	if err := os.WriteFile(cfgPath, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(string) (string, bool) { return "", false }}
	g := globalFlags{configPath: cfgPath, logFormat: "json"}
	cfg, err := g.load(e)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Poller.Spread = -1 // poll at once
	// Migrate once before the replicas start, as the docs ask, and record
	// a (failed) poll last week: the service watched that week, so each
	// replica's digest scheduler catches up on its digest at start.
	if _, err := postgres.Migrate(context.Background(), pgURL); err != nil {
		t.Fatal(err)
	}
	pre, err := postgres.Open(context.Background(), pgURL)
	if err != nil {
		t.Fatal(err)
	}
	lastWeek := time.Now().Add(-7 * 24 * time.Hour)
	if _, err := pre.RecordPoll(context.Background(), store.Poll{Feed: "us001", Started: lastWeek, Finished: lastWeek,
		ErrorClass: "timeout", Error: "timeout"}, nil); err != nil {
		t.Fatal(err)
	}
	pre.Close()
	saved := followEvery
	followEvery = 500 * time.Millisecond
	defer func() { followEvery = saved }()

	sink := &alerttest.Recorder{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	type replica struct {
		app    *App
		cancel context.CancelFunc
	}
	var reps []replica
	for i := range 3 {
		c := *cfg
		c.Listen = "127.0.0.1:0"
		ctx, cancel := context.WithCancel(context.Background())
		app, err := newApp(ctx, &c, log.With("replica", i), appOptions{stdout: io.Discard,
			sinks: map[string]alert.Sink{"desk": sink}})
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		if err := app.Start(ctx); err != nil {
			t.Fatalf("replica %d: start: %v", i, err)
		}
		reps = append(reps, replica{app, cancel})
	}
	stopped := map[int]bool{}
	defer func() {
		for i, r := range reps {
			if stopped[i] {
				continue
			}
			r.cancel()
			sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
			if err := r.app.Stop(sctx); err != nil {
				t.Errorf("stop replica %d: %v", i, err)
			}
			scancel()
		}
	}()

	waitAllPolled := func(since time.Time, what string) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			got := feeds.polledSince(since)
			if len(got) == nFeeds {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d of %d feeds polled", what, len(got), nFeeds)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	start := time.Now()
	waitAllPolled(start, "at start")
	waitAllPolled(time.Now(), "second round")

	// Kill replica 0 without a clean shutdown: it stops renewing its
	// leases and its feeds go to the others when the leases expire.
	// The replicas share the feeds out once they all see each other.
	var held int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		held = heldFeeds(reps[0].app)
		if held > nFeeds/6 && held < nFeeds/2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica 0 polls %d of %d feeds: the leases did not share the work out", held, nFeeds)
		}
	}
	killReplica(reps[0].app, reps[0].cancel)
	stopped[0] = true
	killed := time.Now()
	for i := range 20 {
		feeds.addNews(fmt.Sprintf("mx%03d", i*10), fmt.Sprintf("Nota %d", i))
	}
	waitAllPolled(killed, "after the kill")

	// Let the survivors decide and deliver everything: every claim is
	// confirmed, though one replica polled the confirmation and most
	// claims were polled by the others (each replica follows the items
	// the others store).
	deadline := time.Now().Add(45 * time.Second)
	for {
		pending, err := reps[1].app.store.Outbox(context.Background(), store.OutboxQuery{State: store.OutboxPending})
		if err != nil {
			t.Fatal(err)
		}
		confirmed, err := reps[1].app.store.Claims(context.Background(), store.ClaimQuery{Side: "mx", Statuses: []match.Status{match.Confirmed}})
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) == 0 && len(confirmed) == 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages still pending, %d of 20 claims confirmed", len(pending), len(confirmed))
		}
		time.Sleep(200 * time.Millisecond)
	}
	all, err := reps[1].app.store.Outbox(context.Background(), store.OutboxQuery{})
	if err != nil {
		t.Fatal(err)
	}
	delivered := map[string]int{}
	events := map[string]int{}
	for _, m := range sink.Messages() {
		delivered[m.Key]++
		events[m.Event]++
	}
	for k, n := range delivered {
		if n != 1 {
			t.Errorf("message %s delivered %d times", k, n)
		}
	}
	for _, m := range all {
		if m.State != store.OutboxSent || delivered[m.Key] != 1 {
			t.Errorf("outbox %s (%s): state %s, delivered %d times", m.Key, m.Event, m.State, delivered[m.Key])
		}
	}
	if events[alert.EventNewClaim] < 20 || events[alert.EventConfirmed] < 20 {
		t.Errorf("delivered %v, want the 20 claims of the Mexican feeds, each confirmed (and the readout's claim)", events)
	}
	if events["digest"] != 1 {
		t.Errorf("%d digests delivered, want last week's: %v", events["digest"], events)
	}
	t.Logf("replica 0 held %d feeds when killed; delivered %v", held, events)
}

// heldFeeds counts the feeds a replica polled last (it holds their leases).
func heldFeeds(a *App) int {
	replicasMu.Lock()
	r := replicas[a]
	replicasMu.Unlock()
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, mine := range r.mine {
		if mine {
			n++
		}
	}
	return n
}

// killReplica stops a replica the way a crash does for the others: its
// work stops at once, nothing is released and its store connections go.
func killReplica(a *App, cancel context.CancelFunc) {
	cancel()
	replicasMu.Lock()
	r := replicas[a]
	delete(replicas, a)
	replicasMu.Unlock()
	if r != nil && r.cancel != nil {
		r.cancel()
		<-r.done
	}
	sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer scancel()
	_ = a.Stop(sctx)
}
