package espeak_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/wav"
	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// The plugin binary, built once for the package's tests and removed by
// TestMain.
var (
	build    sync.Once
	binPath  string
	buildErr error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		_ = os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// launch builds and starts the plugin process, configured with config.
func launch(t *testing.T, config string) sdk.TTS {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and starts the plugin process")
	}
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Fatal("espeak-ng not installed (make deps)")
	}
	build.Do(func() {
		dir, err := os.MkdirTemp("", "reel-tts-espeak-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "reel-plugin-tts-espeak")
		if out, err := exec.Command("go", "build", "-o", binPath, "github.com/reel-project/reel/cmd/reel-plugin-tts-espeak").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %s", out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	c, err := host.Launch(context.Background(), binPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Configure(context.Background(), []byte(config)); err != nil {
		t.Fatal(err)
	}
	tts, err := c.TTS()
	if err != nil {
		t.Fatal(err)
	}
	return tts
}

// TestThePluginSpeaks synthesizes a prompt through the plugin process and
// the host's loader: real speech, resampled to 8 kHz, cached by (voice,
// text), and a WAV written from it that ffprobe reads as 8 kHz audio of the
// same length.
func TestThePluginSpeaks(t *testing.T) {
	tts := launch(t, `{"rate": 160}`)
	l := prompt.NewLoader(fetch.New(fetch.Options{}), prompt.NewCache(0, 0), 0)
	req := sdk.Speech{Text: "Please enter your sixteen digit card number, followed by the pound key."}
	a, err := l.Speak(context.Background(), tts, req)
	if err != nil {
		t.Fatal(err)
	}
	// About 13 words at 160 per minute, with espeak-ng's pauses.
	if d := a.Duration(); d < 3*time.Second || d > 8*time.Second {
		t.Fatalf("%v of speech", d)
	}
	if voiced := voicedShare(a.Samples()); voiced < 0.5 {
		t.Fatalf("only %.0f %% of 100 ms windows carry speech", voiced*100)
	}
	if again, _ := l.Speak(context.Background(), tts, req); again != a {
		t.Fatal("the same (voice, text) was synthesized again")
	}
	path := filepath.Join(t.TempDir(), "speech.wav")
	w, err := wav.New(path, wav.Format{Encoding: wav.PCM16, Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WritePCM(a.Samples()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	probe(t, path, a.Duration())
}

// voicedShare is the share of 100 ms windows louder than −40 dBFS RMS.
func voicedShare(pcm []int16) float64 {
	loud, n := 0, 0
	for i := 0; i+800 <= len(pcm); i += 800 {
		sum := 0.0
		for _, v := range pcm[i : i+800] {
			sum += float64(v) * float64(v)
		}
		if math.Sqrt(sum/800) > 32768*0.01 {
			loud++
		}
		n++
	}
	return float64(loud) / float64(n)
}

func probe(t *testing.T, path string, want time.Duration) {
	t.Helper()
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Fatal("ffprobe not installed (make deps installs ffmpeg)")
	}
	out, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,channels,duration", "-of", "default=nw=1", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "sample_rate=8000") || !strings.Contains(s, "channels=1") {
		t.Fatalf("ffprobe: %s", s)
	}
	var secs float64
	for line := range strings.Lines(s) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "duration="); ok {
			d, _ := time.ParseDuration(v + "s")
			secs = d.Seconds()
		}
	}
	if math.Abs(secs-want.Seconds()) > 0.01 {
		t.Fatalf("ffprobe says %.3f s, want %.3f", secs, want.Seconds())
	}
}

func TestThePluginSpeaksSSMLAndRefusesBadVoices(t *testing.T) {
	tts := launch(t, `{}`)
	plain, err := tts.Synthesize(context.Background(), sdk.Speech{Text: "one two"})
	if err != nil {
		t.Fatal(err)
	}
	ssml, err := tts.Synthesize(context.Background(), sdk.Speech{SSML: true, Text: `<speak>one <break time="1500ms"/> two</speak>`})
	if err != nil {
		t.Fatal(err)
	}
	if len(ssml.Data) < len(plain.Data)+22050 { // the break adds 1.5 s at 22.05 kHz, 2 bytes a sample
		t.Fatalf("SSML break not honoured: %d bytes against %d", len(ssml.Data), len(plain.Data))
	}
	for _, voice := range []string{"nosuchvoice", "-v", "en us"} {
		if _, err := tts.Synthesize(context.Background(), sdk.Speech{Text: "hello", Voice: voice}); !errors.Is(err, sdk.ErrInvalid) {
			t.Errorf("voice %q: %v, want ErrInvalid", voice, err)
		}
	}
	if _, err := tts.Synthesize(context.Background(), sdk.Speech{Text: "  "}); !errors.Is(err, sdk.ErrInvalid) {
		t.Errorf("no text: %v", err)
	}
}
