package app

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

// davServer is a real Apache httpd with mod_dav and Basic auth on
// 127.0.0.1: plugins/internal/davtest cannot be imported from core/app
// (Go's internal rule), so this is its plain-HTTP recipe again.
type davServer struct {
	t    testing.TB
	dir  string
	URL  string // base URL of the DAV tree, ending in "/recordings"
	port int
}

// The credentials the server accepts.
const (
	davUser     = "rec"
	davPassword = "recpass"
	apacheBin   = "/usr/sbin/apache2"
)

// startDAV starts Apache and stops it at the end of the test.
func startDAV(t testing.TB) *davServer {
	t.Helper()
	if _, err := os.Stat(apacheBin); err != nil {
		t.Fatalf("apache2 is needed for this test (apt-get install apache2 apache2-utils): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &davServer{t: t, dir: t.TempDir(), port: port}
	s.URL = fmt.Sprintf("http://127.0.0.1:%d/recordings", port)
	for _, d := range []string{"data", "lock", "logs", "run"} {
		s.must(os.MkdirAll(filepath.Join(s.dir, d), 0o755))
	}
	for d := s.dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		s.must(os.Chmod(d, 0o755))
	}
	s.run("htpasswd", "-bcB", filepath.Join(s.dir, "htpasswd"), davUser, davPassword)
	s.must(os.Chmod(filepath.Join(s.dir, "htpasswd"), 0o644))
	s.run("chown", "-R", "www-data:www-data", filepath.Join(s.dir, "data"), filepath.Join(s.dir, "lock"))
	s.must(os.WriteFile(s.conf(), []byte(davConfig(s.dir, port)), 0o644))
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

func (s *davServer) conf() string { return filepath.Join(s.dir, "httpd.conf") }

// Start starts Apache and waits until it answers.
func (s *davServer) Start() {
	s.t.Helper()
	s.run(apacheBin, "-f", s.conf(), "-k", "start")
	for range 100 {
		resp, err := s.Client().Get(s.URL + "/")
		if err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("apache did not come up: %s", s.errorLog())
}

// Stop stops Apache and waits until its processes are gone.
func (s *davServer) Stop() {
	pidFile := filepath.Join(s.dir, "run", "httpd.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	_ = exec.Command(apacheBin, "-f", s.conf(), "-k", "stop").Run()
	for range 100 {
		if _, err := os.Stat(pidFile); err != nil && exec.Command("kill", "-0", strconv.Itoa(pid)).Run() != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Errorf("apache pid %d did not stop", pid)
}

// Path is where URL path p (below URL) lives on disk.
func (s *davServer) Path(p string) string { return filepath.Join(s.dir, "data", filepath.FromSlash(p)) }

// Client is a plain HTTP client.
func (s *davServer) Client() *http.Client { return &http.Client{Timeout: 10 * time.Second} }

func (s *davServer) errorLog() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "logs", "error.log"))
	return string(b)
}

func (s *davServer) run(name string, args ...string) {
	s.t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		s.t.Fatalf("%s %v: %v\n%s\n%s", name, args, err, out, s.errorLog())
	}
}

func (s *davServer) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// davConfig is the httpd.conf of plugins/internal/davtest (scripts/webdav's
// recipe) with the paths and the port filled in.
func davConfig(dir string, port int) string {
	return fmt.Sprintf(`ServerRoot "/usr/lib/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:%[2]d
PidFile "%[1]s/run/httpd.pid"
ErrorLog "%[1]s/logs/error.log"
LogLevel warn
Mutex file:%[1]s/run default
DefaultRuntimeDir "%[1]s/run"
LoadModule mpm_prefork_module modules/mod_mpm_prefork.so
LoadModule authn_core_module  modules/mod_authn_core.so
LoadModule authn_file_module  modules/mod_authn_file.so
LoadModule authz_core_module  modules/mod_authz_core.so
LoadModule authz_user_module  modules/mod_authz_user.so
LoadModule auth_basic_module  modules/mod_auth_basic.so
LoadModule dav_module         modules/mod_dav.so
LoadModule dav_fs_module      modules/mod_dav_fs.so
LoadModule mime_module        modules/mod_mime.so
LoadModule alias_module       modules/mod_alias.so
User www-data
Group www-data
StartServers 4
MinSpareServers 2
MaxSpareServers 8
ServerLimit 32
MaxRequestWorkers 32
LimitRequestBody 0
Timeout 60
KeepAlive On
TypesConfig /etc/mime.types
DavLockDB "%[1]s/lock/DavLock"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
Alias /recordings "%[1]s/data"
<Directory "%[1]s/data">
    Dav On
    Options Indexes
    AuthType Basic
    AuthName "recordings"
    AuthUserFile "%[1]s/htpasswd"
    Require valid-user
</Directory>
`, dir, port)
}
