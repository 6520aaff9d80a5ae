package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/rm/config"
)

// chromium returns the browser's path; without one the test skips, except
// under CI=true, where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (make deps installs it)")
	}
	t.Skip("chromium is not installed")
	return ""
}

// browser starts a headless Chromium for the test; its context ends with
// the test or after 60 s.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium(t)), chromedp.NoSandbox,
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"), chromedp.WindowSize(1280, 900))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancel() })
	return bctx
}

// shot saves a screenshot of the page as a test artefact and logs where.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("REEL_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "reel-console-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestConsoleInABrowser drives the consoles of a real reel-rm and two
// reel-mcp with Chromium while a call runs: the cluster and the call
// listed, an MSML pause shown live, the dead-lettered recording retried
// from the spool page, then found by DN, its waveform drawn with the
// paused span shaded, and played.
func TestConsoleInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers and a browser")
	}
	ctx := browser(t)
	mcps := []*mcpProc{startMCP(t), startMCP(t)}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{10, 10}, func(c *config.RM) {
		for i, m := range mcps {
			c.Groups[0].MCPs[i].Admin = "http://127.0.0.1:" + strconv.Itoa(m.http)
		}
	})
	emu, err := sipemu.New(r.sip, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := placeCall(sctx, emu, "browser-conf", [2]*testRM{r, r}, mcps)
	defer c.close()
	if err != nil {
		t.Fatal(err)
	}
	talked := make(chan error, 1)
	go func() { talked <- c.talk(5) }()
	m := c.on[0]
	admin := "http://127.0.0.1:" + strconv.Itoa(m.http)
	files := recordingFiles(t, admin)
	blockDelivery(t, m, files)

	run(t, ctx, "cluster page", chromedp.Navigate("http://"+r.HTTPAddr()+"/console/cluster"),
		chromedp.WaitVisible(chromedp.CSS(`#cluster tr[data-mcp="`+mcps[0].addr())+`"]`),
		chromedp.WaitVisible(chromedp.CSS(`#cluster tr[data-mcp="`+mcps[1].addr())+`"]`))
	shot(t, ctx, "1-cluster")
	run(t, ctx, "the call on its MCP's console", chromedp.Navigate(admin+"/console/calls"),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-call="browser-conf"] span.state.recording`)))
	msml(t, c.legs[0], `<dialogstart target="conf:browser-conf" name="rec" type="application/moml+xml"><record format="audio/wav"/></dialogstart>`)
	time.Sleep(time.Second) // a second of audio before the pause
	msml(t, c.legs[0], `<send target="conf:browser-conf/dialog:rec" event="pause"/>`)
	paused := time.Now()
	run(t, ctx, "the pause on the calls page", chromedp.WaitVisible(chromedp.CSS(`tr[data-call="browser-conf"] span.state.paused`)))
	t.Logf("the pause showed %s after its INFO was answered", time.Since(paused).Round(time.Millisecond))
	shot(t, ctx, "2-calls-paused")
	time.Sleep(time.Second)
	msml(t, c.legs[0], `<send target="conf:browser-conf/dialog:rec" event="app.resume"/>`)
	if err := <-talked; err != nil {
		t.Fatal(err)
	}
	if err := c.hangUp(sctx); err != nil {
		t.Fatal(err)
	}

	waitPage(t, ctx, admin+"/console/spool", `document.querySelector('td.state.dead') !== null`)
	shot(t, ctx, "3-spool-dead")
	unblockDelivery(t, m, files)
	run(t, ctx, "retry", chromedp.Click(chromedp.CSS(`form[action$="/retry"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.ok`)))
	waitPage(t, ctx, admin+"/console/recordings?dn=7000", `[...document.querySelectorAll('#recordings td.state')].some(td => td.textContent === 'done')`)
	shot(t, ctx, "4-recordings")
	run(t, ctx, "the recording's page", chromedp.Click(chromedp.CSS(`#recordings a`)),
		chromedp.WaitVisible(chromedp.CSS(`svg#waveform rect.paused`)))
	run(t, ctx, "play", chromedp.Evaluate[chromedp.Void](`void document.querySelector('audio').play()`))
	playing, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('audio').currentTime > 0`,
		chromedp.WithPollingTimeout(10*time.Second)))
	shot(t, ctx, "5-recording")
	if err != nil || !playing {
		t.Errorf("playback did not start: %v", err)
	}
}

// recordingFiles waits for the call's recording on the MCP and returns its
// file names.
func recordingFiles(t *testing.T, admin string) []string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var rep calls.Report
		res, err := http.Get(admin + calls.Path)
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(res.Body).Decode(&rep)
		res.Body.Close()
		if err == nil && len(rep.Calls) == 1 && rep.Calls[0].Recording != nil && len(rep.Calls[0].Recording.Files) > 0 {
			return rep.Calls[0].Recording.Files
		}
	}
	t.Fatal("no recording on the MCP after 10 s")
	return nil
}

// blockDelivery puts someone else's file under each name in the MCP's
// recordings folder: the localdir plugin refuses to overwrite it, a
// permanent error, so the recording is dead-lettered.
func blockDelivery(t *testing.T, m *mcpProc, files []string) {
	t.Helper()
	dir := filepath.Join(m.dataDir, "recordings")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte("someone else's"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func unblockDelivery(t *testing.T, m *mcpProc, files []string) {
	t.Helper()
	for _, f := range files {
		if err := os.Remove(filepath.Join(m.dataDir, "recordings", filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
}

// waitPage reloads url until cond (a script) is true, for up to 20 s.
func waitPage(t *testing.T, ctx context.Context, url, cond string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		run(t, ctx, "load "+url, chromedp.Navigate(url))
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s not true after 20 s", url, cond)
		}
	}
}

// msml sends one MSML operation in an INFO on the leg and wants 200.
func msml(t *testing.T, l *sipemu.Leg, op string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := l.Info(ctx, "application/msml+xml", []byte(`<msml version="1.1">`+op+`</msml>`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("INFO %s: %v %v", op, res, err)
	}
	if body := string(res.Body()); !strings.Contains(body, `response="200"`) {
		t.Fatalf("INFO %s: %s", op, body)
	}
}
