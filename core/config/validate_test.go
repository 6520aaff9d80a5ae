package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*MCP)
		want   string
	}{
		{"a node id that is not 8 hex digits", func(c *MCP) { c.NodeID = "ABCDEF12" }, "node_id:"},
		{"an empty node id", func(c *MCP) { c.NodeID = "" }, "node_id:"},
		{"an empty data dir", func(c *MCP) { c.DataDir = "" }, "data_dir: must not be empty"},
		{"a SIP address without port", func(c *MCP) { c.SIP.Listen = "0.0.0.0" }, "sip.listen:"},
		{"a SIP address with a host name", func(c *MCP) { c.SIP.Listen = "mcp.example:5070" }, "sip.listen:"},
		{"a SIP port beyond 65535", func(c *MCP) { c.SIP.Listen = ":70000" }, "sip.listen:"},
		{"no SIP transport", func(c *MCP) { c.SIP.Transports = nil }, "sip.transports: empty"},
		{"an unknown SIP transport", func(c *MCP) { c.SIP.Transports = []string{"udp", "sctp"} }, `sip.transports[1]: unknown transport "sctp"`},
		{"a SIP transport twice", func(c *MCP) { c.SIP.Transports = []string{"tcp", "tcp"} }, `sip.transports[1]: "tcp" listed twice`},
		{"TLS without certificate files", func(c *MCP) { c.SIP.Transports = []string{"udp", "tls"} }, "sip.tls.cert_file: sip.transports lists tls"},
		{"mutual TLS without a CA", func(c *MCP) {
			c.SIP.Transports, c.SIP.TLS.CertFile, c.SIP.TLS.KeyFile, c.SIP.TLS.VerifyClients = []string{"tls"}, "c", "k", true
		}, "sip.tls.ca_file:"},
		{"a TLS allow entry that is a name", func(c *MCP) {
			c.SIP.Transports, c.SIP.TLS.CertFile, c.SIP.TLS.KeyFile, c.SIP.TLS.Allow = []string{"tls"}, "c", "k", []string{"sbc.example"}
		}, `sip.tls.allow: admit: sip.tls.allow[0]: "sbc.example" is neither`},
		{"an allow entry that is not a prefix", func(c *MCP) { c.SIP.Admission.Allow = []string{"10.0.0.0/33"} }, "sip.admission.allow:"},
		{"an unknown refusal", func(c *MCP) { c.SIP.Admission.Refuse = "404" }, `sip.admission.refuse: "404"`},
		{"a negative INVITE rate", func(c *MCP) { c.SIP.Admission.InviteRate = -1 }, "sip.admission.invite_rate:"},
		{"an INVITE burst of 0", func(c *MCP) { c.SIP.Admission.InviteBurst = 0 }, "sip.admission.invite_burst:"},
		{"a user agent with a line break", func(c *MCP) { c.SIP.UserAgent = "reel\r\nX-Evil: 1" }, "sip.user_agent:"},
		{"a tiny SIP body limit", func(c *MCP) { c.SIP.MaxBodyBytes = 100 }, "sip.max_body_bytes:"},
		{"a Min-SE below the RFC's 90 s", func(c *MCP) { c.SIP.MinSE = 30 * time.Second }, "sip.min_se: 30s"},
		{"a Min-SE in fractions of a second", func(c *MCP) { c.SIP.MinSE = 90500 * time.Millisecond }, "sip.min_se:"},
		{"an HTTP address that does not parse", func(c *MCP) { c.HTTP.Listen = "8070" }, "http.listen:"},
		{"a bind address that is a name", func(c *MCP) { c.RTP.BindIP = "eth0" }, "rtp.bind_ip:"},
		{"advertising 0.0.0.0", func(c *MCP) { c.RTP.AdvertiseIP = "0.0.0.0" }, "rtp.advertise_ip:"},
		{"a privileged port range", func(c *MCP) { c.RTP.PortMin = 80 }, "rtp.port_min:"},
		{"an odd lowest port", func(c *MCP) { c.RTP.PortMin = 20001 }, "rtp.port_min: 20001 is odd"},
		{"a port range upside down", func(c *MCP) { c.RTP.PortMax = 19000 }, "rtp.port_max:"},
		{"ports beyond 65535", func(c *MCP) { c.RTP.PortMax = 70000 }, "rtp.port_max:"},
		{"too few ports for max_calls", func(c *MCP) { c.RTP.PortMax = 20099 }, "rtp.port_max: range 20000–20099 has 50 RTP/RTCP port pairs, capacity.max_calls 500 needs 1000"},
		{"a jitter target above the maximum", func(c *MCP) { c.Jitter.TargetMs = 400 }, "jitter.target_ms:"},
		{"a negative jitter target", func(c *MCP) { c.Jitter.TargetMs = -1 }, "jitter.target_ms:"},
		{"a jitter maximum below one frame", func(c *MCP) { c.Jitter.MaxMs = 10; c.Jitter.TargetMs = 0 }, "jitter.max_ms:"},
		{"concealment over a second", func(c *MCP) { c.Jitter.ConcealMs = 1500 }, "jitter.conceal_ms:"},
		{"no calls allowed", func(c *MCP) { c.Capacity.MaxCalls = 0 }, "capacity.max_calls:"},
		{"a negative free-space minimum", func(c *MCP) { c.Capacity.MinFreeMB = -1 }, "capacity.min_free_mb:"},
		{"a negative drain timeout", func(c *MCP) { c.Capacity.DrainTimeout = -time.Second }, "capacity.drain_timeout:"},
		{"no recording format", func(c *MCP) { c.Recording.Formats = []string{} }, "recording.formats: empty"},
		{"an unknown recording format", func(c *MCP) { c.Recording.Formats = []string{"wav-pcmu", "mp3-64"} },
			`recording.formats[1]: unknown format "mp3-64" (want one of mp3-8-mono, mp3-16-stereo, mp3-32-stereo, wav-pcmu, wav-pcma, wav-pcm16)`},
		{"two MP3 formats", func(c *MCP) { c.Recording.Formats = []string{"mp3-8-mono", "mp3-32-stereo"} }, "recording.formats[1]: \"mp3-8-mono\" and \"mp3-32-stereo\" both write .mp3"},
		{"flushing less often than every second", func(c *MCP) { c.Recording.FlushInterval = 1500 * time.Millisecond }, "recording.flush_interval:"},
		{"flushing never", func(c *MCP) { c.Recording.FlushInterval = 0 }, "recording.flush_interval:"},
		{"an unknown log level", func(c *MCP) { c.Log.Level = "verbose" }, `log.level: unknown log level "verbose"`},
		{"an unknown log format", func(c *MCP) { c.Log.Format = "xml" }, `log.format: unknown log format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want ErrInvalid containing %q", err, tt.want)
			}
			var ke *KeyError
			if !errors.As(err, &ke) || !strings.HasPrefix(tt.want, ke.Key) {
				t.Errorf("KeyError.Key = %v, want the key %q starts with", ke, tt.want)
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name   string
		change func(*MCP)
	}{
		{"listening on any port for tests", func(c *MCP) { c.SIP.Listen = "127.0.0.1:0"; c.HTTP.Listen = "127.0.0.1:0" }},
		{"listening on all interfaces", func(c *MCP) { c.SIP.Listen = ":5060" }},
		{"listening on localhost and IPv6", func(c *MCP) { c.HTTP.Listen = "localhost:8070"; c.SIP.Listen = "[::1]:5060" }},
		{"a single transport", func(c *MCP) { c.SIP.Transports = []string{"tcp"} }},
		{"no user agent", func(c *MCP) { c.SIP.UserAgent = "" }},
		{"an advertised address", func(c *MCP) { c.RTP.AdvertiseIP = "203.0.113.7" }},
		{"an even port_max", func(c *MCP) { c.RTP.PortMax = 30000 }},
		{"the smallest range for max_calls", func(c *MCP) { c.Capacity.MaxCalls = 10; c.RTP.PortMin = 40000; c.RTP.PortMax = 40039 }},
		{"no jitter buffering or concealment", func(c *MCP) { c.Jitter.TargetMs = 0; c.Jitter.ConcealMs = 0 }},
		{"closing calls at once on shutdown", func(c *MCP) { c.Capacity.DrainTimeout = 0 }},
		{"every format that fits one recording", func(c *MCP) { c.Recording.Formats = []string{"mp3-8-mono", "wav-pcm16"} }},
		{"JSON debug logs", func(c *MCP) { c.Log.Level = "debug"; c.Log.Format = "json" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			if err := c.Validate(); err != nil {
				t.Errorf("Validate() = %v", err)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Default()
	c.DataDir, c.Log.Level, c.Capacity.MaxCalls = "", "loud", 0
	err := c.Validate()
	for _, key := range []string{"data_dir:", "log.level:", "capacity.max_calls:"} {
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("Validate() = %v, want it to name %s", err, key)
		}
	}
}
