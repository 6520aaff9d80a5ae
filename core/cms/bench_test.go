package cms

import (
	"bytes"
	"crypto/x509"
	"io"
	"syscall"
	"testing"
	"time"
)

// BenchmarkEncrypt measures throughput on one core and the bytes allocated
// per file (B/op: the writer's whole memory, since nothing is kept).
func BenchmarkEncrypt(b *testing.B) {
	certs := []*x509.Certificate{fuzzCert(b, "testdata/fuzz-rsa.pem")}
	plain := bytes.Repeat([]byte{0x55}, 8<<20) // 8 MB: a 70-minute MP3 at 16 kbit/s
	for _, tc := range []struct {
		name string
		opt  Options
	}{{"AES-256-CBC", Options{}}, {"AES-256-GCM", Options{Cipher: AES256GCM}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if err := Encrypt(io.Discard, bytes.NewReader(plain), int64(len(plain)), certs, tc.opt); err != nil {
					b.Fatal(err)
				}
			}
			reportPerCPU(b, len(plain), cpuTime()-cpu)
		})
	}
}

// BenchmarkDecrypt measures the reader (reelctl decrypt) on one core.
func BenchmarkDecrypt(b *testing.B) {
	certs := []*x509.Certificate{fuzzCert(b, "testdata/fuzz-p256.pem")}
	key := fuzzKey(b, "testdata/fuzz-p256.key")
	plain := bytes.Repeat([]byte{0x55}, 8<<20)
	var env bytes.Buffer
	if err := Encrypt(&env, bytes.NewReader(plain), int64(len(plain)), certs, Options{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := Decrypt(io.Discard, bytes.NewReader(env.Bytes()), key); err != nil {
			b.Fatal(err)
		}
	}
	reportPerCPU(b, len(plain), cpuTime()-cpu)
}

// cpuTime is the process's user+system CPU time: on a machine shared with
// other work, MB per CPU-second is the per-core throughput that wall-clock
// MB/s understates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportPerCPU(b *testing.B, size int, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}
