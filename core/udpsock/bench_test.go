package udpsock

import "testing"

// BenchmarkSendRecv is one 172-byte RTP-sized datagram over loopback: the
// SendTo and the RecvBatch that takes it.
func BenchmarkSendRecv(b *testing.B) {
	s, peer := listen(b, loopback), listen(b, loopback)
	batch, payload, dst := new(Batch), make([]byte, 172), s.LocalAddr()
	b.ReportAllocs()
	for b.Loop() {
		if err := peer.SendTo(payload, dst); err != nil {
			b.Fatal(err)
		}
		if n, err := s.RecvBatch(batch); n != 1 || err != nil {
			b.Fatalf("RecvBatch = %d, %v", n, err)
		}
	}
}

// BenchmarkRecvEmpty is the cost of polling a socket with nothing waiting.
func BenchmarkRecvEmpty(b *testing.B) {
	s := listen(b, loopback)
	batch := new(Batch)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = s.RecvBatch(batch)
	}
}
