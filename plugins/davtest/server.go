package davtest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The credentials every server accepts.
const (
	User     = "rec"
	Password = "recpass"
)

const apache = "/usr/sbin/apache2"

// Server is one Apache instance; Stop and Start may be called in turn.
type Server struct {
	t      testing.TB
	dir    string
	port   int
	tls    bool
	URL    string // base URL of the DAV tree, ending in "/recordings"
	CAFile string // PEM of the CA that signed the server's certificate (TLS only)
}

// Start starts a plain-HTTP server and stops it at the end of the test.
func Start(t testing.TB) *Server { return start(t, false) }

// StartTLS starts an HTTPS server whose certificate a fresh CA signed.
func StartTLS(t testing.TB) *Server { return start(t, true) }

func start(t testing.TB, tls bool) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("starts Apache httpd")
	}
	if _, err := os.Stat(apache); err != nil {
		t.Fatalf("apache2 is needed for this test (apt-get install apache2 apache2-utils): %v", err)
	}
	s := &Server{t: t, dir: t.TempDir(), port: freePort(t), tls: tls}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	s.URL = fmt.Sprintf("%s://127.0.0.1:%d/recordings", scheme, s.port)
	s.prepare()
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// prepare writes the tree: data/, lock/, logs/, run/, htpasswd, the
// certificates and httpd.conf. Workers run as www-data, who must reach it.
func (s *Server) prepare() {
	for _, d := range []string{"data", "lock", "logs", "run"} {
		s.must(os.MkdirAll(filepath.Join(s.dir, d), 0o755))
	}
	for d := s.dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		s.must(os.Chmod(d, 0o755))
	}
	s.run("htpasswd", "-bcB", filepath.Join(s.dir, "htpasswd"), User, Password)
	s.must(os.Chmod(filepath.Join(s.dir, "htpasswd"), 0o644))
	s.run("chown", "-R", "www-data:www-data", filepath.Join(s.dir, "data"), filepath.Join(s.dir, "lock"))
	conf := config(s.dir, s.port)
	if s.tls {
		s.CAFile = writeCerts(s.t, s.dir)
		conf += tlsConfig(s.dir)
	}
	s.must(os.WriteFile(s.conf(), []byte(conf), 0o644))
}

func (s *Server) conf() string { return filepath.Join(s.dir, "httpd.conf") }

// Start starts Apache and waits until it answers.
func (s *Server) Start() {
	s.t.Helper()
	s.run(apache, "-f", s.conf(), "-k", "start")
	client := s.Client()
	for range 100 {
		resp, err := client.Get(s.URL + "/")
		if err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("apache did not come up: %s", s.errorLog())
}

// Stop stops Apache and waits until its processes are gone.
func (s *Server) Stop() {
	pidFile := filepath.Join(s.dir, "run", "httpd.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	_ = exec.Command(apache, "-f", s.conf(), "-k", "stop").Run()
	for range 100 {
		if _, err := os.Stat(pidFile); err != nil && !alive(pid) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Errorf("apache pid %d did not stop", pid)
}

func alive(pid int) bool {
	return pid > 0 && exec.Command("kill", "-0", strconv.Itoa(pid)).Run() == nil
}

// Path is where url path p (below URL) lives on disk.
func (s *Server) Path(p string) string { return filepath.Join(s.dir, "data", filepath.FromSlash(p)) }

// Client is an HTTP client that trusts the server's CA.
func (s *Server) Client() *http.Client {
	if !s.tls {
		return &http.Client{Timeout: 5 * time.Second}
	}
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: clientTLS(s.t, s.CAFile)}}
}

func (s *Server) errorLog() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "logs", "error.log"))
	return string(b)
}

func (s *Server) run(name string, args ...string) {
	s.t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		s.t.Fatalf("%s %v: %v\n%s\n%s", name, args, err, out, s.errorLog())
	}
}

func (s *Server) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}
