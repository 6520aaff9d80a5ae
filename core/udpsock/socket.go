package udpsock

import (
	"fmt"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"unsafe"
)

// Socket is a bound, non-blocking UDP socket. SendTo, RecvBatch and Close
// are safe for concurrent use; Close waits for calls in progress, so a
// closed descriptor number is never used again by this Socket.
type Socket struct {
	mu    sync.RWMutex // read-held by calls using fd; Close takes it for writing
	fd    int          // -1 once closed
	v6    bool         // AF_INET6 (dual-stack) rather than AF_INET
	local netip.AddrPort
}

// Listen opens a UDP socket bound to addr: AF_INET for an IPv4 address,
// a dual-stack AF_INET6 socket for an IPv6 one. Port 0 picks a free port.
// The kernel stamps every datagram with its arrival time.
func Listen(addr netip.AddrPort) (*Socket, error) {
	addr = netip.AddrPortFrom(addr.Addr().Unmap(), addr.Port())
	if !addr.Addr().IsValid() {
		return nil, fmt.Errorf("udpsock: listen on an invalid address")
	}
	s := &Socket{v6: addr.Addr().Is6()}
	fd, err := open(s.v6)
	if err != nil {
		return nil, &net.OpError{Op: "listen", Net: "udp", Addr: net.UDPAddrFromAddrPort(addr), Err: err}
	}
	s.fd = fd
	if err := s.bind(addr); err != nil {
		_ = syscall.Close(fd)
		return nil, &net.OpError{Op: "listen", Net: "udp", Addr: net.UDPAddrFromAddrPort(addr), Err: err}
	}
	return s, nil
}

// open creates the descriptor with the options every Socket has.
func open(v6 bool) (int, error) {
	family := syscall.AF_INET
	if v6 {
		family = syscall.AF_INET6
	}
	fd, err := syscall.Socket(family, syscall.SOCK_DGRAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, syscall.IPPROTO_UDP)
	if err != nil {
		return -1, err
	}
	opts := [][3]int{{syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1}}
	if v6 {
		opts = append(opts, [3]int{syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY, 0})
	}
	for _, o := range opts {
		if err := syscall.SetsockoptInt(fd, o[0], o[1], o[2]); err != nil {
			_ = syscall.Close(fd)
			return -1, fmt.Errorf("setsockopt %d/%d: %w", o[0], o[1], err)
		}
	}
	return fd, nil
}

func (s *Socket) bind(addr netip.AddrPort) error {
	var sa sockaddr
	ptr, n := sa.set(addr, s.v6)
	if _, _, e := syscall.RawSyscall(syscall.SYS_BIND, uintptr(s.fd), uintptr(ptr), uintptr(n)); e != 0 {
		return e
	}
	got, err := syscall.Getsockname(s.fd)
	if err != nil {
		return err
	}
	s.local = fromSockaddr(got)
	return nil
}

// LocalAddr returns the address the socket is bound to.
func (s *Socket) LocalAddr() netip.AddrPort { return s.local }

// Close closes the socket; later calls return net.ErrClosed. Safe to call
// twice.
func (s *Socket) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fd < 0 {
		return nil
	}
	err := syscall.Close(s.fd)
	s.fd = -1
	return err
}

// SendTo sends b as one datagram to dst. It does not block: a full send
// buffer is an error (EAGAIN), as a loss on the wire would be. It does not
// allocate.
func (s *Socket) SendTo(b []byte, dst netip.AddrPort) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.fd < 0 {
		return net.ErrClosed
	}
	var sa sockaddr
	ptr, n := sa.set(dst, s.v6)
	if n == 0 {
		return fmt.Errorf("udpsock: cannot send to %v from an IPv4 socket", dst)
	}
	var p unsafe.Pointer
	if len(b) > 0 {
		p = unsafe.Pointer(&b[0])
	}
	for {
		_, _, e := syscall.RawSyscall6(syscall.SYS_SENDTO, uintptr(s.fd), uintptr(p), uintptr(len(b)), 0, uintptr(ptr), uintptr(n))
		switch e {
		case 0:
			return nil
		case syscall.EINTR:
			continue
		default:
			return e
		}
	}
}
