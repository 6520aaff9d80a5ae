package recapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/recindex"
	"github.com/reel-project/reel/core/recmeta"
)

var (
	tokens = httpapi.Tokens{Operator: "operator-token-0123456789", Reader: "reader-token-0123456789"}
	day0   = time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)
)

// fixture is a served API over an index of recordings in a temp folder.
type fixture struct {
	base   string
	recDir string
	idx    *recindex.Index
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	fx := &fixture{recDir: filepath.Join(root, "recordings")}
	if err := os.Mkdir(fx.recDir, 0o700); err != nil {
		t.Fatal(err)
	}
	idx, err := recindex.Open(filepath.Join(root, "index.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	fx.idx = idx
	srv := httpapi.New("127.0.0.1:0", nil, nil, New(idx, nil, fx.recDir).Routes(), httpapi.WithTokens(tokens))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	fx.base = "http://" + srv.Addr()
	return fx
}

// addCall indexes a recording of 3 s with an MP3 and a µ-law WAV on disk:
// a tone for 1 s, paused (silence) 1–2 s, a tone again 2–3 s.
func (fx *fixture) addCall(t *testing.T, id, dn string, start time.Time, encrypted bool) recindex.Detail {
	t.Helper()
	mp3 := recmeta.MediaID(id, start, 1, 1, 1, "mp3")
	wv := recmeta.MediaID(id, start, 1, 1, 2, "wav")
	if err := os.WriteFile(filepath.Join(fx.recDir, mp3), []byte(strings.Repeat("0123456789", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	writeWAV(t, filepath.Join(fx.recDir, wv))
	ts := func(d time.Duration) string { return recmeta.FormatTime(start.Add(d)) }
	file := func(name, typ string) recmeta.MediaFile {
		mf := recmeta.MediaFile{MediaID: name, Type: typ, CallUUID: "UUID-" + id, Tenant: "acme",
			MediaDescriptor: recmeta.MediaDescriptor{Storage: []recmeta.StorageRef{{URI: "file://" + filepath.Join(fx.recDir, name)}}}}
		if encrypted {
			mf.MediaDescriptor.Encryption = &recmeta.Encryption{Format: "pkcs7"}
		}
		return mf
	}
	doc := recmeta.Document{ID: id, CallerPhoneNumber: "5551000", DialedPhoneNumber: dn, StartTime: ts(0), StopTime: ts(3 * time.Second),
		MediaFiles:   []recmeta.MediaFile{file(mp3, "audio/mp3"), file(wv, "audio/wav")},
		EventHistory: []recmeta.Event{{Event: "start", Time: ts(0)}, {Event: "pause", Time: ts(time.Second)}, {Event: "resume", Time: ts(2 * time.Second)}, {Event: "stop", Time: ts(3 * time.Second)}}}
	d := recindex.FromDocument(id, recindex.StateDelivered, doc)
	if err := fx.idx.Put(d); err != nil {
		t.Fatal(err)
	}
	return d
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

// get fetches path with token (and extra headers) and returns the response
// and its body.
func (fx *fixture) get(t *testing.T, path, token string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", fx.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func (fx *fixture) list(t *testing.T, query string) List {
	t.Helper()
	resp, body := fx.get(t, PathRecordings+query, tokens.Reader)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", query, resp.StatusCode, body)
	}
	var l List
	if err := json.Unmarshal(body, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestListFiltersAndPagesThroughNextAndPrevLinks(t *testing.T) {
	fx := newFixture(t)
	var ds []recindex.Detail
	for i := range 230 {
		doc := recmeta.Document{ID: fmt.Sprint("c", i), CallerPhoneNumber: fmt.Sprint(5550000 + i), DialedPhoneNumber: fmt.Sprint(7000 + i%3),
			StartTime: recmeta.FormatTime(day0.Add(time.Duration(i) * time.Minute)), StopTime: recmeta.FormatTime(day0.Add(time.Duration(i)*time.Minute + 30*time.Second)),
			MediaFiles: []recmeta.MediaFile{{MediaID: fmt.Sprintf("c%d.mp3", i), Tenant: []string{"acme", "globex"}[i%2], CallUUID: fmt.Sprintf("U%03d", i)}}}
		ds = append(ds, recindex.FromDocument(fmt.Sprintf("c%03d", i), recindex.StateDelivered, doc))
	}
	if err := fx.idx.Put(ds...); err != nil {
		t.Fatal(err)
	}
	l := fx.list(t, "")
	if len(l.Recordings) != 100 || l.Recordings[0].ID != "c229" || l.Prev != "" || l.Next == "" {
		t.Fatalf("page 1: %d rows, first %s, prev %q next %q", len(l.Recordings), l.Recordings[0].ID, l.Prev, l.Next)
	}
	u, _ := url.Parse(l.Next)
	l2 := fx.list(t, "?"+u.RawQuery)
	if len(l2.Recordings) != 100 || l2.Recordings[0].ID != "c129" || l2.Prev == "" {
		t.Fatalf("page 2: %d rows, first %s, prev %q", len(l2.Recordings), l2.Recordings[0].ID, l2.Prev)
	}
	u, _ = url.Parse(l2.Prev)
	if back := fx.list(t, "?"+u.RawQuery); back.Recordings[0].ID != "c229" || back.Prev != "" {
		t.Errorf("prev of page 2 starts at %s (prev %q), want c229 and no prev", back.Recordings[0].ID, back.Prev)
	}
	for query, want := range map[string]int{
		"?dn=7001":               77,
		"?dn=7001&tenant=globex": 39,
		"?ani=555000?":           10,
		"?dnis=700[02]&limit=5":  5,
		"?callUUID=u007":         1,
		"?startTime=2026-12-08T11:00:00Z&endTime=2026-12-08T11:10:00Z": 10,
		"?startTime=2026-12-09":          0,
		"?completeness=complete&limit=1": 1,
		"?completeness=dead":             0,
	} {
		if got := len(fx.list(t, query).Recordings); got != want {
			t.Errorf("GET %s: %d rows, want %d", query, got, want)
		}
	}
}

func TestBadQueriesAreClear400s(t *testing.T) {
	fx := newFixture(t)
	for query, want := range map[string]string{
		"?limit=1000":       "limit 1000 is outside 1..100",
		"?startTime=monday": `startTime "monday" is neither`,
		"?dn=%5B":           `dn "[" is not a pattern`,
		"?sort=asc":         `unknown parameter "sort"`,
		"?after=zz":         `cursor "zz" is not one this server gave out`,
	} {
		resp, body := fx.get(t, PathRecordings+query, tokens.Reader)
		var e struct{ StatusMessage string }
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != 400 || !strings.Contains(e.StatusMessage, want) {
			t.Errorf("GET %s: %d %s, want 400 saying %q", query, resp.StatusCode, body, want)
		}
	}
}

func TestDetailAndUnknownRecording(t *testing.T) {
	fx := newFixture(t)
	fx.addCall(t, "rec1", "7001", day0, false)
	resp, body := fx.get(t, PathRecordings+"/rec1", tokens.Reader)
	var d recindex.Detail
	if err := json.Unmarshal(body, &d); resp.StatusCode != 200 || err != nil || len(d.Document.EventHistory) != 4 || d.Tenant != "acme" {
		t.Errorf("detail: %d %s", resp.StatusCode, body)
	}
	if resp, _ := fx.get(t, PathRecordings+"/nope", tokens.Reader); resp.StatusCode != 404 {
		t.Errorf("unknown recording: %d, want 404", resp.StatusCode)
	}
}

func TestPlayServesRangesAndRefusesEncryptedFiles(t *testing.T) {
	fx := newFixture(t)
	d := fx.addCall(t, "rec1", "7001", day0, false)
	mp3 := PathRecordings + "/rec1/play/" + d.Files[0]
	resp, body := fx.get(t, mp3, tokens.Reader, "Range", "bytes=10-19")
	if resp.StatusCode != 206 || string(body) != "0123456789" || resp.Header.Get("Content-Range") != "bytes 10-19/1000" ||
		resp.Header.Get("Content-Type") != "audio/mp3" {
		t.Errorf("range: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, body := fx.get(t, mp3, tokens.Reader); resp.StatusCode != 200 || len(body) != 1000 || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Errorf("whole file: %d, %d bytes, %v", resp.StatusCode, len(body), resp.Header)
	}
	if resp, _ := fx.get(t, mp3, tokens.Reader, "Range", "bytes=5000-"); resp.StatusCode != 416 {
		t.Errorf("range past the end: %d, want 416", resp.StatusCode)
	}
	if resp, _ := fx.get(t, PathRecordings+"/rec1/play/..%2F..%2Fetc%2Fpasswd", tokens.Reader); resp.StatusCode != 404 {
		t.Errorf("a file not in the recording: %d, want 404", resp.StatusCode)
	}
	e := fx.addCall(t, "sealed", "7002", day0.Add(time.Hour), true)
	resp, body = fx.get(t, PathRecordings+"/sealed/play/"+e.Files[0], tokens.Reader)
	if resp.StatusCode != 409 || !strings.Contains(string(body), "encrypted") {
		t.Errorf("encrypted: %d %s, want 409", resp.StatusCode, body)
	}
}

func TestPlayServesOnlyFromUnderTheRoots(t *testing.T) {
	fx := newFixture(t)
	outside := filepath.Join(t.TempDir(), "x.mp3")
	if err := os.WriteFile(outside, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	doc := recmeta.Document{ID: "evil", StartTime: recmeta.FormatTime(day0), MediaFiles: []recmeta.MediaFile{{MediaID: "x.mp3",
		MediaDescriptor: recmeta.MediaDescriptor{Storage: []recmeta.StorageRef{{URI: "file://" + outside}}}}}}
	if err := fx.idx.Put(recindex.FromDocument("evil", recindex.StateDelivered, doc)); err != nil {
		t.Fatal(err)
	}
	if resp, body := fx.get(t, PathRecordings+"/evil/play/x.mp3", tokens.Reader); resp.StatusCode != 404 {
		t.Errorf("a location outside the roots: %d %s, want 404", resp.StatusCode, body)
	}
}

func TestWaveformHasPeaksAndThePausedSpan(t *testing.T) {
	fx := newFixture(t)
	d := fx.addCall(t, "rec1", "7001", day0, false)
	resp, body := fx.get(t, PathRecordings+"/rec1/waveform/"+d.Files[0]+"?peaks=30", tokens.Reader)
	var wf Waveform
	if err := json.Unmarshal(body, &wf); resp.StatusCode != 200 || err != nil {
		t.Fatalf("waveform: %d %s", resp.StatusCode, body)
	}
	if wf.DurationMs != 3000 || len(wf.Peaks) != 30 || len(wf.Paused) != 1 || wf.Paused[0] != [2]int64{1000, 2000} {
		t.Fatalf("waveform: %d ms, %d peaks, paused %v", wf.DurationMs, len(wf.Peaks), wf.Paused)
	}
	for i, p := range wf.Peaks {
		loud := i < 10 || i >= 20
		if loud && p < 400 || !loud && p > 10 {
			t.Errorf("peak %d = %d‰ (the tone is at 488‰, the pause silent)", i, p)
		}
	}
	if resp, _ := fx.get(t, PathRecordings+"/rec1/waveform/"+d.Files[0]+"?peaks=0", tokens.Reader); resp.StatusCode != 400 {
		t.Errorf("peaks=0: %d, want 400", resp.StatusCode)
	}
}

func TestEveryRouteWantsAToken(t *testing.T) {
	fx := newFixture(t)
	d := fx.addCall(t, "rec1", "7001", day0, false)
	for _, p := range []string{PathRecordings, PathRecordings + "/rec1", PathRecordings + "/rec1/play/" + d.Files[0],
		PathRecordings + "/rec1/waveform/" + d.Files[1]} {
		if resp, _ := fx.get(t, p, ""); resp.StatusCode != 401 {
			t.Errorf("GET %s without a token: %d, want 401", p, resp.StatusCode)
		}
		if resp, _ := fx.get(t, p, "not-a-token-0123456789"); resp.StatusCode != 401 {
			t.Errorf("GET %s with a wrong token: %d, want 401", p, resp.StatusCode)
		}
		for _, tok := range []string{tokens.Reader, tokens.Operator} {
			if resp, _ := fx.get(t, p, tok); resp.StatusCode != 200 {
				t.Errorf("GET %s with %s: %d, want 200", p, tok, resp.StatusCode)
			}
		}
	}
}
