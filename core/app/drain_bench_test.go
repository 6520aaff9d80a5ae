package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/codecs/mp3/lame"
	"github.com/reel-project/reel/core/pluginhost"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/sdk"
)

// drainJobs is the backlog the drain benchmark delivers.
const drainJobs = 1000

// BenchmarkSpoolDrainToWebDAV measures how fast a backlog of one-minute
// recordings (an MP3 16 kbit/s of 120 KB and a stereo µ-law WAV of 960 KB
// each) drains from core/spool through the real storage-webdav plugin
// process to Apache mod_dav. Target: ≥ 50 files/s. One iteration takes tens
// of seconds, so run it once:
//
//	go test ./core/app/ -run '^$' -bench SpoolDrainToWebDAV -benchtime 1x
func BenchmarkSpoolDrainToWebDAV(b *testing.B) {
	if testing.Short() {
		b.Skip("starts Apache and a plugin process, writes 2 GB")
	}
	mp3Data, wavData := oneMinuteRecording(b)
	bins := b.TempDir()
	webdav := goBuild(b, bins, "github.com/reel-project/reel/cmd/reel-plugin-storage-webdav")
	for _, workers := range []int{4, 8} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			var files, elapsed float64
			for range b.N {
				f, d := drainOnce(b, webdav, workers, mp3Data, wavData)
				files += f
				elapsed += d.Seconds()
			}
			b.ReportMetric(files/elapsed, "files/s")
			b.ReportMetric(files/elapsed*float64(len(mp3Data)+len(wavData))/2/1e6, "MB/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// drainOnce spools drainJobs recordings, then times Run until every one is
// delivered; it returns the files delivered and the time taken.
func drainOnce(b *testing.B, webdav string, workers int, mp3Data, wavData []byte) (float64, time.Duration) {
	b.StopTimer()
	dav := davtest.Start(b)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg, _ := json.Marshal(map[string]any{"url": dav.URL, "username": davtest.User, "password": davtest.Password, "timeout": "60s"})
	host, err := pluginhost.Start(context.Background(), []pluginhost.Spec{
		{Name: "dav", Kinds: []sdk.Kind{sdk.KindStorage}, Binary: webdav, Config: cfg}}, pluginhost.Options{Log: log})
	if err != nil {
		b.Fatal(err)
	}
	defer host.Close()
	done := make(chan struct{})
	var completed atomic.Int64
	sp, err := spool.Open(filepath.Join(b.TempDir(), "spool"), host.Destinations(), spool.Options{
		Workers: workers, Log: log,
		Notify: func(e spool.Event) {
			if e.Kind == spool.Completed {
				if completed.Add(1) == drainJobs {
					close(done)
				}
			}
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	defer sp.Close()

	// Submit moves the files in: each job gets hard links to the same two
	// files, so queueing 1,000 recordings costs no copying.
	src := b.TempDir()
	orig := map[string][]byte{"rec.mp3": mp3Data, "rec.wav": wavData}
	for name, data := range orig {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	in := filepath.Join(src, "in")
	if err := os.Mkdir(in, 0o750); err != nil {
		b.Fatal(err)
	}
	submitStart := time.Now()
	for i := range drainJobs {
		id := fmt.Sprintf("drain-%04d", i)
		j := spool.Job{ID: id, Document: json.RawMessage(`{"id":"` + id + `","mediaFiles":[]}`)}
		for name, ct := range map[string]string{"rec.mp3": "audio/mp3", "rec.wav": "audio/wav"} {
			p := filepath.Join(in, id+"-"+name)
			if err := os.Link(filepath.Join(src, name), p); err != nil {
				b.Fatal(err)
			}
			j.Files = append(j.Files, spool.FileRef{Name: id + filepath.Ext(name), Path: p, ContentType: ct})
		}
		if err := sp.Submit(context.Background(), j); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("workers=%d: %d jobs queued in %v", workers, drainJobs, time.Since(submitStart).Round(time.Millisecond))

	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	b.StartTimer()
	start := time.Now()
	go func() { ran <- sp.Run(ctx) }()
	select {
	case <-done:
	case <-time.After(10 * time.Minute):
		b.Fatalf("%d of %d jobs delivered in 10 min: %+v", completed.Load(), drainJobs, sp.Stats())
	}
	took := time.Since(start)
	b.StopTimer()
	cancel()
	if err := <-ran; err != nil {
		b.Fatal(err)
	}
	st := sp.Stats()
	if d := st.Destinations["storage/dav"]; st.Completed != drainJobs || d.OK != 2*drainJobs || d.Failed+d.Permanent != 0 {
		b.Fatalf("stats after the drain: %+v", st)
	}
	// Spot-check: the last job's files are on the server, whole.
	for _, name := range []string{"rec.mp3", "rec.wav"} {
		got, err := os.ReadFile(dav.Path(fmt.Sprintf("drain-%04d/drain-%04d%s", drainJobs-1, drainJobs-1, filepath.Ext(name))))
		if err != nil || !bytes.Equal(got, orig[name]) {
			b.Fatalf("%s on WebDAV: %d bytes, %v", name, len(got), err)
		}
	}
	b.Logf("workers=%d: %d files in %v = %.1f files/s", workers, 2*drainJobs, took.Round(time.Millisecond), 2*drainJobs/took.Seconds())
	dav.Stop()
	return 2 * drainJobs, took
}

// oneMinuteRecording returns a one-minute call as the MCP records it: an
// MP3 16 kbit/s stereo (about 120 KB) and a µ-law stereo WAV (960 KB of
// samples), from the real test audio.
func oneMinuteRecording(b *testing.B) (mp3Data, wavData []byte) {
	raw, err := os.ReadFile("../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		b.Fatal(err)
	}
	const frames = 60 * 8000
	left := make([]byte, frames)
	right := make([]byte, frames)
	for i := range frames {
		left[i] = raw[i%len(raw)]
		right[i] = raw[(i+len(raw)/2)%len(raw)]
	}
	data := make([]byte, 0, 2*frames)
	for i := range frames {
		data = append(data, left[i], right[i])
	}
	pcm := decode(g711.MuLaw, data)
	hdr := make([]byte, 0, 58)
	le32 := func(v int) { hdr = binary.LittleEndian.AppendUint32(hdr, uint32(v)) }
	le16 := func(v int) { hdr = binary.LittleEndian.AppendUint16(hdr, uint16(v)) }
	hdr = append(hdr, "RIFF"...)
	le32(4 + 26 + 12 + 8 + len(data))
	hdr = append(hdr, "WAVEfmt "...)
	le32(18)
	le16(7) // µ-law
	le16(2)
	le32(8000)
	le32(16000)
	le16(2)
	le16(8)
	le16(0)
	hdr = append(hdr, "fact"...)
	le32(4)
	le32(frames)
	hdr = append(hdr, "data"...)
	le32(len(data))
	wavData = append(hdr, data...)

	var buf bytes.Buffer
	if lame.Available() {
		enc, err := lame.NewEncoder(&buf, mp3.Stereo16)
		if err == nil {
			err = enc.WritePCM(pcm)
		}
		if err == nil {
			err = enc.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		mp3Data = buf.Bytes()
	} else { // no LAME: random bytes of the same size stand in
		mp3Data = make([]byte, 120_000)
		_, _ = rand.Read(mp3Data)
	}
	b.Logf("one-minute recording: MP3 %d bytes, WAV %d bytes", len(mp3Data), len(wavData))
	return mp3Data, wavData
}
