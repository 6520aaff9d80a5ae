package config

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"
)

// MCP is the configuration of reel-mcp. The mapstructure tags are the YAML
// keys; the comments in configs/mcp.yaml explain each one.
type MCP struct {
	// NodeID names this MCP in file names (docs/wire.md §4): 8 lower-case hex
	// digits. Empty in a file means DefaultNodeID().
	NodeID string `mapstructure:"node_id"`
	// DataDir holds the spool and, unless Recording.Dir says otherwise, the
	// recordings.
	DataDir    string     `mapstructure:"data_dir"`
	SIP        SIP        `mapstructure:"sip"`
	HTTP       HTTP       `mapstructure:"http"`
	RTP        RTP        `mapstructure:"rtp"`
	Jitter     Jitter     `mapstructure:"jitter"`
	Capacity   Capacity   `mapstructure:"capacity"`
	Recording  Recording  `mapstructure:"recording"`
	Log        Log        `mapstructure:"log"`
	Spool      Spool      `mapstructure:"spool"`
	PluginHost PluginHost `mapstructure:"plugin_host"`
	Manifests  Manifests  `mapstructure:"manifests"`
	// Plugins are the destination plugins; Profiles the recording profiles
	// naming them. Both are blocks: set from the file only, as a whole.
	Plugins  []Plugin           `mapstructure:"plugins" reel:"block"`
	Profiles map[string]Profile `mapstructure:"profiles" reel:"block"`
}

// SIP is the SIP user agent's listener.
type SIP struct {
	Listen       string   `mapstructure:"listen"`         // host:port for every transport
	Transports   []string `mapstructure:"transports"`     // "udp", "tcp"
	UserAgent    string   `mapstructure:"user_agent"`     // User-Agent and Server header; empty: none
	MaxBodyBytes int      `mapstructure:"max_body_bytes"` // larger SDP/MSML bodies are refused
	// SessionTimers grants the Session-Expires of an INVITE (RFC 4028): the
	// sender refreshes, or reel-mcp does with UPDATE; a lapsed session ends.
	SessionTimers bool          `mapstructure:"session_timers"`
	MinSE         time.Duration `mapstructure:"min_se"` // shorter Session-Expires → 422
	TLS           SIPTLS        `mapstructure:"tls"`
	Admission     SIPAdmission  `mapstructure:"admission"`
}

// HTTP is the admin server: /healthz, /readyz, /metrics.
type HTTP struct {
	Listen string `mapstructure:"listen"`
	// TokenFile holds a bearer token every admin request but /healthz and
	// /readyz must carry (Authorization: Bearer …); empty: no token.
	TokenFile string `mapstructure:"token_file"`
	// ReadTokenFile holds a second token that may read (the console, /calls,
	// the recordings API, /metrics) but not retry or export; empty: none.
	ReadTokenFile string `mapstructure:"read_token_file"`
}

// RTP is where media sockets bind and what address SDP advertises.
type RTP struct {
	BindIP      string `mapstructure:"bind_ip"`      // local address of every RTP/RTCP socket
	AdvertiseIP string `mapstructure:"advertise_ip"` // SDP c= address; empty: see AdvertiseAddr
	PortMin     int    `mapstructure:"port_min"`     // even; RTP on even ports, RTCP on the next
	PortMax     int    `mapstructure:"port_max"`     // inclusive
	Latch       bool   `mapstructure:"latch"`        // send to where the peer's RTP comes from
}

// Jitter sizes the jitter buffer of every leg, in milliseconds of audio.
type Jitter struct {
	TargetMs  int `mapstructure:"target_ms"`  // playout delay the buffer aims for
	MaxMs     int `mapstructure:"max_ms"`     // packets later than this are dropped as late
	ConcealMs int `mapstructure:"conceal_ms"` // loss concealed up to this long, then silence
}

// Capacity limits the calls this MCP takes.
type Capacity struct {
	MaxCalls     int           `mapstructure:"max_calls"`     // new INVITEs beyond this get 503
	DrainTimeout time.Duration `mapstructure:"drain_timeout"` // on shutdown, wait this long for calls to end
	// MinFreeMB refuses new calls while the data dir's or the recording
	// dir's filesystem has less free space (0: no check).
	MinFreeMB int `mapstructure:"min_free_mb"`
}

// Recording is what every recording writes when its profile does not say.
type Recording struct {
	Formats       []string      `mapstructure:"formats"`        // see Formats()
	StereoSwap    bool          `mapstructure:"stereo_swap"`    // recorded DN on the right instead of the left
	FlushInterval time.Duration `mapstructure:"flush_interval"` // ≤ 1s: a crash loses at most this much
	Dir           string        `mapstructure:"dir"`            // empty: <data_dir>/recordings
	ToneParties   string        `mapstructure:"tone_parties"`   // who hears MSML tones: both, recorded, none
}

// Manifests is the node's key for the signed, hash-chained manifest of
// every recording (core/manifest, docs/decisions/0037). Both empty: none.
type Manifests struct {
	Certificate string `mapstructure:"certificate"` // PEM certificate of the node's key
	Key         string `mapstructure:"key"`         // PEM private key (PKCS#8, PKCS#1 or SEC 1)
}

// Spool tunes the delivery of finished recordings (core/spool).
type Spool struct {
	Workers        int           `mapstructure:"workers"`         // jobs delivered at once
	AttemptTimeout time.Duration `mapstructure:"attempt_timeout"` // bound of each delivery call
	BackoffBase    time.Duration `mapstructure:"backoff_base"`    // first retry delay, doubling per failure
	BackoffMax     time.Duration `mapstructure:"backoff_max"`     // cap of the retry delay
	Horizon        time.Duration `mapstructure:"horizon"`         // retry this long, then dead-letter
	KeepLocal      bool          `mapstructure:"keep_local"`      // keep delivered files (<spool>/files) and their records
}

// PluginHost tunes how plugins are run (core/pluginhost).
type PluginHost struct {
	Dir          string        `mapstructure:"dir"`           // where bare binary names are looked up first; empty: reel-mcp's directory
	CallTimeout  time.Duration `mapstructure:"call_timeout"`  // bound of every plugin call
	PingInterval time.Duration `mapstructure:"ping_interval"` // health check period
	BackoffMax   time.Duration `mapstructure:"backoff_max"`   // cap of the restart back-off
}

// Log is the process log.
type Log struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text, json
}

// Default returns the embedded default configuration: it validates, records
// MP3 and WAV under ./var/reel-mcp and needs no external service.
func Default() MCP {
	return MCP{
		NodeID:  DefaultNodeID(),
		DataDir: "./var/reel-mcp",
		SIP: SIP{
			Listen:        "0.0.0.0:5070",
			Transports:    []string{"udp", "tcp"},
			UserAgent:     "reel-mcp",
			MaxBodyBytes:  64 << 10,
			SessionTimers: true,
			MinSE:         90 * time.Second,
			TLS:           SIPTLS{Listen: "0.0.0.0:5071"},
			Admission:     DefaultAdmission(),
		},
		HTTP:      HTTP{Listen: "127.0.0.1:8070"},
		RTP:       RTP{BindIP: "0.0.0.0", PortMin: 20000, PortMax: 29999, Latch: true},
		Jitter:    Jitter{TargetMs: 60, MaxMs: 300, ConcealMs: 60},
		Capacity:  Capacity{MaxCalls: 500, DrainTimeout: 5 * time.Minute, MinFreeMB: 256},
		Recording: Recording{Formats: []string{"mp3-16-stereo", "wav-pcmu"}, FlushInterval: time.Second, ToneParties: "both"},
		Log:       Log{Level: "info", Format: "text"},
		Spool: Spool{Workers: 4, AttemptTimeout: 10 * time.Minute, BackoffBase: time.Second, BackoffMax: 5 * time.Minute,
			Horizon: 40 * 24 * time.Hour},
		PluginHost: PluginHost{CallTimeout: 10 * time.Minute, PingInterval: 10 * time.Second, BackoffMax: time.Minute},
		Plugins:    DefaultPlugins(),
		Profiles:   DefaultProfiles(),
	}
}

// DefaultNodeID derives a node id from the host name: the first 4 bytes of
// its SHA-256 in hex. It is stable across restarts and differs between hosts
// with different names; set node_id when host names are not unique.
func DefaultNodeID() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return NodeIDFor(host)
}

// NodeIDFor returns the node id DefaultNodeID derives from host.
func NodeIDFor(host string) string {
	sum := sha256.Sum256([]byte(host))
	return hex.EncodeToString(sum[:4])
}

// RecordingDir is Recording.Dir, or <data_dir>/recordings when that is empty.
func (c MCP) RecordingDir() string {
	if c.Recording.Dir != "" {
		return c.Recording.Dir
	}
	return filepath.Join(c.DataDir, "recordings")
}

// SpoolDir is <data_dir>/spool.
func (c MCP) SpoolDir() string { return filepath.Join(c.DataDir, "spool") }
