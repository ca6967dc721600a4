// Package storetest is the contract suite every store.Store implementation
// passes. An implementation's test calls Run with a function that opens a
// fresh, empty store (and registers its cleanup on t); the suite uses only
// the store.Store methods, so SQLite and PostgreSQL run the same cases.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// suiteCase is one case of a suite: its name and its test of a fresh store.
type suiteCase struct {
	name string
	test func(t *testing.T, s store.Store)
}

// runEach runs every case as a subtest on a store of its own from open.
func runEach(t *testing.T, open func(t *testing.T) store.Store, cases []suiteCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.test(t, open(t))
		})
	}
}

// Run runs the contract suite. open must return a new empty store for each
// call and close it when t ends.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	runEach(t, open, []suiteCase{
		{"EnsureFeed", testEnsureFeed},
		{"FirstPollIsBacklog", testFirstPollIsBacklog},
		{"FailedFirstPollDoesNotBaseline", testFailedFirstPollDoesNotBaseline},
		{"DuplicateGUIDInBatch", testDuplicateGUIDInBatch},
		{"SameLinkAcrossFeeds", testSameLinkAcrossFeeds},
		{"EditedItemIsRevised", testEditedItemIsRevised},
		{"EditedUndatedItemKeepsDate", testEditedUndatedItemKeepsDate},
		{"FailedPollKeepsState", testFailedPollKeepsState},
		{"NotModifiedPoll", testNotModifiedPoll},
		{"ItemQuery", testItemQuery},
		{"NotFound", testNotFound},
		{"ItemRoundTrip", testItemRoundTrip},
		{"TimeRoundTrip", testTimeRoundTrip},
		{"PollIsAtomic", testPollIsAtomic},
		{"ConcurrentPolls", testConcurrentPolls},
		{"PollsWindow", testPollsWindow},
	})
}

// t0 is the suite's reference time, with microseconds so that truncation
// would show.
var t0 = time.Date(2026, 3, 2, 15, 4, 5, 123456000, time.UTC)

// at returns t0 plus d hours.
func at(h float64) time.Time {
	return t0.Add(time.Duration(h * float64(time.Hour)))
}

// newItem returns a complete item of feed with the given GUID and title.
func newItem(feed, side, guid, title string, published time.Time) match.Item {
	return match.Item{
		Feed:        feed,
		Side:        side,
		GUID:        guid,
		Title:       title,
		Link:        "https://press.example/" + side + "/" + guid,
		Published:   published,
		Summary:     "Summary of " + title,
		Content:     "Body of " + title + ".",
		SummaryHTML: "<p>Summary of " + title + "</p>",
		ContentHTML: "<p>Body of " + title + ".</p>",
		Language:    map[string]string{"mx": "es-MX", "us": "en"}[side],
	}
}

// okPoll is a successful 200 poll of feed that finished at finished.
func okPoll(feed string, finished time.Time) store.Poll {
	return store.Poll{
		Feed:      feed,
		Started:   finished.Add(-2 * time.Second),
		Finished:  finished,
		OK:        true,
		Status:    200,
		FetchPath: "http",
	}
}

// failedPoll is a failed poll of feed.
func failedPoll(feed string, finished time.Time, class, msg string) store.Poll {
	return store.Poll{
		Feed:          feed,
		Started:       finished.Add(-30 * time.Second),
		Finished:      finished,
		Status:        503,
		ErrorClass:    class,
		Error:         msg,
		NextAttemptAt: finished.Add(5 * time.Minute),
		FetchPath:     "http",
	}
}

func record(t *testing.T, s store.Store, p store.Poll, items ...match.Item) store.SaveResult {
	t.Helper()
	res, err := s.RecordPoll(context.Background(), p, items)
	if err != nil {
		t.Fatalf("RecordPoll(%s at %s): %v", p.Feed, p.Finished, err)
	}
	return res
}

func feedState(t *testing.T, s store.Store, name string) store.FeedState {
	t.Helper()
	f, err := s.FeedState(context.Background(), name)
	if err != nil {
		t.Fatalf("FeedState(%s): %v", name, err)
	}
	return f
}

func items(t *testing.T, s store.Store, q store.ItemQuery) []match.Item {
	t.Helper()
	its, err := s.Items(context.Background(), q)
	if err != nil {
		t.Fatalf("Items(%+v): %v", q, err)
	}
	return its
}

func guids(its []match.Item) []string {
	out := make([]string, 0, len(its))
	for _, it := range its {
		out = append(out, it.GUID)
	}
	return out
}

// normTime is t as a store returns it: UTC, microseconds, zero kept zero.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

func normItem(it match.Item) match.Item {
	it.Published = normTime(it.Published)
	it.Updated = normTime(it.Updated)
	it.FirstSeen = normTime(it.FirstSeen)
	if len(it.Categories) == 0 {
		it.Categories = nil
	}
	return it
}

// checkItem fails t unless got equals want field by field (times compared
// as instants to the microsecond).
func checkItem(t *testing.T, what string, got, want match.Item) {
	t.Helper()
	g, w := normItem(got), normItem(want)
	if reflect.DeepEqual(g, w) {
		return
	}
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
	for i := range gv.NumField() {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s: %s = %v, want %v", what, gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !normTime(got).Equal(normTime(want)) || got.IsZero() != want.IsZero() {
		t.Errorf("%s = %v, want %v", what, got, normTime(want))
	}
}

func testEnsureFeed(t *testing.T, s store.Store) {
	ctx := context.Background()
	feeds := []store.Feed{
		{Name: "state-press", Side: "us", URL: "https://state.example/press/feed/", Kind: "rss"},
		{Name: "sre-prensa", Side: "mx", URL: "https://sre.example/prensa", Kind: "html"},
		{Name: "cbp-media", Side: "us", URL: "https://cbp.example/rss", Kind: "rss"},
	}
	for _, f := range feeds {
		if err := s.EnsureFeed(ctx, f); err != nil {
			t.Fatalf("EnsureFeed(%s): %v", f.Name, err)
		}
	}
	// Fetch state that a later EnsureFeed must keep.
	p := okPoll("state-press", at(1))
	p.ETag, p.LastModified = `"v1"`, "Mon, 02 Mar 2026 15:00:00 GMT"
	record(t, s, p, newItem("state-press", "us", "a", "A", at(0)))

	// The configuration changes the feed's URL and kind.
	moved := store.Feed{Name: "state-press", Side: "us", URL: "https://state.example/press/v2/", Kind: "html"}
	if err := s.EnsureFeed(ctx, moved); err != nil {
		t.Fatalf("EnsureFeed(moved): %v", err)
	}
	// Ensuring the same feed again is harmless.
	if err := s.EnsureFeed(ctx, feeds[1]); err != nil {
		t.Fatalf("EnsureFeed again: %v", err)
	}

	states, err := s.FeedStates(ctx)
	if err != nil {
		t.Fatalf("FeedStates: %v", err)
	}
	want := []store.Feed{feeds[2], feeds[1], moved}
	if len(states) != len(want) {
		t.Fatalf("FeedStates returned %d feeds, want %d", len(states), len(want))
	}
	for i, w := range want {
		if states[i].Feed != w {
			t.Errorf("FeedStates[%d] = %+v, want %+v (ordered by name)", i, states[i].Feed, w)
		}
	}
	got := feedState(t, s, "state-press")
	if got.ETag != `"v1"` || got.LastModified != p.LastModified {
		t.Errorf("validators after EnsureFeed = %q, %q; want kept", got.ETag, got.LastModified)
	}
	if !got.Baselined || got.Items != 1 || got.Polls != 1 {
		t.Errorf("fetch state after EnsureFeed = baselined %v items %d polls %d; want true 1 1", got.Baselined, got.Items, got.Polls)
	}
	sameTime(t, "LastSuccessAt", got.LastSuccessAt, at(1))
	if fresh := feedState(t, s, "cbp-media"); fresh.Baselined || fresh.Polls != 0 || !fresh.LastPollAt.IsZero() || fresh.Items != 0 {
		t.Errorf("never-polled feed state = %+v, want empty fetch state", fresh)
	}
	if err := s.EnsureFeed(ctx, store.Feed{Side: "us"}); err == nil {
		t.Error("EnsureFeed with an empty name: no error")
	}
}

func testFirstPollIsBacklog(t *testing.T, s store.Store) {
	const feed = "sre-prensa"
	if err := s.EnsureFeed(context.Background(), store.Feed{Name: feed, Side: "mx", Kind: "html"}); err != nil {
		t.Fatal(err)
	}
	old := []match.Item{
		newItem(feed, "mx", "c-1", "Comunicado 1", at(-72)),
		newItem(feed, "mx", "c-2", "Comunicado 2", at(-48)),
		newItem(feed, "mx", "c-3", "Comunicado 3", at(-24)),
	}
	first := record(t, s, okPoll(feed, at(1)), old...)
	if len(first.New) != 3 || first.Unchanged != 0 || first.Duplicates != 0 || len(first.Revised) != 0 {
		t.Fatalf("first poll result = %d new, %d revised, %d unchanged, %d duplicates; want 3 new", len(first.New), len(first.Revised), first.Unchanged, first.Duplicates)
	}
	ids := map[int64]bool{}
	for i, it := range first.New {
		if it.ID == 0 || ids[it.ID] {
			t.Errorf("New[%d].ID = %d, want a distinct non-zero ID", i, it.ID)
		}
		ids[it.ID] = true
		want := old[i]
		want.ID, want.Backlog, want.FirstSeen = it.ID, true, at(1)
		checkItem(t, fmt.Sprintf("first poll New[%d]", i), it, want)
		stored, err := s.Item(context.Background(), it.ID)
		if err != nil {
			t.Fatalf("Item(%d): %v", it.ID, err)
		}
		checkItem(t, fmt.Sprintf("stored item %d", it.ID), stored, want)
	}

	fresh := newItem(feed, "mx", "c-4", "Comunicado 4", at(2))
	second := record(t, s, okPoll(feed, at(3)), append(slices.Clone(old), fresh)...)
	if len(second.New) != 1 || second.Unchanged != 3 || len(second.Revised) != 0 || second.Duplicates != 0 {
		t.Fatalf("second poll result = %d new, %d revised, %d unchanged, %d duplicates; want 1 new, 3 unchanged", len(second.New), len(second.Revised), second.Unchanged, second.Duplicates)
	}
	want := fresh
	want.ID, want.FirstSeen = second.New[0].ID, at(3)
	checkItem(t, "second poll New[0]", second.New[0], want)

	st := feedState(t, s, feed)
	if !st.Baselined || st.Items != 4 || st.Polls != 2 || st.Failures != 0 {
		t.Errorf("feed state = baselined %v, items %d, polls %d, failures %d; want true, 4, 2, 0", st.Baselined, st.Items, st.Polls, st.Failures)
	}
	if got := guids(items(t, s, store.ItemQuery{Feed: feed, ExcludeBacklog: true})); !slices.Equal(got, []string{"c-4"}) {
		t.Errorf("non-backlog items = %v, want [c-4]", got)
	}

	// A feed whose first successful poll was empty is baselined too: its
	// first items afterwards are news.
	record(t, s, okPoll("empty", at(1)))
	res := record(t, s, okPoll("empty", at(2)), newItem("empty", "mx", "e-1", "Primero", at(2)))
	if len(res.New) != 1 || res.New[0].Backlog {
		t.Errorf("item after an empty first poll: %+v, want one non-backlog item", res.New)
	}
}

func testFailedFirstPollDoesNotBaseline(t *testing.T, s store.Store) {
	const feed = "state-wha"
	record(t, s, failedPoll(feed, at(1), "status", "503 Service Unavailable"),
		newItem(feed, "us", "ignored", "Ignored", at(0)))
	if st := feedState(t, s, feed); st.Baselined || st.Items != 0 {
		t.Fatalf("after a failed first poll: baselined %v, items %d; want false, 0", st.Baselined, st.Items)
	}
	res := record(t, s, okPoll(feed, at(2)), newItem(feed, "us", "r-1", "Release 1", at(0)))
	if len(res.New) != 1 || !res.New[0].Backlog {
		t.Errorf("first successful poll after a failure: New = %+v, want one backlog item", res.New)
	}
}

func testDuplicateGUIDInBatch(t *testing.T, s store.Store) {
	const feed = "cbp-media"
	first := newItem(feed, "us", "node/1", "First title", at(0))
	again := newItem(feed, "us", "node/1", "Second title", at(0))
	other := newItem(feed, "us", "node/2", "Other", at(1))
	res := record(t, s, okPoll(feed, at(2)), first, again, other)
	if len(res.New) != 2 || res.Duplicates != 1 {
		t.Fatalf("result = %d new, %d duplicates; want 2 new, 1 duplicate", len(res.New), res.Duplicates)
	}
	got, err := s.ItemByGUID(context.Background(), feed, "node/1")
	if err != nil {
		t.Fatalf("ItemByGUID: %v", err)
	}
	if got.Title != "First title" {
		t.Errorf("stored title = %q, want the first occurrence's %q", got.Title, "First title")
	}
	if st := feedState(t, s, feed); st.Items != 2 {
		t.Errorf("feed items = %d, want 2", st.Items)
	}
}

func testSameLinkAcrossFeeds(t *testing.T, s store.Store) {
	const link = "https://www.state.example/joint-statement/"
	mk := func(feed, side, guid string) match.Item {
		it := newItem(feed, side, guid, "Joint statement", at(0))
		it.Link = link
		return it
	}
	cases := []struct {
		name      string
		feed      string
		side      string
		guid      string
		wantNew   int
		wantDup   int
		wantTotal int
	}{
		{"first feed stores it", "state-press", "us", "p-1", 1, 0, 1},
		{"section feed of the same side skips it", "state-wha", "us", "w-9", 0, 1, 1},
		{"feed of the other side stores it", "sre-prensa", "mx", "s-4", 1, 0, 2},
		{"same feed with another GUID stores it", "state-press", "us", "p-2", 1, 0, 3},
	}
	for i, c := range cases {
		res := record(t, s, okPoll(c.feed, at(float64(i+1))), mk(c.feed, c.side, c.guid))
		if len(res.New) != c.wantNew || res.Duplicates != c.wantDup {
			t.Errorf("%s: %d new, %d duplicates; want %d, %d", c.name, len(res.New), res.Duplicates, c.wantNew, c.wantDup)
		}
		if n := len(items(t, s, store.ItemQuery{})); n != c.wantTotal {
			t.Errorf("%s: %d items stored, want %d", c.name, n, c.wantTotal)
		}
	}
	// The skipped item is not stored under the section feed, and a
	// re-poll of it is still a duplicate, not a new item.
	if _, err := s.ItemByGUID(context.Background(), "state-wha", "w-9"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ItemByGUID(state-wha, w-9) error = %v, want ErrNotFound", err)
	}
	res := record(t, s, okPoll("state-wha", at(9)), mk("state-wha", "us", "w-9"))
	if len(res.New) != 0 || res.Duplicates != 1 {
		t.Errorf("re-poll of the section feed: %d new, %d duplicates; want 0, 1", len(res.New), res.Duplicates)
	}
}

func testEditedItemIsRevised(t *testing.T, s store.Store) {
	const feed = "state-press"
	ctx := context.Background()
	v0 := newItem(feed, "us", "r-7", "Secretary meets counterpart", at(0))
	first := record(t, s, okPoll(feed, at(1)), v0)
	id := first.New[0].ID

	cases := []struct {
		name        string
		edit        func(match.Item) match.Item
		wantRevised bool
	}{
		{"identical re-poll", func(it match.Item) match.Item { return it }, false},
		{"categories alone do not make a revision", func(it match.Item) match.Item {
			it.Categories = []string{"Mexico"}
			return it
		}, false},
		{"edited title", func(it match.Item) match.Item {
			it.Title = "Secretary meets Mexican counterpart"
			return it
		}, true},
		{"edited body", func(it match.Item) match.Item {
			it.Title = "Secretary meets Mexican counterpart"
			it.Content = "Body with a correction."
			it.ContentHTML = "<p>Body with a correction.</p>"
			return it
		}, true},
	}
	wantRev := 0
	for i, c := range cases {
		seen := at(float64(2 + i))
		it := c.edit(v0)
		res := record(t, s, okPoll(feed, seen), it)
		if len(res.New) != 0 {
			t.Fatalf("%s: %d new items, want 0", c.name, len(res.New))
		}
		if !c.wantRevised {
			if res.Unchanged != 1 || len(res.Revised) != 0 {
				t.Errorf("%s: %d unchanged, %d revised; want 1, 0", c.name, res.Unchanged, len(res.Revised))
			}
			continue
		}
		wantRev++
		if res.Unchanged != 0 || len(res.Revised) != 1 {
			t.Fatalf("%s: %d unchanged, %d revised; want 0, 1", c.name, res.Unchanged, len(res.Revised))
		}
		want := it
		want.ID, want.Revision, want.FirstSeen, want.Backlog = id, wantRev, at(1), true
		checkItem(t, c.name+": Revised[0]", res.Revised[0], want)
		stored, err := s.Item(ctx, id)
		if err != nil {
			t.Fatalf("Item: %v", err)
		}
		checkItem(t, c.name+": stored item", stored, want)
	}

	revs, err := s.Revisions(ctx, id)
	if err != nil {
		t.Fatalf("Revisions: %v", err)
	}
	want := []store.Revision{
		{ItemID: id, Revision: 0, Title: v0.Title, Summary: v0.Summary, Content: v0.Content, SeenAt: at(1)},
		{ItemID: id, Revision: 1, Title: "Secretary meets Mexican counterpart", Summary: v0.Summary, Content: v0.Content, SeenAt: at(4)},
		{ItemID: id, Revision: 2, Title: "Secretary meets Mexican counterpart", Summary: v0.Summary, Content: "Body with a correction.", SeenAt: at(5)},
	}
	if len(revs) != len(want) {
		t.Fatalf("Revisions returned %d versions, want %d: %+v", len(revs), len(want), revs)
	}
	for i := range want {
		got := revs[i]
		sameTime(t, fmt.Sprintf("revision %d SeenAt", i), got.SeenAt, want[i].SeenAt)
		got.SeenAt = want[i].SeenAt
		if got != want[i] {
			t.Errorf("revision %d = %+v, want %+v", i, got, want[i])
		}
	}
	if st := feedState(t, s, feed); st.Items != 1 {
		t.Errorf("feed items after edits = %d, want 1", st.Items)
	}
}

func testEditedUndatedItemKeepsDate(t *testing.T, s store.Store) {
	// An entry without a date is dated when it is first seen; every later
	// poll guesses again, and an edit must not move the item forward.
	undated := func(title string, seen time.Time) match.Item {
		it := newItem("sre", "mx", "sin-fecha", title, seen)
		it.DateGuessed = true
		return it
	}
	first := record(t, s, okPoll("sre", at(1)), undated("Comunicado", at(1)))
	edited := record(t, s, okPoll("sre", at(30)), undated("Comunicado corregido", at(30)))
	if len(edited.Revised) != 1 {
		t.Fatalf("edit of an undated item: %d revised, want 1", len(edited.Revised))
	}
	want := undated("Comunicado corregido", at(1))
	want.ID, want.FirstSeen, want.Backlog, want.Revision = first.New[0].ID, at(1), true, 1
	checkItem(t, "Revised[0]", edited.Revised[0], want)
	stored, err := s.Item(context.Background(), want.ID)
	if err != nil {
		t.Fatalf("Item: %v", err)
	}
	checkItem(t, "stored item", stored, want)

	// A later version that carries a real date takes it.
	dated := newItem("sre", "mx", "sin-fecha", "Comunicado fechado", at(20))
	res := record(t, s, okPoll("sre", at(40)), dated)
	if len(res.Revised) != 1 || !res.Revised[0].Published.Equal(at(20)) || res.Revised[0].DateGuessed {
		t.Errorf("dated edit: %+v, want published %v and no guessed date", res.Revised, at(20))
	}
}

func testFailedPollKeepsState(t *testing.T, s store.Store) {
	const feed = "state-press"
	ok := okPoll(feed, at(1))
	ok.ETag, ok.LastModified = `W/"abc"`, "Mon, 02 Mar 2026 16:00:00 GMT"
	ok.NextAttemptAt = at(1.5)
	record(t, s, ok, newItem(feed, "us", "a", "A", at(0)), newItem(feed, "us", "b", "B", at(0.5)))

	steps := []struct {
		name       string
		poll       store.Poll
		items      []match.Item
		wantErrors int
		wantFails  int
		wantError  string
		wantClass  string
		wantNext   time.Time
	}{
		{"first failure", failedPoll(feed, at(2), "status", "503 Service Unavailable"),
			[]match.Item{newItem(feed, "us", "c", "C", at(1))}, 1, 1, "503 Service Unavailable", "status", at(2).Add(5 * time.Minute)},
		{"second failure", failedPoll(feed, at(3), "timeout", "no answer within 30s"),
			nil, 2, 2, "no answer within 30s", "timeout", at(3).Add(5 * time.Minute)},
	}
	for _, st := range steps {
		record(t, s, st.poll, st.items...)
		got := feedState(t, s, feed)
		if got.ErrorCount != st.wantErrors || got.Failures != st.wantFails || got.LastError != st.wantError || got.LastErrorClass != st.wantClass {
			t.Errorf("%s: errors %d, failures %d, last error %q (%s); want %d, %d, %q (%s)", st.name, got.ErrorCount, got.Failures, got.LastError, got.LastErrorClass, st.wantErrors, st.wantFails, st.wantError, st.wantClass)
		}
		if got.ETag != ok.ETag || got.LastModified != ok.LastModified {
			t.Errorf("%s: validators %q, %q; want kept %q, %q", st.name, got.ETag, got.LastModified, ok.ETag, ok.LastModified)
		}
		if got.Items != 2 || got.FetchPath != "http" || !got.Baselined {
			t.Errorf("%s: items %d, fetch path %q, baselined %v; want 2, http, true", st.name, got.Items, got.FetchPath, got.Baselined)
		}
		sameTime(t, st.name+": LastSuccessAt", got.LastSuccessAt, at(1))
		sameTime(t, st.name+": LastErrorAt", got.LastErrorAt, st.poll.Finished)
		sameTime(t, st.name+": LastPollAt", got.LastPollAt, st.poll.Finished)
		sameTime(t, st.name+": NextAttemptAt", got.NextAttemptAt, st.wantNext)
	}
	if n := len(items(t, s, store.ItemQuery{Feed: feed})); n != 2 {
		t.Errorf("items after failed polls = %d, want 2 (a failed poll's items are ignored)", n)
	}

	recovered := okPoll(feed, at(4))
	recovered.ETag, recovered.LastModified, recovered.FetchPath = `W/"def"`, "", "browser"
	record(t, s, recovered, newItem(feed, "us", "a", "A", at(0)))
	got := feedState(t, s, feed)
	if got.ErrorCount != 0 || got.LastError != "" || got.LastErrorClass != "" {
		t.Errorf("after recovery: errors %d, last error %q (%s); want 0, empty", got.ErrorCount, got.LastError, got.LastErrorClass)
	}
	if got.Failures != 2 || got.Polls != 4 {
		t.Errorf("after recovery: failures %d, polls %d; want 2, 4", got.Failures, got.Polls)
	}
	if got.ETag != `W/"def"` || got.LastModified != "" || got.FetchPath != "browser" {
		t.Errorf("after recovery: validators %q, %q, fetch path %q; want the new ones", got.ETag, got.LastModified, got.FetchPath)
	}
	sameTime(t, "after recovery: LastSuccessAt", got.LastSuccessAt, at(4))
	sameTime(t, "after recovery: LastErrorAt", got.LastErrorAt, at(3))
	if !got.NextAttemptAt.IsZero() {
		t.Errorf("after recovery: NextAttemptAt = %v, want zero (now)", got.NextAttemptAt)
	}
}

func testNotModifiedPoll(t *testing.T, s store.Store) {
	const feed = "cbp-media"
	first := okPoll(feed, at(1))
	first.ETag, first.LastModified = `"e1"`, "Mon, 02 Mar 2026 15:00:00 GMT"
	record(t, s, first, newItem(feed, "us", "node/5", "Five", at(0)))

	nm := okPoll(feed, at(2))
	nm.NotModified, nm.Status = true, 304
	nm.ETag, nm.LastModified = first.ETag, first.LastModified
	res := record(t, s, nm)
	if len(res.New)+len(res.Revised)+res.Unchanged+res.Duplicates != 0 {
		t.Errorf("304 poll result = %+v, want empty", res)
	}
	got := feedState(t, s, feed)
	if got.ETag != first.ETag || got.LastModified != first.LastModified {
		t.Errorf("validators after 304 = %q, %q; want %q, %q", got.ETag, got.LastModified, first.ETag, first.LastModified)
	}
	if got.Items != 1 || got.Polls != 2 || got.ErrorCount != 0 {
		t.Errorf("after 304: items %d, polls %d, errors %d; want 1, 2, 0", got.Items, got.Polls, got.ErrorCount)
	}
	sameTime(t, "LastSuccessAt after 304", got.LastSuccessAt, at(2))
	polls, err := s.Polls(context.Background(), feed, at(0), at(3))
	if err != nil {
		t.Fatalf("Polls: %v", err)
	}
	if len(polls) != 2 || !polls[1].NotModified || polls[1].Status != 304 || !polls[1].OK {
		t.Errorf("poll log = %+v, want the 304 poll last", polls)
	}
}

func testItemQuery(t *testing.T, s store.Store) {
	// Backlog: the first poll of each feed; news: the second.
	record(t, s, okPoll("sre", at(0)),
		newItem("sre", "mx", "m1", "m1", at(-10)),
		newItem("sre", "mx", "m2", "m2", at(-5)))
	record(t, s, okPoll("sre", at(10)),
		newItem("sre", "mx", "m3", "m3", at(5)),
		newItem("sre", "mx", "m4", "m4", at(8)))
	record(t, s, okPoll("sre-2", at(0)),
		newItem("sre-2", "mx", "n1", "n1", at(-7)))
	record(t, s, okPoll("state", at(0)),
		newItem("state", "us", "u1", "u1", at(-8)))
	record(t, s, okPoll("state", at(10)),
		newItem("state", "us", "u2", "u2", at(5)), // same time as m3
		newItem("state", "us", "u3", "u3", at(9)))

	cases := []struct {
		name string
		q    store.ItemQuery
		want []string
	}{
		{"all, oldest first", store.ItemQuery{}, []string{"m1", "u1", "n1", "m2", "m3", "u2", "m4", "u3"}},
		{"newest first", store.ItemQuery{Newest: true}, []string{"u3", "m4", "u2", "m3", "m2", "n1", "u1", "m1"}},
		{"feed", store.ItemQuery{Feed: "sre"}, []string{"m1", "m2", "m3", "m4"}},
		{"unknown feed", store.ItemQuery{Feed: "nope"}, nil},
		{"side", store.ItemQuery{Side: "mx"}, []string{"m1", "n1", "m2", "m3", "m4"}},
		{"since is inclusive", store.ItemQuery{Since: at(5)}, []string{"m3", "u2", "m4", "u3"}},
		{"until is exclusive", store.ItemQuery{Until: at(5)}, []string{"m1", "u1", "n1", "m2"}},
		{"window", store.ItemQuery{Since: at(-8), Until: at(8)}, []string{"u1", "n1", "m2", "m3", "u2"}},
		{"exclude backlog", store.ItemQuery{ExcludeBacklog: true}, []string{"m3", "u2", "m4", "u3"}},
		{"limit", store.ItemQuery{Limit: 3}, []string{"m1", "u1", "n1"}},
		{"newest with limit", store.ItemQuery{Newest: true, Limit: 2}, []string{"u3", "m4"}},
		{"all filters", store.ItemQuery{Feed: "sre", Side: "mx", Since: at(-6), Until: at(9), ExcludeBacklog: true, Limit: 1, Newest: true}, []string{"m4"}},
		{"side and window", store.ItemQuery{Side: "us", Since: at(0), Until: at(10)}, []string{"u2", "u3"}},
		{"empty window", store.ItemQuery{Since: at(6), Until: at(7)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := items(t, s, c.q)
			if g := guids(got); !slices.Equal(g, c.want) {
				t.Errorf("Items(%+v) = %v, want %v", c.q, g, c.want)
			}
			for _, it := range got {
				if c.q.Side != "" && it.Side != c.q.Side || c.q.Feed != "" && it.Feed != c.q.Feed {
					t.Errorf("item %s of %s/%s does not match %+v", it.GUID, it.Feed, it.Side, c.q)
				}
			}
		})
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	res := record(t, s, okPoll("state", at(1)), newItem("state", "us", "x", "X", at(0)))
	id := res.New[0].ID
	cases := []struct {
		name string
		call func() error
	}{
		{"Item", func() error { _, err := s.Item(ctx, id+1000); return err }},
		{"ItemByGUID unknown guid", func() error { _, err := s.ItemByGUID(ctx, "state", "y"); return err }},
		{"ItemByGUID unknown feed", func() error { _, err := s.ItemByGUID(ctx, "other", "x"); return err }},
		{"FeedState", func() error { _, err := s.FeedState(ctx, "other"); return err }},
		{"Revisions", func() error { _, err := s.Revisions(ctx, id+1000); return err }},
	}
	for _, c := range cases {
		if err := c.call(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: error = %v, want one wrapping store.ErrNotFound", c.name, err)
		}
	}
	if _, err := s.Item(ctx, id); err != nil {
		t.Errorf("Item(%d) of a stored item: %v", id, err)
	}
}

func testItemRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	full := newItem("cbp", "us", "https://cbp.example/node/42", "CBP, Mexico agree to \"joint\" patrols — año 2026", at(-3))
	full.Updated = at(-2)
	full.Categories = []string{"Border Security", "Mexico", "Español"}
	full.SummaryHTML = "<p>Teaser&nbsp;with <b>HTML</b> &amp; entities</p>"
	full.Language = "en-US"
	guessed := newItem("cbp", "us", "no-date", "Release without a date", time.Time{})
	guessed.DateGuessed = true
	guessed.Link = ""

	res := record(t, s, okPoll("cbp", at(1)), full, guessed)
	if len(res.New) != 2 {
		t.Fatalf("stored %d items, want 2", len(res.New))
	}
	wantFull := full
	wantFull.ID, wantFull.Backlog, wantFull.FirstSeen = res.New[0].ID, true, at(1)
	wantGuessed := guessed
	wantGuessed.ID, wantGuessed.Backlog, wantGuessed.FirstSeen = res.New[1].ID, true, at(1)
	// An item without a date is dated when it was first seen.
	wantGuessed.Published = at(1)

	for i, want := range []match.Item{wantFull, wantGuessed} {
		checkItem(t, "New", res.New[i], want)
		byID, err := s.Item(ctx, want.ID)
		if err != nil {
			t.Fatalf("Item: %v", err)
		}
		checkItem(t, "Item", byID, want)
		byGUID, err := s.ItemByGUID(ctx, "cbp", want.GUID)
		if err != nil {
			t.Fatalf("ItemByGUID: %v", err)
		}
		checkItem(t, "ItemByGUID", byGUID, want)
	}
	listed := items(t, s, store.ItemQuery{Feed: "cbp"})
	if len(listed) != 2 {
		t.Fatalf("Items returned %d, want 2", len(listed))
	}
	checkItem(t, "Items[0]", listed[0], wantFull)
	checkItem(t, "Items[1]", listed[1], wantGuessed)

	// The item's Feed is the poll's feed, whatever the caller put in it.
	stray := newItem("typo", "us", "s-1", "Stray", at(0))
	res = record(t, s, okPoll("cbp", at(2)), stray)
	if len(res.New) != 1 || res.New[0].Feed != "cbp" {
		t.Errorf("item recorded by feed cbp: New = %+v, want Feed cbp", res.New)
	}
}

func testTimeRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	mexico := time.FixedZone("CST", -6*3600)
	if loc, err := time.LoadLocation("America/Mexico_City"); err == nil {
		mexico = loc
	}
	// Nanoseconds and a non-UTC zone in; UTC microseconds out.
	published := time.Date(2026, 1, 15, 9, 30, 0, 987654321, mexico)
	finished := time.Date(2026, 1, 15, 10, 0, 0, 111222333, time.FixedZone("EST", -5*3600))

	it := newItem("sre", "mx", "t-1", "Hora", published)
	p := okPoll("sre", finished)
	p.Started = time.Time{}
	res := record(t, s, p, it)
	got, err := s.Item(ctx, res.New[0].ID)
	if err != nil {
		t.Fatalf("Item: %v", err)
	}
	checks := []struct {
		name      string
		got, want time.Time
	}{
		{"Published", got.Published, published.Truncate(time.Microsecond)},
		{"Updated (zero)", got.Updated, time.Time{}},
		{"FirstSeen", got.FirstSeen, finished.Truncate(time.Microsecond)},
		{"New[0].Published", res.New[0].Published, published.Truncate(time.Microsecond)},
	}
	st := feedState(t, s, "sre")
	polls, err := s.Polls(ctx, "sre", finished.Add(-time.Hour), finished.Add(time.Hour))
	if err != nil || len(polls) != 1 {
		t.Fatalf("Polls = %v, %v; want one poll", polls, err)
	}
	checks = append(checks, []struct {
		name      string
		got, want time.Time
	}{
		{"LastSuccessAt", st.LastSuccessAt, finished.Truncate(time.Microsecond)},
		{"LastErrorAt (zero)", st.LastErrorAt, time.Time{}},
		{"NextAttemptAt (zero)", st.NextAttemptAt, time.Time{}},
		{"Poll.Started (zero)", polls[0].Started, time.Time{}},
		{"Poll.Finished", polls[0].Finished, finished.Truncate(time.Microsecond)},
	}...)
	for _, c := range checks {
		if c.want.IsZero() {
			if !c.got.IsZero() {
				t.Errorf("%s = %v, want the zero time", c.name, c.got)
			}
			continue
		}
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %v, want %v (to the microsecond)", c.name, c.got, c.want)
		}
		if c.got.Location() != time.UTC {
			t.Errorf("%s location = %v, want UTC", c.name, c.got.Location())
		}
	}
	// A query bound in another zone means the same instant.
	if n := len(items(t, s, store.ItemQuery{Since: published.Truncate(time.Microsecond).In(time.UTC)})); n != 1 {
		t.Errorf("Items since the published instant = %d, want 1", n)
	}
	if n := len(items(t, s, store.ItemQuery{Since: published.Truncate(time.Microsecond).Add(time.Microsecond)})); n != 0 {
		t.Errorf("Items since one microsecond after publication = %d, want 0", n)
	}
}

func testPollIsAtomic(t *testing.T, s store.Store) {
	ctx := context.Background()
	bad := newItem("state", "us", "", "No GUID", at(0))
	_, err := s.RecordPoll(ctx, okPoll("state", at(1)), []match.Item{newItem("state", "us", "g", "Good", at(0)), bad})
	if err == nil {
		t.Fatal("RecordPoll with an item without GUID: no error")
	}
	if n := len(items(t, s, store.ItemQuery{})); n != 0 {
		t.Errorf("%d items stored by a rejected poll, want 0", n)
	}
	if st, err := s.FeedState(ctx, "state"); err == nil && (st.Polls != 0 || st.Baselined) {
		t.Errorf("feed state after a rejected poll = %+v, want untouched", st)
	}
	if _, err := s.RecordPoll(ctx, okPoll("", at(1)), nil); err == nil {
		t.Error("RecordPoll without a feed name: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.RecordPoll(cancelled, okPoll("state", at(2)), []match.Item{newItem("state", "us", "g", "Good", at(0))}); err == nil {
		t.Error("RecordPoll with a cancelled context: no error")
	}
	if n := len(items(t, s, store.ItemQuery{})); n != 0 {
		t.Errorf("%d items stored under a cancelled context, want 0", n)
	}
}

func testConcurrentPolls(t *testing.T, s store.Store) {
	const (
		feeds    = 6
		polls    = 8
		perPoll  = 15
		newPerPl = 5
	)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, feeds*polls)
	for f := range feeds {
		wg.Go(func() {
			name := fmt.Sprintf("feed-%d", f)
			side := []string{"mx", "us"}[f%2]
			for p := range polls {
				// Each poll repeats some earlier items and brings new ones.
				var batch []match.Item
				for i := range perPoll {
					n := p*newPerPl + i
					batch = append(batch, newItem(name, side, fmt.Sprintf("%s-%d", name, n), fmt.Sprintf("Item %d", n), at(float64(n))))
				}
				if _, err := s.RecordPoll(ctx, okPoll(name, at(float64(100+p))), batch); err != nil {
					errs <- err
					return
				}
				// Readers run beside the writers.
				if _, err := s.Items(ctx, store.ItemQuery{Feed: name, Newest: true, Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent poll: %v", err)
	}
	wantItems := (polls-1)*newPerPl + perPoll
	states, err := s.FeedStates(ctx)
	if err != nil {
		t.Fatalf("FeedStates: %v", err)
	}
	if len(states) != feeds {
		t.Fatalf("FeedStates returned %d feeds, want %d", len(states), feeds)
	}
	for _, st := range states {
		if st.Items != wantItems || st.Polls != polls {
			t.Errorf("%s: %d items, %d polls; want %d, %d", st.Name, st.Items, st.Polls, wantItems, polls)
		}
	}
	if n := len(items(t, s, store.ItemQuery{})); n != feeds*wantItems {
		t.Errorf("%d items stored, want %d", n, feeds*wantItems)
	}
}

func testPollsWindow(t *testing.T, s store.Store) {
	ctx := context.Background()
	log := []store.Poll{
		okPoll("sre", at(0)),
		failedPoll("sre", at(1), "parse", "challenge page instead of the listing"),
		okPoll("sre", at(2)),
		okPoll("sre", at(3)),
	}
	log[2].ETag, log[2].NextAttemptAt = `"x"`, at(2.5)
	for _, p := range log {
		record(t, s, p)
	}
	record(t, s, okPoll("state", at(1.5)))

	cases := []struct {
		name     string
		feed     string
		from, to time.Time
		want     []store.Poll
	}{
		{"whole log", "sre", at(-1), at(4), log},
		{"from is inclusive, to exclusive", "sre", at(1), at(3), log[1:3]},
		{"empty window", "sre", at(1.1), at(1.9), nil},
		{"other feed", "state", at(0), at(4), []store.Poll{okPoll("state", at(1.5))}},
		{"unknown feed", "nope", at(0), at(4), nil},
	}
	for _, c := range cases {
		got, err := s.Polls(ctx, c.feed, c.from, c.to)
		if err != nil {
			t.Fatalf("%s: Polls: %v", c.name, err)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d polls, want %d", c.name, len(got), len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			sameTime(t, c.name+": Started", g.Started, w.Started)
			sameTime(t, c.name+": Finished", g.Finished, w.Finished)
			sameTime(t, c.name+": NextAttemptAt", g.NextAttemptAt, w.NextAttemptAt)
			g.Started, g.Finished, g.NextAttemptAt = w.Started, w.Finished, w.NextAttemptAt
			if g != w {
				t.Errorf("%s: poll %d = %+v, want %+v", c.name, i, g, w)
			}
		}
	}
}
