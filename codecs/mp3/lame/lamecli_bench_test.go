//go:build cgo && unix

package lame

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/mp3"
)

// BenchmarkVsLameCLI compares CPU (user+sys) for the same 120 s of 16 kbit/s
// joint stereo at -q DefaultQuality: lame(1) reading a raw file and writing
// an MP3 file, versus this package fed 20 ms frames writing through a
// bufio.Writer to a file. The issue target is reel/lame ≤ 1.5; the numbers
// go in docs/decisions/0003. Nothing is asserted: timing is not a test.
func BenchmarkVsLameCLI(b *testing.B) {
	if _, err := exec.LookPath("lame"); err != nil {
		b.Skip("lame not installed")
	}
	in := interleave(music(b, 0, 120), append(music(b, 60, 60), music(b, 0, 60)...))
	raw := writeRaw(b, in)
	out := filepath.Join(filepath.Dir(raw), "out.mp3")
	var lameCPU, reelCPU time.Duration
	for b.Loop() {
		lameCPU += lameCLICPU(b, mp3.Stereo16, raw, out+".cli")
		reelCPU += reelEncodeCPU(b, mp3.Stereo16, in, out)
	}
	n := float64(b.N)
	b.ReportMetric(lameCPU.Seconds()*1000/n, "lame_cpu_ms")
	b.ReportMetric(reelCPU.Seconds()*1000/n, "reel_cpu_ms")
	b.ReportMetric(reelCPU.Seconds()/lameCPU.Seconds(), "reel/lame")
}

// lameCLICPU runs lame(1) once and returns its user+sys CPU time.
func lameCLICPU(b *testing.B, m mp3.Mode, raw, out string) time.Duration {
	cmd := exec.Command("lame", lameArgs(m, DefaultQuality, raw, out)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("lame: %v: %s", err, msg)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// reelEncodeCPU encodes pcm to a file and returns this process's CPU time
// spent doing so (getrusage; includes GC and the runtime, as it should).
func reelEncodeCPU(b *testing.B, m mp3.Mode, pcm []int16, out string) time.Duration {
	start := processCPU(b)
	f, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	e, err := NewEncoder(w, m)
	if err != nil {
		b.Fatal(err)
	}
	writeFrames(b, e, pcm, 160*m.Channels())
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return processCPU(b) - start
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
