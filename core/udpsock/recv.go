package udpsock

import (
	"net"
	"net/netip"
	"syscall"
	"time"
	"unsafe"
)

// BatchSize is how many datagrams one RecvBatch can return.
const BatchSize = 4

// MaxDatagram is the size of each receive buffer. A larger datagram arrives
// cut to this size with Truncated set.
const MaxDatagram = 2048

// oobSize holds one SCM_TIMESTAMPNS control message (a cmsghdr and a
// timespec) with room to spare.
const oobSize = 64

// Message is one received datagram.
type Message struct {
	Buf       []byte         // the datagram; valid until the next RecvBatch with this Batch
	Src       netip.AddrPort // the sender
	Stamp     time.Time      // when the kernel received it (wall clock); zero if unknown
	Truncated bool           // the datagram was larger than MaxDatagram
}

// Batch is the memory one RecvBatch call fills: reuse it (a sync.Pool suits)
// rather than allocating one per call. It is not safe for concurrent use.
type Batch struct {
	Msgs  [BatchSize]Message
	hdrs  [BatchSize]mmsghdr
	iovs  [BatchSize]syscall.Iovec
	names [BatchSize]syscall.RawSockaddrInet6
	oob   [BatchSize][oobSize]byte
	bufs  [BatchSize][MaxDatagram]byte
}

// mmsghdr is struct mmsghdr of recvmmsg(2); Go pads it as C does.
type mmsghdr struct {
	hdr syscall.Msghdr
	n   uint32
}

// prepare points every header at its buffer, name and control space.
func (b *Batch) prepare() {
	for i := range b.hdrs {
		b.iovs[i].Base = &b.bufs[i][0]
		b.iovs[i].SetLen(MaxDatagram)
		h := &b.hdrs[i].hdr
		h.Name = (*byte)(unsafe.Pointer(&b.names[i]))
		h.Namelen = syscall.SizeofSockaddrInet6
		h.Iov = &b.iovs[i]
		h.Iovlen = 1
		h.Control = &b.oob[i][0]
		h.SetControllen(oobSize)
		h.Flags = 0
		b.hdrs[i].n = 0
	}
}

// RecvBatch takes up to BatchSize waiting datagrams into b.Msgs and returns
// how many; 0 with a nil error when none is waiting. It never blocks and
// does not allocate. When it returns BatchSize more may be waiting.
func (s *Socket) RecvBatch(b *Batch) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.fd < 0 {
		return 0, net.ErrClosed
	}
	b.prepare()
	for {
		r, _, e := syscall.RawSyscall6(syscall.SYS_RECVMMSG, uintptr(s.fd), uintptr(unsafe.Pointer(&b.hdrs[0])),
			BatchSize, syscall.MSG_DONTWAIT, 0, 0)
		switch e {
		case 0:
			n := int(r)
			for i := range n {
				b.fill(i)
			}
			return n, nil
		case syscall.EAGAIN:
			return 0, nil
		case syscall.EINTR:
			continue
		default:
			return 0, e
		}
	}
}

// fill decodes message i from what the kernel wrote.
func (b *Batch) fill(i int) {
	h := &b.hdrs[i]
	m := &b.Msgs[i]
	n := int(h.n)
	m.Buf = b.bufs[i][:min(n, MaxDatagram)]
	m.Truncated = h.hdr.Flags&syscall.MSG_TRUNC != 0
	m.Src = fromRaw(&b.names[i])
	m.Stamp = stamp(b.oob[i][:h.hdr.Controllen])
}

// stamp finds an SCM_TIMESTAMPNS control message in oob.
func stamp(oob []byte) time.Time {
	for len(oob) >= syscall.SizeofCmsghdr {
		c := (*syscall.Cmsghdr)(unsafe.Pointer(&oob[0]))
		l := int(c.Len)
		if l < syscall.SizeofCmsghdr || l > len(oob) {
			return time.Time{}
		}
		if c.Level == syscall.SOL_SOCKET && c.Type == syscall.SCM_TIMESTAMPNS &&
			l >= syscall.SizeofCmsghdr+int(unsafe.Sizeof(syscall.Timespec{})) {
			ts := (*syscall.Timespec)(unsafe.Pointer(&oob[syscall.SizeofCmsghdr]))
			return time.Unix(int64(ts.Sec), int64(ts.Nsec))
		}
		next := (l + cmsgAlign - 1) &^ (cmsgAlign - 1)
		if next >= len(oob) {
			return time.Time{}
		}
		oob = oob[next:]
	}
	return time.Time{}
}

// cmsgAlign is the alignment of control messages (sizeof(long)).
const cmsgAlign = int(unsafe.Sizeof(uintptr(0)))
