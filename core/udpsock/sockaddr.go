package udpsock

import (
	"net/netip"
	"syscall"
	"unsafe"
)

// sockaddr holds a raw IPv4 or IPv6 socket address on the caller's stack.
type sockaddr struct {
	raw syscall.RawSockaddrInet6 // large enough for both families
}

// set fills sa with a for a socket of the given family and returns the
// pointer and length to pass to the kernel; length 0 when a cannot be
// reached from such a socket (IPv6 from an IPv4 socket).
func (sa *sockaddr) set(a netip.AddrPort, v6 bool) (unsafe.Pointer, uintptr) {
	ip := a.Addr()
	if !v6 {
		ip = ip.Unmap()
		if !ip.Is4() {
			return nil, 0
		}
		r := (*syscall.RawSockaddrInet4)(unsafe.Pointer(&sa.raw))
		r.Family = syscall.AF_INET
		putPort(&r.Port, a.Port())
		r.Addr = ip.As4()
		return unsafe.Pointer(r), syscall.SizeofSockaddrInet4
	}
	sa.raw.Family = syscall.AF_INET6
	putPort(&sa.raw.Port, a.Port())
	sa.raw.Addr = ip.As16() // an IPv4 address becomes ::ffff:a.b.c.d
	return unsafe.Pointer(&sa.raw), syscall.SizeofSockaddrInet6
}

// putPort stores port in network byte order.
func putPort(dst *uint16, port uint16) {
	b := (*[2]byte)(unsafe.Pointer(dst))
	b[0], b[1] = byte(port>>8), byte(port)
}

// port reads a port in network byte order.
func port(src *uint16) uint16 {
	b := (*[2]byte)(unsafe.Pointer(src))
	return uint16(b[0])<<8 | uint16(b[1])
}

// fromRaw decodes a source address the kernel wrote into raw; IPv4-mapped
// addresses are unmapped.
func fromRaw(raw *syscall.RawSockaddrInet6) netip.AddrPort {
	switch raw.Family {
	case syscall.AF_INET:
		r := (*syscall.RawSockaddrInet4)(unsafe.Pointer(raw))
		return netip.AddrPortFrom(netip.AddrFrom4(r.Addr), port(&r.Port))
	case syscall.AF_INET6:
		return netip.AddrPortFrom(netip.AddrFrom16(raw.Addr).Unmap(), port(&raw.Port))
	}
	return netip.AddrPort{}
}

// fromSockaddr converts what Getsockname returns.
func fromSockaddr(sa syscall.Sockaddr) netip.AddrPort {
	switch a := sa.(type) {
	case *syscall.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port))
	case *syscall.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr).Unmap(), uint16(a.Port))
	}
	return netip.AddrPort{}
}
