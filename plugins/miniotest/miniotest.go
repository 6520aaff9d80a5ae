package miniotest

import (
	"crypto/tls"
	"fmt"
	"go/build"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The server's root credentials.
const (
	AccessKey = "reeltest"
	SecretKey = "reeltest-secret-key"
)

// minioBinary finds the MinIO that scripts/minio/install.sh installs: in
// $MINIO_BIN_DIR, $(go env GOPATH)/bin or PATH. Without it the test fails,
// or skips under -short.
func Binary(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("needs a real MinIO server")
	}
	for _, dir := range []string{os.Getenv("MINIO_BIN_DIR"), filepath.Join(build.Default.GOPATH, "bin")} {
		if p := filepath.Join(dir, "minio"); dir != "" && isExecutable(p) {
			return p
		}
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p
	}
	tb.Fatal("MinIO is not installed: run scripts/minio/install.sh (or use -short)")
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// Server is a MinIO process on 127.0.0.1 with its data in dir.
type Server struct {
	bin, dir, addr string
	certs          string // --certs-dir with public.crt and private.key: serve https
	cmd            *exec.Cmd
}

// Start starts a server on a free port, with https when certs is a
// certificate directory, holding the given (empty) buckets; stop it with Stop.
func Start(bin, dir, certs string, buckets ...string) (*Server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	for _, b := range buckets { // a top-level folder of the drive is a bucket
		if err := os.MkdirAll(filepath.Join(dir, "data", b), 0o750); err != nil {
			return nil, err
		}
	}
	m := &Server{bin: bin, dir: dir, addr: addr, certs: certs}
	return m, m.Restart()
}

// Endpoint is the server's URL.
func (m *Server) Endpoint() string {
	if m.certs != "" {
		return "https://" + m.addr
	}
	return "http://" + m.addr
}

// Restart starts the server again after Stop, on the same address and data.
func (m *Server) Restart() error {
	console, err := freeAddr()
	if err != nil {
		return err
	}
	logf, err := os.OpenFile(filepath.Join(m.dir, "minio.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	args := []string{"server", filepath.Join(m.dir, "data"), "--address", m.addr, "--console-address", console, "--quiet"}
	if m.certs != "" {
		args = append(args, "--certs-dir", m.certs)
	}
	m.cmd = exec.Command(m.bin, args...)
	m.cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+AccessKey,
		"MINIO_ROOT_PASSWORD="+SecretKey, "MINIO_BROWSER=off")
	m.cmd.Stdout, m.cmd.Stderr = logf, logf
	if err := m.cmd.Start(); err != nil {
		return err
	}
	return m.waitReady()
}

func (m *Server) waitReady() error {
	// Readiness only: the tests check the server's certificate themselves.
	probe := &http.Client{Timeout: time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ready(probe, m.Endpoint()) {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(m.dir, "minio.log"))
	m.Stop()
	return fmt.Errorf("minio on %s not ready after 20 s:\n%s", m.addr, log)
}

// ready: the health check passes and the S3 API answers an anonymous
// request with something else than 503 XMinioServerNotInitialized, which
// MinIO still does for a moment after its health check turned ready.
func ready(probe *http.Client, endpoint string) bool {
	for _, path := range []string{"/minio/health/ready", "/"} {
		resp, err := probe.Get(endpoint + path)
		if err != nil {
			return false
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable || path != "/" && resp.StatusCode != http.StatusOK {
			return false
		}
	}
	return true
}

// Stop ends the process gracefully, or kills it after 5 s.
func (m *Server) Stop() {
	if m.cmd == nil || m.cmd.Process == nil {
		return
	}
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = m.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = m.cmd.Process.Kill()
		<-done
	}
	m.cmd = nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}
