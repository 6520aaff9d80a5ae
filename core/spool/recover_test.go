package spool

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/codecs/mp3/lame"
	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/internal/harness/oracle"
)

// stereoTone returns secs seconds of interleaved stereo test tones.
func stereoTone(secs int) []int16 {
	pcm := make([]int16, 2*8000*secs)
	for i := 0; i < len(pcm)/2; i++ {
		pcm[2*i] = int16(6000 * math.Sin(2*math.Pi*440*float64(i)/8000))
		pcm[2*i+1] = int16(6000 * math.Sin(2*math.Pi*700*float64(i)/8000))
	}
	return pcm
}

// writeCutWAV writes 6 s of G.711 stereo with the real writer, then cuts
// the file 5.5 s into the data plus one byte: mid-sample, header claiming 6 s.
func writeCutWAV(t *testing.T, path string) {
	w, err := wav.New(path, wav.Format{Encoding: wav.MuLaw, Channels: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WritePCM(stereoTone(6)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	header := st.Size() - 6*8000*2
	if err := os.Truncate(path, header+88000+1); err != nil {
		t.Fatal(err)
	}
}

// writeCutMP3 writes 6 s of 16 kbit/s stereo MP3 with the real encoder,
// then cuts three and a bit frames off the end: mid-frame. It returns the
// whole frames left.
func writeCutMP3(t *testing.T, path string) int {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := lame.NewEncoder(f, mp3.Stereo16)
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.WritePCM(stereoTone(6)); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	f.Close()
	cut := st.Size() - 3*144 - 50
	if err := os.Truncate(path, cut); err != nil {
		t.Fatal(err)
	}
	return int(cut / 144)
}

func TestRecoverActiveRecordingAfterKill(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const id, wavName, mp3Name = "rec-killed", "CALL9_2026-01-02_03-04-05-00000001-00000002-00000001.wav", "CALL9_2026-01-02_03-04-05-00000001-00000002-00000001.mp3"
	active, err := WriteActive(dir, ActiveRecord{
		RecordingID: id, Started: start,
		Files: []ActiveFile{{Name: mp3Name, ContentType: "audio/mp3"}, {Name: wavName, ContentType: "audio/wav"}},
		Document: recmeta.Document{ID: "CALL9", CallerPhoneNumber: "5551234", StartTime: "2026-01-02T03:04:05.000+0000",
			MediaFiles: []recmeta.MediaFile{
				{MediaID: mp3Name, Type: "audio/mp3", Tenant: "acme", Parameters: map[string]string{"rp.x": "1"}},
				{MediaID: wavName, Type: "audio/wav", Tenant: "acme", Parameters: map[string]string{"rp.x": "1"}},
			},
			EventHistory: []recmeta.Event{{Event: "start", Time: "2026-01-02T03:04:05.000+0000"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	writeCutWAV(t, filepath.Join(active, wavName))
	mp3Frames := writeCutMP3(t, filepath.Join(active, mp3Name))

	remote := t.TempDir()
	store, meta := &dirStore{name: "storage/dir", root: remote}, newFake("metadata/rps", Metadata, nil)
	h := openHarness(t, dir, []Destination{store, meta}, fastOptions())
	if st := h.s.Stats(); st.Recovered != 1 || st.Pending != 1 {
		t.Fatalf("after Open: %+v", st)
	}
	h.start()
	h.events.waitFor(t, Completed, 1)

	t.Run("the delivered WAV parses and holds the 5.5 s that reached the disk", func(t *testing.T) {
		info, err := oracle.Probe(filepath.Join(remote, id, wavName))
		if err != nil {
			t.Fatal(err)
		}
		if info.Codec != "pcm_mulaw" || info.Channels != 2 || math.Abs(info.Duration-5.5) > 0.001 {
			t.Errorf("ffprobe %+v", info)
		}
	})
	t.Run("the delivered MP3 parses and lost less than 2 s", func(t *testing.T) {
		info, err := oracle.Probe(filepath.Join(remote, id, mp3Name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Codec != "mp3" || info.Duration < 6-2 || math.Abs(info.Duration-float64(mp3Frames)*0.072) > 0.072 {
			t.Errorf("ffprobe %+v, %d whole frames", info, mp3Frames)
		}
	})
	t.Run("the metadata says cut short by an error, with the repaired sizes and durations", func(t *testing.T) {
		checkCutShortDocument(t, meta.docs[0], remote, map[string]int64{
			wavName: 5500, mp3Name: int64(mp3Frames)*72 - 1105*1000/8000})
	})
	t.Run("nothing is left in the active folder", func(t *testing.T) {
		if n := entries(t, h.s.l.dir(dirActive)); len(n) != 0 {
			t.Errorf("active: %v", n)
		}
	})
}

func checkCutShortDocument(t *testing.T, raw json.RawMessage, remote string, durations map[string]int64) {
	t.Helper()
	var doc recmeta.Document
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "CALL9" || doc.CallerPhoneNumber != "5551234" || len(doc.MediaFiles) != 2 {
		t.Fatalf("document %s", raw)
	}
	if last := doc.EventHistory[len(doc.EventHistory)-1]; last.Event != "stop" || last.Time != doc.StopTime {
		t.Errorf("events %+v, stop time %s", doc.EventHistory, doc.StopTime)
	}
	for _, mf := range doc.MediaFiles {
		st, err := os.Stat(filepath.Join(remote, "rec-killed", mf.MediaID))
		if err != nil {
			t.Fatal(err)
		}
		ms, _ := strconv.ParseInt(mf.Duration, 10, 64)
		if !mf.Completeness.CutShort || mf.Completeness.EndReason != "error" || mf.Size != strconv.FormatInt(st.Size(), 10) ||
			math.Abs(float64(ms-durations[mf.MediaID])) > 1 || mf.Parameters["rp.x"] != "1" || len(mf.MediaDescriptor.Storage) != 1 {
			t.Errorf("%s: %+v, want duration %d", mf.MediaID, mf, durations[mf.MediaID])
		}
	}
}

func TestRecoverRecordingStoppedButNotSubmitted(t *testing.T) {
	dir := t.TempDir()
	const id = "rec-stopped"
	active, err := WriteActive(dir, ActiveRecord{RecordingID: id, Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	res := recordSeconds(t, id, active, 2)
	meta := newFake("metadata/rps", Metadata, nil)
	h := openHarness(t, dir, []Destination{newFake("storage/s", Store, nil), meta}, fastOptions())
	h.start()
	h.events.waitFor(t, Completed, 1)
	var doc recmeta.Document
	if err := json.Unmarshal(meta.docs[0], &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.MediaFiles) != 1 || doc.MediaFiles[0].MediaID != res.Files[0].MediaID ||
		doc.MediaFiles[0].Completeness.CutShort || doc.MediaFiles[0].Completeness.EndReason != "terminate" {
		t.Errorf("document %s", meta.docs[0])
	}
}

// recordSeconds runs a real recording of secs seconds into dir.
func recordSeconds(t *testing.T, id, dir string, secs int) recording.Result {
	t.Helper()
	formats, err := recording.ParseFormats([]string{"wav-pcmu"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := recording.Start(recording.Options{ID: id, Dir: dir, Formats: formats, QueueFrames: 50 * secs})
	if err != nil {
		t.Fatal(err)
	}
	pcm := stereoTone(secs)
	for i := 0; i < len(pcm); i += 320 {
		r.Write(pcm[i : i+320])
	}
	res, err := r.Stop(time.Now(), "terminate", recmeta.Completeness{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSubmitFromTheActiveFolder(t *testing.T) {
	dir := t.TempDir()
	const id = "rec-normal"
	store := newFake("storage/s", Store, nil)
	opts := fastOptions()
	opts.KeepLocal = true
	h := openHarness(t, dir, []Destination{store}, opts)
	active, err := WriteActive(dir, ActiveRecord{RecordingID: id, Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	res := recordSeconds(t, id, active, 1)
	job, err := JobFromFiles(res.ID, fileRefs(res))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.s.Submit(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	if exists(active) {
		t.Errorf("active folder still there: %v", entries(t, active))
	}
	name := res.Files[0].MediaID
	want := []string{name, name + ".json", activeRecordName}
	if got := entries(t, h.s.l.filesOf(id)); len(got) != 3 || !exists(h.s.l.file(id, name+".json")) || !exists(h.s.l.file(id, activeRecordName)) {
		t.Errorf("spooled %v, want %v", got, want)
	}
	t.Run("submitting it again is a no-op", func(t *testing.T) {
		if err := h.s.Submit(context.Background(), job); err != nil {
			t.Fatal(err)
		}
		if st := h.s.Stats(); st.Submitted != 1 {
			t.Errorf("stats %+v", st)
		}
	})
}

func TestRecoverActiveRecordingWithNothingToSave(t *testing.T) {
	dir := t.TempDir()
	active, err := WriteActive(dir, ActiveRecord{RecordingID: "rec-empty", Files: []ActiveFile{{Name: "e.wav"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(active, "e.wav"), []byte("RIFF"), 0o640); err != nil {
		t.Fatal(err)
	}
	h := openHarness(t, dir, []Destination{newFake("storage/s", Store, nil)}, fastOptions())
	list, err := h.s.List(Filter{})
	if err != nil || len(list) != 1 || list[0].State != Dead || list[0].Reason != ErrNothingRecovered.Error() {
		t.Fatalf("list %+v, %v", list, err)
	}
	if got := entries(t, h.s.l.filesOf("rec-empty")); len(got) != 2 {
		t.Errorf("kept %v, want the WAV stub and the active record", got)
	}
}

func TestCorruptRecordIsQuarantined(t *testing.T) {
	dir := t.TempDir()
	store := newFake("storage/s", Store, nil)
	h := openHarness(t, dir, []Destination{store}, fastOptions())
	for _, id := range []string{"rec-ok", "rec-torn"} {
		if err := h.s.Submit(context.Background(), newJob(t, id, "c.wav")); err != nil {
			t.Fatal(err)
		}
	}
	h.stop()
	torn := h.s.l.record(dirJobs, "rec-torn")
	b, _ := os.ReadFile(torn)
	if err := os.WriteFile(torn, b[:len(b)/2], 0o640); err != nil {
		t.Fatal(err)
	}

	h2 := openHarness(t, dir, []Destination{store}, fastOptions())
	list, err := h2.s.List(Filter{State: Corrupt})
	if err != nil || len(list) != 1 || list[0].ID != "rec-torn" || list[0].Reason == "" || list[0].Files != 1 {
		t.Fatalf("corrupt list %+v, %v", list, err)
	}
	if st := h2.s.Stats(); st.Corrupt != 1 || st.Pending != 1 {
		t.Errorf("stats %+v", st)
	}
	if _, err := h2.s.Show("rec-torn"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Show: %v", err)
	}
	h2.start()
	h2.events.waitFor(t, Completed, 1)
	if store.delivered("rec-ok/c.wav") != 1 || store.delivered("rec-torn/c.wav") != 0 {
		t.Errorf("delivered %v", store.ok)
	}
}

// fileRefs lists a stopped recording's files as the daemon submits them.
func fileRefs(res recording.Result) []FileRef {
	out := make([]FileRef, 0, len(res.Files))
	for _, f := range res.Files {
		out = append(out, FileRef{Name: f.MediaID, Path: f.Path, ContentType: f.Format.MIME})
	}
	return out
}
