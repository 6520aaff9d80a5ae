package config

import (
	"net/netip"
	"testing"
)

func TestAdvertiseAddr(t *testing.T) {
	tests := []struct {
		name string
		rtp  RTP
		want string
	}{
		{"is advertise_ip when set", RTP{BindIP: "10.0.0.1", AdvertiseIP: "203.0.113.7"}, "203.0.113.7"},
		{"is a specific bind_ip otherwise", RTP{BindIP: "10.0.0.1"}, "10.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rtp.AdvertiseAddr(); got != netip.MustParseAddr(tt.want) {
				t.Errorf("AdvertiseAddr() = %v, want %s", got, tt.want)
			}
		})
	}
}

func TestAdvertiseAddrForAllInterfacesIsAHostAddress(t *testing.T) {
	got := RTP{BindIP: "0.0.0.0"}.AdvertiseAddr()
	if !got.Is4() || got.IsUnspecified() || got.IsMulticast() {
		t.Fatalf("AdvertiseAddr() = %v, want a unicast IPv4 address", got)
	}
	if want, ok := firstHostAddr(); ok && got != want {
		t.Errorf("AdvertiseAddr() = %v, want the first interface address %v", got, want)
	}
	if _, ok := firstHostAddr(); !ok && got != netip.MustParseAddr("127.0.0.1") {
		t.Errorf("AdvertiseAddr() = %v without interfaces, want 127.0.0.1", got)
	}
}
