package app

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
)

// siprecOffer reads core/siprec's vendor offer name, its m-lines moved to
// sipp's media ports ([media_port], [media_port+2], …).
func siprecOffer(t *testing.T, name string) (contentType, body string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "siprec", "testdata", "offers", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(b), "\n\n")
	n := 0
	rest = regexp.MustCompile(`m=audio [0-9]+`).ReplaceAllStringFunc(rest, func(string) string {
		n++
		if n == 1 {
			return "m=audio [media_port]"
		}
		return fmt.Sprintf("m=audio [media_port+%d]", 2*(n-1))
	})
	return strings.TrimSpace(strings.TrimPrefix(head, "Content-Type:")), rest
}

// siprecReinvite is one re-INVITE of a scenario: its body, what its 200
// must match, and how long the call then goes on.
type siprecReinvite struct {
	contentType, body, expect string
	pauseMs                   int
}

// writeSIPRECScenario fills the siprec_src.xml template.
func writeSIPRECScenario(t *testing.T, ct, body string, audioMs int, reinvites ...siprecReinvite) string {
	t.Helper()
	tmpl, err := os.ReadFile("testdata/sipp/siprec_src.xml")
	if err != nil {
		t.Fatal(err)
	}
	one, err := os.ReadFile("testdata/sipp/siprec_reinvite.xml")
	if err != nil {
		t.Fatal(err)
	}
	var re strings.Builder
	for i, r := range reinvites {
		re.WriteString(strings.NewReplacer("CSEQ", strconv.Itoa(i+2), "CONTENT_TYPE", r.contentType, "BODY", r.body,
			"EXPECT", r.expect, "PAUSE_MS", strconv.Itoa(r.pauseMs)).Replace(string(one)))
	}
	pcap, _ := filepath.Abs("../../testdata/rtp-dtmf/g711a.pcap")
	s := strings.NewReplacer("CONTENT_TYPE", ct, "PCAP_PATH", pcap, "AUDIO_MS", strconv.Itoa(audioMs),
		"REINVITES", re.String()).Replace(string(tmpl))
	s = strings.Replace(s, "BODY", body, 1)
	path := filepath.Join(t.TempDir(), "siprec.xml")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// runSIPREC runs a scenario against addr; while it runs, second (when not
// nil) is given the MCP's port for the second label, as sipp logs it.
func runSIPREC(t *testing.T, addr, scenario string, second func(port int)) {
	t.Helper()
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	dir, mp := t.TempDir(), freeUDPPort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, addr, "-sf", scenario, "-m", "1", "-l", "1",
		"-i", "127.0.0.1", "-p", strconv.Itoa(freeUDPPort(t)), "-mi", "127.0.0.1", "-mp", strconv.Itoa(mp),
		"-timeout", "40s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", filepath.Join(dir, "err.log"),
		"-trace_logs", "-log_file", filepath.Join(dir, "sipp.log"), "-trace_msg", "-message_file", filepath.Join(dir, "msg.log"))
	cmd.Dir = dir
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if second != nil {
		if port := waitLoggedPort(done, filepath.Join(dir, "sipp.log")); port > 0 {
			second(port)
		}
	}
	if err := <-done; err != nil {
		msgs, _ := os.ReadFile(filepath.Join(dir, "msg.log"))
		t.Fatalf("sipp failed: %v\n%s\nmessages:\n%s", err, tail([]byte(out.String())), tail(msgs))
	}
}

// waitLoggedPort waits for sipp's "SECOND_PORT <n>" log line; 0 when sipp
// ends first (done is then refilled for the caller).
func waitLoggedPort(done chan error, path string) int {
	re := regexp.MustCompile(`SECOND_PORT ([0-9]+)`)
	for {
		b, _ := os.ReadFile(path)
		if m := re.FindSubmatch(b); m != nil {
			p, _ := strconv.Atoi(string(m[1]))
			return p
		}
		select {
		case err := <-done:
			done <- err
			return 0
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// streamTone sends ms of a 1 kHz A-law tone as 20 ms RTP packets to
// 127.0.0.1:to.
func streamTone(t *testing.T, to, ms int) {
	pcm := make([]int16, ms*8)
	for j := range pcm {
		pcm[j] = int16(8000 * math.Sin(2*math.Pi*1000*float64(j)/8000))
	}
	payload := make([]byte, len(pcm))
	g711.ALaw.EncodeTo(payload, pcm)
	streamPackets(t, to, 8, payload, 160)
}

// streamPackets sends payload as 20 ms RTP packets of size bytes and
// payload type pt to 127.0.0.1:to.
func streamPackets(t *testing.T, to int, pt byte, payload []byte, size int) {
	c, err := net.DialUDP("udp4", nil, &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: to})
	if err != nil {
		t.Errorf("second label: %v", err)
		return
	}
	defer c.Close()
	pkt := make([]byte, 12+size)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i := 0; (i+1)*size <= len(payload); i++ {
		pkt[0], pkt[1] = 0x80, pt
		binary.BigEndian.PutUint16(pkt[2:], uint16(i))
		binary.BigEndian.PutUint32(pkt[4:], uint32(i*160))
		binary.BigEndian.PutUint32(pkt[8:], 0x7222)
		copy(pkt[12:], payload[i*size:])
		_, _ = c.Write(pkt)
		<-tick.C
	}
}

// ffmpegG722 is 2 s of the project's test speech encoded by ffmpeg's G.722
// encoder.
func ffmpegG722(t *testing.T) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "speech.g722")
	cmd := exec.Command("ffmpeg", "-v", "error", "-f", "mulaw", "-ar", "8000", "-ac", "1",
		"-i", "../../testdata/audio/pcmu.1.8k.raw", "-t", "2", "-ar", "16000", "-c:a", "g722", "-f", "g722", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// siprecMCP is an MCP recording stereo µ-law WAV, the agent (7xxx) left.
func siprecMCP(t *testing.T) (*MCP, string) {
	return startMCP(t, func(c *config.MCP) {
		c.Recording.Formats = []string{"wav-pcmu"}
		p := c.Profiles[config.DefaultProfile]
		p.SIPRECLeft = "^sip:(alice|7[0-9]{3})@"
		c.Profiles[config.DefaultProfile] = p
	})
}

// participants maps AOR → channel ("" when it sends nothing recorded).
func participants(s *recmeta.SIPREC) map[string]string {
	out := map[string]string{}
	if s != nil {
		for _, p := range s.Participants {
			out[p.AOR] = p.Channel
		}
	}
	return out
}
