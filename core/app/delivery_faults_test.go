package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/plugins/davtest"
)

// End-to-end delivery faults: a running MCP whose default profile stores to
// the real storage-webdav plugin (against Apache mod_dav) and publishes to
// the real metadata-rps plugin (against an RPS receiver the test scripts).

// goBuild builds the command pkg into dir.
func goBuild(t testing.TB, dir, pkg string) string {
	t.Helper()
	bin := filepath.Join(dir, filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// rpsPost is one request the RPS receiver got.
type rpsPost struct {
	at          time.Time
	key         string
	status      int
	doc         recmeta.Document
	raw         []byte
	filesStored bool   // every storage URI of the document held its file when the post came
	missing     string // the first one that did not
}

// rpsReceiver is an httptest Recording Processor whose answers the test
// scripts: answers[i] is the status of the i-th post (200 past the end).
type rpsReceiver struct {
	srv     *httptest.Server
	dav     *davtest.Server
	answers []int
	body    string // the body of error answers

	mu    sync.Mutex
	posts []rpsPost
}

const rpsPath = "/api/contact-centers/test.example/recordings"

func newRPS(t *testing.T, dav *davtest.Server, body string, answers ...int) *rpsReceiver {
	r := &rpsReceiver{dav: dav, answers: answers, body: body}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rpsReceiver) serve(w http.ResponseWriter, req *http.Request) {
	raw, _ := io.ReadAll(req.Body)
	p := rpsPost{at: time.Now(), key: req.Header.Get("Idempotency-Key"), raw: raw, filesStored: true}
	if req.Method != http.MethodPost || req.URL.Path != rpsPath || req.Header.Get("Content-Type") != "application/json" {
		p.missing = "bad request line: " + req.Method + " " + req.URL.Path + " " + req.Header.Get("Content-Type")
		p.filesStored = false
	}
	if err := json.Unmarshal(raw, &p.doc); err != nil {
		p.missing = "not JSON: " + err.Error()
		p.filesStored = false
	}
	for _, mf := range p.doc.MediaFiles {
		if len(mf.MediaDescriptor.Storage) == 0 {
			p.filesStored, p.missing = false, mf.MediaID+": no storage URI"
			continue
		}
		rel, ok := strings.CutPrefix(mf.MediaDescriptor.Storage[0].URI, r.dav.URL+"/")
		fi, err := os.Stat(r.dav.Path(rel))
		if !ok || err != nil || strconv.FormatInt(fi.Size(), 10) != mf.Size {
			p.filesStored, p.missing = false, mf.MediaDescriptor.Storage[0].URI
		}
	}
	r.mu.Lock()
	p.status = http.StatusOK
	if n := len(r.posts); n < len(r.answers) {
		p.status = r.answers[n]
	}
	r.posts = append(r.posts, p)
	r.mu.Unlock()
	if p.status/100 != 2 {
		http.Error(w, r.body, p.status)
		return
	}
	w.WriteHeader(p.status)
}

func (r *rpsReceiver) got() []rpsPost {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]rpsPost(nil), r.posts...)
}

// deliveryMCP starts an MCP delivering to WebDAV and the RPS; edit, when
// given, changes the configuration further.
func deliveryMCP(t *testing.T, dav *davtest.Server, rps *rpsReceiver, edit ...func(*config.MCP)) (*MCP, string, string) {
	t.Helper()
	bins := t.TempDir()
	webdav := goBuild(t, bins, "github.com/reel-project/reel/cmd/reel-plugin-storage-webdav")
	rp := goBuild(t, bins, "github.com/reel-project/reel/cmd/reel-plugin-metadata-rps")
	m, addr := startMCP(t, func(c *config.MCP) {
		c.Plugins = []config.Plugin{
			{Name: "dav", Kinds: []string{"storage"}, Binary: webdav, Config: map[string]any{
				"url": dav.URL, "username": davtest.User, "password": davtest.Password, "timeout": "5s"}},
			{Name: "rp", Kinds: []string{"metadata"}, Binary: rp, Config: map[string]any{
				"url": rps.srv.URL + rpsPath, "timeout": "5s"}},
		}
		c.Profiles = map[string]config.Profile{config.DefaultProfile: {Storage: []string{"dav"}, Metadata: []string{"rp"}}}
		for _, e := range edit {
			e(c)
		}
	})
	return m, addr, bins
}

// recordCall records a short two-party call through m.
func recordCall(t *testing.T, addr, conf string, seconds int) {
	t.Helper()
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	c := setUpCall(t, emu, addr, conf)
	c.talk(t, audio(t, g711.MuLaw, 10, seconds), audio(t, g711.ALaw, 60, seconds))
	time.Sleep(200 * time.Millisecond)
	c.hangUp(t)
}

// waitJob waits until the spool holds one job and returns it.
func waitJob(t *testing.T, m *MCP) spool.Job {
	t.Helper()
	insp := spool.Inspector{Dir: m.cfg.SpoolDir()}
	var jobs []spool.JobSummary
	waitFor(t, func() bool {
		jobs, _ = insp.List(spool.Filter{})
		return len(jobs) == 1 && jobs[0].State != spool.Active
	})
	j, err := insp.Show(jobs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// checkDoc checks the document the RPS got against the files on WebDAV,
// whose SHA-256 must be want (file name → hex).
func checkDoc(t *testing.T, dav *davtest.Server, d recmeta.Document, want map[string]string) {
	t.Helper()
	if d.ID == "" || d.StartTime == "" || d.StopTime == "" {
		t.Errorf("document id %q start %q stop %q", d.ID, d.StartTime, d.StopTime)
	}
	if len(d.MediaFiles) != len(want) {
		t.Fatalf("document has %d media files, want %d: %+v", len(d.MediaFiles), len(want), d.MediaFiles)
	}
	types := map[string]string{".wav": "audio/wav", ".mp3": "audio/mp3"}
	for _, mf := range d.MediaFiles {
		if types[filepath.Ext(mf.MediaID)] != mf.Type || want[mf.MediaID] == "" {
			t.Errorf("media file %q of type %q", mf.MediaID, mf.Type)
		}
		if ms, err := strconv.Atoi(mf.Duration); err != nil || ms < 1500 {
			t.Errorf("%s: duration %q, want ≥ 1500 ms", mf.MediaID, mf.Duration)
		}
		c := mf.Completeness
		if c.PacketsExpected == 0 || c.PacketsReceived == 0 || c.CutShort || c.EndReason == "" {
			t.Errorf("%s: completeness %+v", mf.MediaID, c)
		}
		if len(mf.MediaDescriptor.Storage) != 1 {
			t.Errorf("%s: storage %+v, want one URI", mf.MediaID, mf.MediaDescriptor.Storage)
			continue
		}
		uri := mf.MediaDescriptor.Storage[0].URI
		if !strings.HasPrefix(uri, dav.URL+"/") || !strings.HasSuffix(uri, "/"+mf.MediaID) {
			t.Errorf("%s: storage URI %s, not below %s", mf.MediaID, uri, dav.URL)
		}
		req, _ := http.NewRequest(http.MethodGet, uri, nil)
		req.SetBasicAuth(davtest.User, davtest.Password)
		res, err := dav.Client().Do(req)
		if err != nil {
			t.Errorf("GET %s: %v", uri, err)
			continue
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		sum := sha256.Sum256(body)
		if res.StatusCode != http.StatusOK || hex.EncodeToString(sum[:]) != want[mf.MediaID] {
			t.Errorf("GET %s: %s, %d bytes, SHA-256 %x; want the spooled file %s", uri, res.Status, len(body), sum, want[mf.MediaID])
		}
		if strconv.Itoa(len(body)) != mf.Size {
			t.Errorf("%s: document size %s, stored %d bytes", mf.MediaID, mf.Size, len(body))
		}
	}
}

// spooledSums hashes the job's files in the spool (what the MCP wrote) and
// checks them against the record.
func spooledSums(t *testing.T, m *MCP, j spool.Job) map[string]string {
	t.Helper()
	sums := map[string]string{}
	for _, f := range j.Files {
		b, err := os.ReadFile(filepath.Join(m.cfg.SpoolDir(), "files", j.ID, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(b)
		sums[f.Name] = hex.EncodeToString(s[:])
		if f.SHA256 != "" && !strings.EqualFold(f.SHA256, sums[f.Name]) {
			t.Errorf("%s: record SHA-256 %s, file %s", f.Name, f.SHA256, sums[f.Name])
		}
	}
	if len(sums) != 2 {
		t.Fatalf("job files %+v, want an MP3 and a WAV", j.Files)
	}
	return sums
}

// undelivered lists the spool's jobs but the delivered ones, whose records
// the spool keeps in done/ for the retry horizon.
func undelivered(insp spool.Inspector) []spool.JobSummary {
	jobs, _ := insp.List(spool.Filter{})
	return slices.DeleteFunc(jobs, func(j spool.JobSummary) bool { return j.State == spool.Done })
}

// waitDelivered waits until every job of the spool is delivered.
func waitDelivered(t *testing.T, m *MCP, limit time.Duration) {
	t.Helper()
	insp := spool.Inspector{Dir: m.cfg.SpoolDir()}
	deadline := time.Now().Add(limit)
	for {
		jobs := undelivered(insp)
		if len(jobs) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("spool not empty after %v: %+v", limit, jobs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The outage: WebDAV stopped during a delivery and started 2 minutes
// later. spool.backoff_max is lowered to 30 s so that the spool keeps trying
// through the outage at most 30 s apart (15–30 s once capped, with jitter)
// and the first retry after it comes within 30 s, instead of up to the
// default 5 min.
const (
	davOutage     = 2 * time.Minute
	davBackoffMax = 30 * time.Second
)

func TestWebDAVDownDuringDeliveryThenBackGetsByteIdenticalFilesAndOnePost(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache, two plugin processes and a 2-minute outage")
	}
	began := time.Now()
	dav := davtest.Start(t)
	rps := newRPS(t, dav, "")
	m, addr, _ := deliveryMCP(t, dav, rps, func(c *config.MCP) { c.Spool.BackoffMax = davBackoffMax })

	dav.Stop()
	down := time.Now()
	recordCall(t, addr, "conf-davdown", 2)
	j := waitJob(t, m)
	want := spooledSums(t, m, j) // the files as the MCP wrote them, before any upload
	insp := spool.Inspector{Dir: m.cfg.SpoolDir()}
	waitFor(t, func() bool { s, _ := insp.Show(j.ID); return s.Attempts >= 1 })
	first, _ := insp.Show(j.ID)
	t.Run("the delivery was tried and failed on the store, the metadata not tried", func(t *testing.T) {
		checkOutage(t, first, rps)
	})
	time.Sleep(time.Until(down.Add(davOutage)))
	last, _ := insp.Show(j.ID)
	t.Run("the spool kept trying during the outage", func(t *testing.T) {
		checkOutage(t, last, rps)
		if last.Attempts <= first.Attempts {
			t.Errorf("%d failed attempts at the end of the outage, %d at its start: want retries", last.Attempts, first.Attempts)
		}
	})
	dav.Start()
	up := time.Now()
	t.Logf("WebDAV down %v; %d failed attempts, the store's last error: %s", up.Sub(down).Round(time.Second), last.Attempts, dest(last, "storage/dav").LastError)

	waitDelivered(t, m, 2*davBackoffMax+30*time.Second)
	time.Sleep(2 * time.Second) // a duplicate post would come now
	posts := rps.got()
	if len(posts) != 1 {
		t.Fatalf("%d RPS posts, want exactly 1", len(posts))
	}
	p := posts[0]
	if !p.filesStored || p.status != http.StatusOK || p.at.Before(up) {
		t.Errorf("the post came before the files were stored (%s; WebDAV back %v before it), status %d", p.missing, p.at.Sub(up), p.status)
	}
	if p.key != j.ID {
		t.Errorf("Idempotency-Key %q, want the recording id %q", p.key, j.ID)
	}
	checkDoc(t, dav, p.doc, want)
	if names := davFolder(t, dav, j.ID); len(names) != len(want) {
		t.Errorf("WebDAV folder %s holds %v, want just the %d files", j.ID, names, len(want))
	}
	t.Logf("delivered %v after WebDAV came back; test took %v", p.at.Sub(up).Round(100*time.Millisecond), time.Since(began).Round(time.Second))
}

// checkOutage checks a job record taken while WebDAV is down: pending after
// at least one failed attempt, the store tried and failed, the metadata
// never tried and nothing posted.
func checkOutage(t *testing.T, j spool.Job, rps *rpsReceiver) {
	t.Helper()
	st, md := dest(j, "storage/dav"), dest(j, "metadata/rp")
	if j.State == spool.Dead || j.State == spool.Done || j.Attempts < 1 || j.LastError == "" {
		t.Errorf("job %s after %d attempts, last error %q: want failed attempts and more to come", j.State, j.Attempts, j.LastError)
	}
	if st.State == spool.Done || st.Attempts < 1 || st.LastError == "" || len(st.Items) == 0 || st.Items[0].Tries < 1 {
		t.Errorf("storage/dav: %+v; want failed deliveries", st)
	}
	if md.State == spool.Done || md.Attempts != 0 || len(md.Items) != 1 || md.Items[0].Tries != 0 {
		t.Errorf("metadata/rp: %+v; want it never tried before the files are stored", md)
	}
	if n := len(rps.got()); n != 0 {
		t.Errorf("%d RPS posts during the outage", n)
	}
}

// dest returns the job's destination called name (the zero value if none).
func dest(j spool.Job, name string) spool.DestState {
	for _, d := range j.Dests {
		if d.Name == name {
			return d
		}
	}
	return spool.DestState{}
}

// davFolder lists the recording's folder on WebDAV's disk, but for the
// .DAV folder where mod_dav_fs keeps the properties.
func davFolder(t *testing.T, dav *davtest.Server, id string) []string {
	t.Helper()
	ents, err := os.ReadDir(dav.Path(id))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Name() != ".DAV" {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestRPSAnswering500ThriceGetsOneSuccessfulPostWithTheSameKey(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache and two plugin processes")
	}
	dav := davtest.Start(t)
	rps := newRPS(t, dav, "processor overloaded", 500, 500, 500)
	m, addr, _ := deliveryMCP(t, dav, rps)
	recordCall(t, addr, "conf-rp500", 2)
	j := waitJob(t, m)
	want := spooledSums(t, m, j)
	waitDelivered(t, m, 60*time.Second)
	time.Sleep(2 * time.Second)
	posts := rps.got()
	if len(posts) != 4 {
		t.Fatalf("%d RPS posts, want 4 (three 500s, then 200)", len(posts))
	}
	ok := 0
	for i, p := range posts {
		if p.key != j.ID || !p.filesStored || string(p.raw) != string(posts[0].raw) {
			t.Errorf("post %d: key %q (want %q), files stored %v (%s), same body %v", i, p.key, j.ID, p.filesStored, p.missing, string(p.raw) == string(posts[0].raw))
		}
		if p.status == http.StatusOK {
			ok++
		}
	}
	if ok != 1 || posts[3].status != http.StatusOK {
		t.Errorf("%d successful posts, the last %d; want exactly one, the fourth", ok, posts[3].status)
	}
	checkDoc(t, dav, posts[3].doc, want)
}

func TestRPSAnswering400DeadLettersTheJobWithTheServersReason(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache and two plugin processes")
	}
	dav := davtest.Start(t)
	const reason = "mediaFiles: tenant unknown"
	rps := newRPS(t, dav, reason, 400, 400, 400, 400)
	m, addr, bins := deliveryMCP(t, dav, rps)
	reelctl := goBuild(t, bins, "github.com/reel-project/reel/cmd/reelctl")
	recordCall(t, addr, "conf-rp400", 2)
	j := waitJob(t, m)
	insp := spool.Inspector{Dir: m.cfg.SpoolDir()}
	waitFor(t, func() bool { jobs, _ := insp.List(spool.Filter{State: spool.Dead}); return len(jobs) == 1 })
	time.Sleep(2 * time.Second) // a dead letter is not retried
	if n := len(rps.got()); n != 1 {
		t.Errorf("%d RPS posts, want 1 (a 400 is permanent)", n)
	}

	out, err := exec.Command(reelctl, "spool", "list", "--spool-dir", m.cfg.SpoolDir(), "--state", "dead").CombinedOutput()
	if err != nil {
		t.Fatalf("reelctl spool list: %v\n%s", err, out)
	}
	t.Logf("reelctl spool list --state dead:\n%s", out)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		t.Fatalf("reelctl spool list: %d lines, want a header and one job", len(lines))
	}
	row := lines[1]
	if f := strings.Fields(row); len(f) < 5 || f[0] != j.ID || f[1] != "dead" || f[4] != "1" || !strings.Contains(row, "metadata/rp") {
		t.Errorf("row %q: want job %s dead after 1 attempt, waiting on metadata/rp", row, j.ID)
	}
	show, err := exec.Command(reelctl, "spool", "show", "--spool-dir", m.cfg.SpoolDir(), j.ID).CombinedOutput()
	if err != nil {
		t.Fatalf("reelctl spool show: %v\n%s", err, show)
	}
	t.Logf("reelctl spool show:\n%s", show)
	if !strings.Contains(string(show), reason) || !strings.Contains(string(show), "400") {
		t.Errorf("reelctl spool show lacks the server's reason %q:\n%s", reason, show)
	}
	// The files were stored: the dead letter waits on the metadata only.
	for _, f := range j.Files {
		if _, err := os.Stat(dav.Path(j.ID + "/" + f.Name)); err != nil {
			t.Errorf("%s not on WebDAV: %v", f.Name, err)
		}
	}
}
