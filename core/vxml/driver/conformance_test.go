package driver

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// suiteDir finds ../shared/fixtures/vxml-ir beside the repository root,
// or the folder VXML_IR_DIR names (another part of the suite laid out the
// same way: MANIFEST.tsv and the test folders).
func suiteDir(t testing.TB) string {
	if dir := os.Getenv("VXML_IR_DIR"); dir != "" {
		return dir
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	suite := filepath.Join(dir, "..", "shared", "fixtures", "vxml-ir")
	if _, err := os.Stat(filepath.Join(suite, "MANIFEST.tsv")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("W3C VoiceXML IR suite not found at %s: CI must have ../shared beside the clone: %v", suite, err)
		}
		t.Skipf("W3C VoiceXML IR suite not found at %s (CI has ../shared beside the clone): %v", suite, err)
	}
	return suite
}

type manifestRow struct {
	id, file, dtmf, expected, stimulus string
}

func readManifest(t testing.TB, dir string) []manifestRow {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		c := strings.Split(sc.Text(), "\t")
		if first || len(c) < 6 {
			continue
		}
		rows = append(rows, manifestRow{id: c[0], file: c[2], dtmf: c[3], expected: c[4], stimulus: c[5]})
	}
	return rows
}

// loopbackOnly refuses every address but 127.0.0.1, so the suite's
// deliberately bad URLs (http://gaga, …) fail at once and nothing leaves
// the machine.
func loopbackOnly() *http.Client {
	d := &net.Dialer{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		if host != "127.0.0.1" {
			return nil, errors.New("test: only 127.0.0.1 is reachable")
		}
		return d.DialContext(ctx, network, addr)
	}}
	return &http.Client{Transport: tr}
}

// staticServer serves dir to GET and POST (submit targets are static files).
func staticServer(dir string) *httptest.Server {
	files := http.FileServer(http.Dir(dir))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			r.Method = http.MethodGet
		}
		files.ServeHTTP(w, r)
	}))
}

func TestW3CConformance(t *testing.T) {
	dir := suiteDir(t)
	srv := staticServer(dir)
	defer srv.Close()
	fetcher := fetch.New(fetch.Options{Client: loopbackOnly()})
	rows := readManifest(t, dir)
	passed := 0
	for _, row := range rows {
		ok := t.Run(row.id, func(t *testing.T) {
			res := Run(context.Background(), fetcher, nil, srv.URL+"/"+row.file, scriptFor(t, row))
			if why := verdict(row, res); why != "" {
				var b strings.Builder
				_ = Print(&b, res)
				t.Errorf("%s: %s\n%s", row.file, why, b.String())
			}
		})
		if ok {
			passed++
		}
	}
	t.Logf("W3C VoiceXML IR development set: %d of %d pass", passed, len(rows))
}

func scriptFor(t *testing.T, row manifestRow) Script {
	sc := Script{}
	if strings.HasPrefix(row.stimulus, "transfer=") {
		sc.Transfers = []string{strings.TrimPrefix(row.stimulus, "transfer=")}
	}
	if row.stimulus == "dtmf" {
		keys, err := ParseDTMF(row.dtmf)
		if err != nil {
			t.Fatal(err)
		}
		sc.DTMF = keys
	}
	return sc
}

// verdict applies the manifest's expected outcome; "" is a pass.
func verdict(row manifestRow, res Result) string {
	var prompts []string
	for _, st := range res.Steps {
		if st.Kind == vxml.ActLog && st.Label == "conformance" && strings.HasPrefix(st.Text, "fail") {
			return "logged " + st.Text
		}
		if st.Kind == vxml.ActPrompt {
			prompts = append(prompts, PromptText(st.Prompt))
		}
	}
	if res.TimedOut {
		return "did not end: " + res.Exit
	}
	switch {
	case row.expected == "pass":
		if res.Exit != "pass" {
			return "exit value " + res.Exit + ", want pass"
		}
	case row.expected == "prompt-pass":
		if len(prompts) == 0 || prompts[len(prompts)-1] != "pass" {
			return "last prompt is not pass"
		}
	case row.expected == "exit":
		if !res.Normal || disconnected(res) {
			return "did not end by exit: " + res.Exit
		}
	case strings.HasPrefix(row.expected, "prompts:"):
		if !res.Normal {
			return "abnormal end: " + res.Exit
		}
		if !inOrder(strings.Join(prompts, " "), strings.Split(strings.TrimPrefix(row.expected, "prompts:"), "|")) {
			return "prompts not in order: " + strings.Join(prompts, " / ")
		}
	}
	return ""
}

func disconnected(res Result) bool {
	for _, st := range res.Steps {
		if st.Kind == vxml.ActDisconnect {
			return true
		}
	}
	return false
}

var tokens = map[string]string{"alpha": "Chicago", "bravo": "San Francisco", "charlie": "New York", "delta": "London"}

func inOrder(text string, words []string) bool {
	for _, w := range words {
		i := strings.Index(text, w)
		if alt, ok := tokens[w]; ok && (i < 0) {
			i = strings.Index(text, alt)
			w = alt
		}
		if i < 0 {
			return false
		}
		text = text[i+len(w):]
	}
	return true
}
