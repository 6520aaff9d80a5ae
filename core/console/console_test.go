package console

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
)

var (
	tokens = httpapi.Tokens{Operator: "operator-token-0123456789", Reader: "reader-token-0123456789"}
	day0   = time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
)

// liveCalls is a calls report the test changes while the console serves it.
type liveCalls struct {
	mu sync.Mutex
	r  calls.Report
}

func (l *liveCalls) get() calls.Report {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, _ := json.Marshal(l.r)
	var out calls.Report
	_ = json.Unmarshal(b, &out)
	return out
}

func (l *liveCalls) setState(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.r.Calls[0].Recording.State = s
}

// refusing is a storage destination that refuses every file for good, so
// every job becomes a dead letter, until accept is set.
type refusing struct{ accept *sync.Map }

func (refusing) Name() string     { return "storage/test" }
func (refusing) Step() spool.Step { return spool.Store }
func (r refusing) Deliver(_ context.Context, j spool.JobView, f *spool.FileRef) (string, error) {
	if _, ok := r.accept.Load(j.RecordingID); ok {
		return "file:///delivered/" + f.Name, nil
	}
	return "", spool.Permanent(errors.New("403 forbidden"))
}

type fixture struct {
	base   string
	calls  *liveCalls
	spool  *spool.Spool
	idx    *recindex.Index
	accept *sync.Map
	recDir string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	fx := &fixture{recDir: filepath.Join(root, "recordings"), accept: &sync.Map{}, calls: &liveCalls{r: calls.Report{Legs: 2,
		Calls: []calls.Call{{ID: "conf-1", Kind: "conference", CallUUID: "UUID1", Recording: &calls.Recording{ID: "r1", State: "recording"},
			Legs: []calls.Leg{{ID: "conf-1/leg1", DN: "7001", Codec: "PCMU", Direction: "sendrecv", PacketsReceived: 250, Level: 420},
				{ID: "conf-1/leg2", DN: "7002", Codec: "PCMA", Direction: "sendrecv", PacketsLost: 3}}}}}}}
	if err := os.Mkdir(fx.recDir, 0o700); err != nil {
		t.Fatal(err)
	}
	var err error
	if fx.idx, err = recindex.Open(filepath.Join(root, "index.db")); err != nil {
		t.Fatal(err)
	}
	spoolDir := filepath.Join(root, "spool")
	follow := fx.idx.Follow(spoolDir, nil)
	if fx.spool, err = spool.Open(spoolDir, []spool.Destination{refusing{fx.accept}}, spool.Options{Notify: follow.Notify}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = fx.spool.Run(ctx) }()
	go func() { defer wg.Done(); follow.Run(ctx) }()
	api := recapi.New(fx.idx, nil, fx.recDir, spoolDir)
	routes := api.Routes()
	for p, h := range New(Sources{Calls: fx.calls.get, Spool: fx.spool, Index: fx.idx, API: api, Tick: 20 * time.Millisecond}, nil).Routes() {
		routes[p] = h
	}
	srv := httpapi.New("127.0.0.1:0", nil, nil, routes, httpapi.WithTokens(tokens, OpenPaths()...))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Shutdown(context.Background())
		cancel()
		wg.Wait()
		_ = fx.spool.Close()
		_ = fx.idx.Close()
	})
	fx.base = "http://" + srv.Addr()
	return fx
}

// record spools a 3 s recording (MP3 bytes and a µ-law WAV, paused 1–2 s)
// and waits until the index has it.
func (fx *fixture) record(t *testing.T, id, dn string) {
	t.Helper()
	dir := t.TempDir()
	ts := func(d time.Duration) string { return recmeta.FormatTime(day0.Add(d)) }
	var refs []spool.FileRef
	for i, ext := range []string{"mp3", "wav"} {
		name := recmeta.MediaID(id, day0, 1, 1, i+1, ext)
		path := filepath.Join(dir, name)
		if ext == "wav" {
			writeWAV(t, path)
		} else if err := os.WriteFile(path, []byte(strings.Repeat("mp3!", 500)), 0o600); err != nil {
			t.Fatal(err)
		}
		doc := recmeta.Document{ID: id, CallerPhoneNumber: "5551000", DialedPhoneNumber: dn, StartTime: ts(0), StopTime: ts(3 * time.Second),
			MediaFiles: []recmeta.MediaFile{{MediaID: name, Type: "audio/" + ext, CallUUID: "UUID-" + id, Tenant: "acme",
				Completeness: recmeta.Completeness{PausedMs: 1000}}},
			EventHistory: []recmeta.Event{{Event: "start", Time: ts(0)}, {Event: "pause", Time: ts(time.Second)},
				{Event: "resume", Time: ts(2 * time.Second)}, {Event: "stop", Time: ts(3 * time.Second)}}}
		if err := os.WriteFile(path+".json", doc.JSON(), 0o600); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, spool.FileRef{Name: name, Path: path, ContentType: "audio/" + ext})
	}
	j, err := spool.JobFromFiles(id, refs)
	if err != nil {
		t.Fatal(err)
	}
	if err := fx.spool.Submit(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	fx.waitState(t, id, recindex.StateDead)
}

func (fx *fixture) waitState(t *testing.T, id, state string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if d, err := fx.idx.Get(id); err == nil && d.State == state {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not become %s in the index", id, state)
		}
	}
}

func writeWAV(t *testing.T, path string) {
	t.Helper()
	w, err := wav.New(path, wav.Format{Encoding: wav.MuLaw, Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	pcm := make([]int16, 8000)
	for sec := range 3 {
		for i := range pcm {
			pcm[i] = 0
			if sec != 1 {
				pcm[i] = int16(16000 * math.Sin(2*math.Pi*440*float64(i)/8000))
			}
		}
		if err := w.WritePCM(pcm); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// do sends a request with token and returns the status and body.
func (fx *fixture) do(t *testing.T, method, path, token string, form url.Values) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, fx.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestCallsPageListsLegsLevelsAndTheRecordingState(t *testing.T) {
	fx := newFixture(t)
	code, body := fx.do(t, "GET", Path+"calls", tokens.Reader, nil)
	for _, want := range []string{"conf-1/leg1", "7002", "PCMA", `class="state recording"`, `value="420"`, "<td>3</td>"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("calls page %d lacks %q", code, want)
		}
	}
}

func TestCallEventsSendAPauseAsSoonAsItHappens(t *testing.T) {
	fx := newFixture(t)
	req, _ := http.NewRequest("GET", fx.base+Path+"calls/events", nil)
	req.Header.Set("Authorization", "Bearer "+tokens.Reader)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := bufio.NewScanner(resp.Body)
	next := func() calls.Report {
		for events.Scan() {
			if data, ok := strings.CutPrefix(events.Text(), "data: "); ok {
				var r calls.Report
				if err := json.Unmarshal([]byte(data), &r); err != nil {
					t.Fatal(err)
				}
				return r
			}
		}
		t.Fatalf("stream ended: %v", events.Err())
		return calls.Report{}
	}
	if r := next(); r.Calls[0].Recording.State != "recording" {
		t.Fatalf("first event: %+v", r.Calls[0].Recording)
	}
	fx.calls.setState("paused")
	if r := next(); r.Calls[0].Recording.State != "paused" {
		t.Errorf("the event after the pause: %+v, want paused", r.Calls[0].Recording)
	}
}

func TestRecordingsSearchDetailAndWaveform(t *testing.T) {
	fx := newFixture(t)
	fx.record(t, "rec1", "7001")
	fx.record(t, "rec2", "7002")
	code, body := fx.do(t, "GET", Path+"recordings?dn=7001&startTime=&tenant=", tokens.Reader, nil)
	if code != 200 || !strings.Contains(body, `href="/console/recordings/rec1"`) || strings.Contains(body, "rec2") {
		t.Errorf("search by DN: %d\n%s", code, body)
	}
	if code, body := fx.do(t, "GET", Path+"recordings?dn=%5B", tokens.Reader, nil); code != 400 || !strings.Contains(body, "is not a pattern") {
		t.Errorf("bad search: %d, want 400 saying why", code)
	}
	code, body = fx.do(t, "GET", Path+"recordings/rec1", tokens.Reader, nil)
	for _, want := range []string{`<svg id="waveform"`, `<rect class="paused" x="200" width="200"`, "<audio controls",
		"/api/v2/recordings/rec1/play/", "storage/test", "403 forbidden", "pause"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("detail page %d lacks %q", code, want)
		}
	}
}

func TestSpoolRetryNeedsTheOperatorAndRevivesTheDeadLetter(t *testing.T) {
	fx := newFixture(t)
	fx.record(t, "rec1", "7001")
	code, body := fx.do(t, "GET", Path+"spool", tokens.Operator, nil)
	if code != 200 || !strings.Contains(body, `action="/console/spool/rec1/retry"`) || !strings.Contains(body, "403 forbidden") {
		t.Fatalf("spool page: %d\n%s", code, body)
	}
	if _, body := fx.do(t, "GET", Path+"spool", tokens.Reader, nil); strings.Contains(body, "/retry") {
		t.Error("the read-only page offers a retry button")
	}
	if code, _ := fx.do(t, "POST", Path+"spool/rec1/retry", tokens.Reader, url.Values{}); code != 403 {
		t.Errorf("retry as reader: %d, want 403", code)
	}
	if code, _ := fx.do(t, "GET", Path+"spool/rec1/export", tokens.Reader, nil); code != 403 {
		t.Errorf("export as reader: %d, want 403", code)
	}
	if code, body := fx.do(t, "GET", Path+"spool/rec1/export", tokens.Operator, nil); code != 200 || !strings.Contains(body, "rec1/job.json") {
		t.Errorf("export: %d", code)
	}
	fx.accept.Store("rec1", true)
	if code, _ := fx.do(t, "POST", Path+"spool/rec1/retry", tokens.Operator, url.Values{}); code != http.StatusSeeOther {
		t.Errorf("retry as operator: %d, want 303", code)
	}
	fx.waitState(t, "rec1", recindex.StateDelivered)
}

func TestEveryPageWantsAToken(t *testing.T) {
	fx := newFixture(t)
	for _, p := range []string{"calls", "calls/events", "recordings", "recordings/x", "spool", "static/console.css"} {
		if code, _ := fx.do(t, "GET", Path+p, "", nil); code != 401 {
			t.Errorf("GET %s without a token: %d, want 401", p, code)
		}
	}
	if code, _ := fx.do(t, "GET", Path+"login", "", nil); code != 200 {
		t.Errorf("the login page: %d, want 200 without a token", code)
	}
	code, _ := fx.do(t, "POST", Path+"login", "", url.Values{"token": {tokens.Reader}})
	if code != http.StatusSeeOther {
		t.Errorf("login: %d, want 303", code)
	}
}

func TestPageWeightIsUnder300KB(t *testing.T) {
	fx := newFixture(t)
	fx.record(t, "rec1", "7001")
	for _, p := range []string{"calls", "recordings", "recordings/rec1", "spool"} {
		total := 0
		_, body := fx.do(t, "GET", Path+p, tokens.Reader, nil)
		total += len(body)
		for _, asset := range []string{"static/console.css", "static/calls.js"} {
			_, b := fx.do(t, "GET", Path+asset, tokens.Reader, nil)
			total += len(b)
		}
		if total > 300<<10 {
			t.Errorf("%s weighs %d bytes with its assets, want ≤ 300 KB", p, total)
		}
		t.Logf("%s: %d bytes with its assets", p, total)
	}
}
