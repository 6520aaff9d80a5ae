package config

import (
	"net"
	"net/netip"
)

// AdvertiseAddr returns the address SDP offers and answers carry in c=:
// advertise_ip when set; else bind_ip when it is a specific address; else
// the first IPv4 address of an up, non-loopback interface; else 127.0.0.1.
// The last two are looked up at each call, so call it once at start-up.
// It assumes Validate passed.
func (r RTP) AdvertiseAddr() netip.Addr {
	if a, err := netip.ParseAddr(r.AdvertiseIP); err == nil {
		return a
	}
	if a, err := netip.ParseAddr(r.BindIP); err == nil && !a.IsUnspecified() {
		return a
	}
	if a, ok := firstHostAddr(); ok {
		return a
	}
	return netip.AddrFrom4([4]byte{127, 0, 0, 1})
}

// firstHostAddr returns the first global or private unicast IPv4 address of
// an interface that is up and not a loopback.
func firstHostAddr() (netip.Addr, bool) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return netip.Addr{}, false
	}
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		if a, ok := ifaceIPv4(ifc); ok {
			return a, true
		}
	}
	return netip.Addr{}, false
}

// ifaceIPv4 returns the first usable IPv4 address of ifc.
func ifaceIPv4(ifc net.Interface) (netip.Addr, bool) {
	addrs, err := ifc.Addrs()
	if err != nil {
		return netip.Addr{}, false
	}
	for _, a := range addrs {
		pfx, err := netip.ParsePrefix(a.String())
		if err != nil {
			continue
		}
		if ip := pfx.Addr(); ip.Is4() && ip.IsGlobalUnicast() {
			return ip, true
		}
	}
	return netip.Addr{}, false
}

// AdvertiseAddr is c.RTP.AdvertiseAddr().
func (c MCP) AdvertiseAddr() netip.Addr { return c.RTP.AdvertiseAddr() }
