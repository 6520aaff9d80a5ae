package app

import (
	"context"
	"encoding/binary"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/harness/oracle"
)

// TestSippCallWithCapturedAudioIsRecorded drives the MCP with sipp, a real
// external UAC, replaying the A-law RTP capture from testdata.
func TestSippCallWithCapturedAudioIsRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	pcap, _ := filepath.Abs("../../testdata/rtp-dtmf/g711a.pcap")
	scenario := writeScenario(t, pcap)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, addr, "-sf", scenario, "-s", "sipp-conf", "-m", "1", "-l", "1",
		"-i", "127.0.0.1", "-p", strconv.Itoa(freeUDPPort(t)), "-mi", "127.0.0.1", "-mp", strconv.Itoa(freeUDPPort(t)),
		"-timeout", "40s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", filepath.Join(t.TempDir(), "err.log"))
	cmd.Dir = t.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sipp failed: %v\n%s", err, tail(out))
	}
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav, _ := recordedFilesOf(t, m.cfg.RecordingDir(), "wav")
	if !strings.HasPrefix(filepath.Base(wav), "SIPPCALL1_") {
		t.Errorf("file %s not named after X-Genesys-CallUUID", filepath.Base(wav))
	}
	info := probe(t, wav, "pcm_mulaw", 2)
	if math.Abs(info.Duration-7.5) > 0.3 {
		t.Errorf("WAV %.3f s, the call's media lasted about 7.5 s", info.Duration)
	}
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	want := muLawOf(decode(g711.ALaw, pcapPayloads(t, pcap)))
	checkRecorded(t, "left (the sipp party)", oracle.Channel(pcm, 2, 0), want, docs[0].MediaFiles[0].Completeness)
	if c := docs[0].MediaFiles[0].Completeness; c.PacketsReceived != 236 || c.PacketsLost != 0 {
		t.Errorf("completeness %+v, want the capture's 236 packets and no loss", c)
	}
}

func writeScenario(t *testing.T, pcap string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/sipp/uac_pcap.xml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "uac.xml")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(b), "PCAP_PATH", pcap)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func freeUDPPort(t *testing.T) int {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

func tail(b []byte) string {
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// pcapPayloads concatenates the RTP payloads of a classic libpcap capture of
// Ethernet/IPv4/UDP/RTP packets (no CSRCs or extensions, as in the fixture).
func pcapPayloads(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 24 || binary.LittleEndian.Uint32(b) != 0xa1b2c3d4 {
		t.Fatalf("%s: not a little-endian pcap (%v)", path, err)
	}
	var out []byte
	for off := 24; off+16 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[off+8:]))
		frame := b[off+16 : off+16+n]
		off += 16 + n
		ihl := int(frame[14]&0x0f) * 4
		rtp := frame[14+ihl+8:]
		out = append(out, rtp[12:]...)
	}
	return out
}
