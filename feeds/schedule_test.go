package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr bool
	}{
		{spec: ""},
		{spec: "@every 10m"},
		{spec: "@hourly"},
		{spec: "*/5 * * * *"},
		{spec: "0 6-22 * * mon-fri"},
		{spec: "every ten minutes", wantErr: true},
		{spec: "0 */5 * * * *", wantErr: true}, // seconds field: not a standard spec
		{spec: "61 * * * *", wantErr: true},
	}
	for _, tt := range tests {
		_, err := ParseSchedule(tt.spec)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseSchedule(%q) error = %v, want error %v", tt.spec, err, tt.wantErr)
		}
	}
	// The default runs every ten minutes.
	s, _ := ParseSchedule("")
	if got := s.Next(fixedNow).Sub(fixedNow); got != 10*time.Minute {
		t.Errorf("default schedule step = %v, want 10m", got)
	}
}

func TestSchedulerAdd(t *testing.T) {
	s := NewScheduler(func(context.Context, Source) (PollResult, error) { return PollResult{}, nil }, SchedulerOptions{})
	if err := s.Add(Source{Name: "a"}, ""); err != nil {
		t.Fatalf("Add: %v", err)
	}
	if err := s.Add(Source{Name: "a"}, "@hourly"); err == nil {
		t.Error("adding a feed twice did not fail")
	}
	if err := s.Add(Source{Name: "b"}, "bogus"); err == nil || !strings.Contains(err.Error(), "feed b") {
		t.Errorf("bad spec error = %v, want one naming the feed", err)
	}
}

func TestSchedulerSpread(t *testing.T) {
	s := NewScheduler(nil, SchedulerOptions{})
	seconds := map[time.Duration]bool{}
	for i := range 200 {
		name := fmt.Sprintf("feed-%03d", i)
		d := s.Spread(name)
		if d < 0 || d >= DefaultMaxSpread {
			t.Fatalf("Spread(%s) = %v, outside [0, %v)", name, d, DefaultMaxSpread)
		}
		if d != s.Spread(name) {
			t.Fatalf("Spread(%s) is not deterministic", name)
		}
		seconds[d.Truncate(time.Second)] = true
	}
	// 200 feeds over a 30 s spread: nearly every second gets some.
	if len(seconds) < 25 {
		t.Errorf("200 feeds fall in only %d distinct seconds", len(seconds))
	}
	if d := NewScheduler(nil, SchedulerOptions{MaxSpread: -1}).Spread("x"); d != 0 {
		t.Errorf("disabled spread = %v", d)
	}
}

// gateServer blocks every request until released, recording how many are
// in flight at most.
type gateServer struct {
	*httptest.Server
	arrived chan string   // the path of each request, as it arrives
	release chan struct{} // one token lets one request answer
	gaveUp  chan string   // the path of each request the client cancelled
	done    chan struct{} // closed at cleanup: every request answers

	mu          sync.Mutex
	inFlight    int
	maxInFlight int
	cancelled   int
}

func newGateServer(t *testing.T, body []byte) *gateServer {
	g := &gateServer{arrived: make(chan string, 1000), release: make(chan struct{}, 1000), gaveUp: make(chan string, 1000),
		done: make(chan struct{})}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.inFlight++
		g.maxInFlight = max(g.maxInFlight, g.inFlight)
		g.mu.Unlock()
		defer func() {
			g.mu.Lock()
			g.inFlight--
			g.mu.Unlock()
		}()
		g.arrived <- r.URL.Path
		select {
		case <-g.release:
			w.Write(body)
		case <-g.done:
		case <-r.Context().Done():
			g.mu.Lock()
			g.cancelled++
			g.mu.Unlock()
			g.gaveUp <- r.URL.Path
		}
	}))
	t.Cleanup(g.Close)
	t.Cleanup(func() { close(g.done) }) // runs first, so Close does not wait on a stuck request
	return g
}

func (g *gateServer) stats() (maxInFlight, cancelled int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.maxInFlight, g.cancelled
}

func TestRunOnceBoundedConcurrency(t *testing.T) {
	const feeds, limit = 10, 3
	g := newGateServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	s := NewScheduler(p.Poll, SchedulerOptions{Concurrency: limit})
	var sources []Source
	for i := range feeds {
		// Different sides so the store keeps each feed's copy of the items.
		sources = append(sources, Source{Name: fmt.Sprintf("f%02d", i), Side: fmt.Sprintf("side%d", i), URL: fmt.Sprintf("%s/f%02d", g.URL, i)})
	}

	done := make(chan []PollResult)
	go func() { done <- s.RunOnce(context.Background(), sources) }()
	for range limit {
		<-g.arrived // the bound is reached
	}
	// With every other feed queued, no further poll may start. Polls reach
	// the server staggered (each first reads and writes the store), so give
	// an unbounded pool a moment to show itself; passing never depends on it.
	select {
	case path := <-g.arrived:
		t.Fatalf("%s was polled while %d polls were in flight", path, limit)
	case <-time.After(200 * time.Millisecond):
	}
	for range feeds {
		g.release <- struct{}{}
	}
	results := <-done
	if m, _ := g.stats(); m != limit {
		t.Errorf("at most %d polls were in flight, want exactly the bound %d", m, limit)
	}
	for i, r := range results {
		if r.Feed != sources[i].Name || !r.OK() || r.New != 3 {
			t.Errorf("result %d = %+v", i, r)
		}
	}
}

func TestRunOnceBrokenFeedDoesNotStopOthers(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { w.Write(fixture(t, "press.xml")) })
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) { w.Write(fixture(t, "malformed.xml")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	sources := []Source{
		{Name: "broken", Side: "us", URL: srv.URL + "/malformed"},
		{Name: "good", Side: "us", URL: srv.URL + "/good"},
	}
	if err := p.Sync(context.Background(), sources); err != nil {
		t.Fatal(err)
	}
	results := NewScheduler(p.Poll, SchedulerOptions{}).RunOnce(context.Background(), sources)
	if r := results[0]; r.Class != ClassParse || r.Err == nil {
		t.Errorf("broken feed result = %+v, want a parse failure", r)
	}
	if r := results[1]; !r.OK() || r.New != 3 {
		t.Errorf("good feed result = %+v, want 3 new items", r)
	}
	if s := feedState(t, st, "broken"); s.LastErrorClass != string(ClassParse) || s.ErrorCount != 1 {
		t.Errorf("broken feed health = %+v", s)
	}
	if s := feedState(t, st, "good"); s.Items != 3 || s.ErrorCount != 0 {
		t.Errorf("good feed health = %+v", s)
	}
}

func TestRunOnceRecoversPanics(t *testing.T) {
	poll := func(ctx context.Context, src Source) (PollResult, error) {
		if src.Name == "bad" {
			panic("parser bug")
		}
		return PollResult{Feed: src.Name, Items: 1}, nil
	}
	results := NewScheduler(poll, SchedulerOptions{Concurrency: 1}).RunOnce(context.Background(),
		[]Source{{Name: "bad"}, {Name: "fine"}})
	if r := results[0]; r.Feed != "bad" || r.Err == nil || !strings.Contains(r.Err.Error(), "panic") {
		t.Errorf("panicking poll result = %+v", r)
	}
	if r := results[1]; r.Err != nil || r.Items != 1 {
		t.Errorf("next poll result = %+v", r)
	}
}

func TestSchedulerJobNeverOverlaps(t *testing.T) {
	g := newGateServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	s := NewScheduler(p.Poll, SchedulerOptions{MaxSpread: -1})
	src := Source{Name: "slow", Side: "us", URL: g.URL}
	job := s.job(src)
	s.Start(context.Background())

	first := make(chan struct{})
	go func() { job.Run(); close(first) }()
	<-g.arrived
	second := make(chan struct{})
	go func() { job.Run(); close(second) }()
	select {
	case <-second: // the first run is still in flight: this one returned at once
	case path := <-g.arrived:
		t.Fatalf("an overlapping run polled %s", path)
	}
	g.release <- struct{}{}
	<-first
	g.release <- struct{}{}
	job.Run() // the first run is over: this one polls again

	if err := s.Stop(context.Background()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if m, _ := g.stats(); m != 1 {
		t.Errorf("%d polls of one feed were in flight at once", m)
	}
	if st := feedState(t, st, src.Name); st.Polls != 2 {
		t.Errorf("recorded polls = %d, want 2 (the overlapping run skipped)", st.Polls)
	}
}

func TestSchedulerRunsOnCronAndStopsGracefully(t *testing.T) {
	g := newGateServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	s := NewScheduler(p.Poll, SchedulerOptions{MaxSpread: -1})
	src := Source{Name: "every-second", Side: "us", URL: g.URL}
	if err := s.Add(src, "@every 1s"); err != nil {
		t.Fatal(err)
	}
	s.Start(context.Background())
	select {
	case <-g.arrived:
	case <-time.After(30 * time.Second):
		t.Fatal("the cron entry never fired")
	}
	// A poll is in flight; Stop with time to spare lets it finish.
	stopped := make(chan error, 1)
	go func() { stopped <- s.Stop(context.Background()) }()
	<-s.quit // Stop has begun: no further run can start
	g.release <- struct{}{}
	if err := <-stopped; err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if st := feedState(t, st, src.Name); st.Polls != 1 || st.Items != 3 {
		t.Errorf("after a graceful stop: polls %d items %d, want the in-flight poll recorded", st.Polls, st.Items)
	}
}

func TestSchedulerStopCancelsBlockedPoll(t *testing.T) {
	g := newGateServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	s := NewScheduler(p.Poll, SchedulerOptions{MaxSpread: -1, Concurrency: 1})
	slow := Source{Name: "slow", Side: "us", URL: g.URL + "/slow"}
	waiting := Source{Name: "waiting", Side: "us", URL: g.URL + "/waiting"}
	if err := p.Sync(context.Background(), []Source{slow, waiting}); err != nil {
		t.Fatal(err)
	}
	s.Start(context.Background())
	go s.job(slow).Run()
	<-g.arrived
	go s.job(waiting).Run() // blocked on the concurrency slot

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := s.Stop(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Stop = %v, want the deadline error after cancelling the poll", err)
	}
	select {
	case path := <-g.gaveUp:
		if path != "/slow" {
			t.Errorf("cancelled request for %s, want /slow", path)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the blocked request was never cancelled")
	}
	if _, cancelled := g.stats(); cancelled != 1 {
		t.Errorf("server saw %d cancelled requests, want 1", cancelled)
	}
	for _, name := range []string{"slow", "waiting"} {
		if st := feedState(t, st, name); st.Polls != 0 || st.ErrorCount != 0 {
			t.Errorf("%s: a poll cut short by Stop was recorded (polls %d, errors %d)", name, st.Polls, st.ErrorCount)
		}
	}
	select {
	case path := <-g.arrived:
		t.Errorf("a poll of %s started after Stop", path)
	default:
	}
}

func TestSchedulerPollAtStart(t *testing.T) {
	g := newGateServer(t, fixture(t, "press.xml"))
	st := tempStore(t)
	p := newTestPoller(st, newClock(), PollerOptions{})
	s := NewScheduler(p.Poll, SchedulerOptions{MaxSpread: -1, PollAtStart: true})
	src := Source{Name: "yearly", Side: "us", URL: g.URL + "/yearly"}
	if err := s.Add(src, "@yearly"); err != nil {
		t.Fatal(err)
	}
	s.Start(context.Background())
	select {
	case path := <-g.arrived:
		if path != "/yearly" {
			t.Errorf("polled %s", path)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no poll at start")
	}
	g.release <- struct{}{}
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := feedState(t, st, src.Name); st.Polls != 1 {
		t.Errorf("polls = %d, want the one at start", st.Polls)
	}
}
