package rtpio

import "encoding/binary"

// The RTCP packets we send, appended to a buffer with enough capacity so
// nothing allocates (RFC 3550 §6.4.1 SR, §6.4.2 RR, §6.5 SDES, §6.6 BYE).
// Lengths are in 32-bit words minus one.

type senderInfo struct {
	ntp             uint64
	rtp             uint32
	packets, octets uint32
}

type reportBlock struct {
	ssrc     uint32
	fraction uint8
	lost     uint32 // 24 bits
	extSeq   uint32
	jitter   uint32
	lsr      uint32
	dlsr     uint32
}

func appendHeader(b []byte, count, typ uint8, size int) []byte {
	b = append(b, 2<<6|count, typ)
	return binary.BigEndian.AppendUint16(b, uint16(size/4-1))
}

func appendSR(b []byte, ssrc uint32, si senderInfo, rb reportBlock, hasBlock bool) []byte {
	n := blockCount(hasBlock)
	b = appendHeader(b, n, typeSR, rtcpHeaderLen+4+senderInfoLen+reportBlockLen*int(n))
	b = binary.BigEndian.AppendUint32(b, ssrc)
	b = binary.BigEndian.AppendUint64(b, si.ntp)
	b = binary.BigEndian.AppendUint32(b, si.rtp)
	b = binary.BigEndian.AppendUint32(b, si.packets)
	b = binary.BigEndian.AppendUint32(b, si.octets)
	return appendBlock(b, rb, hasBlock)
}

func appendRR(b []byte, ssrc uint32, rb reportBlock, hasBlock bool) []byte {
	n := blockCount(hasBlock)
	b = appendHeader(b, n, typeRR, rtcpHeaderLen+4+reportBlockLen*int(n))
	b = binary.BigEndian.AppendUint32(b, ssrc)
	return appendBlock(b, rb, hasBlock)
}

func blockCount(hasBlock bool) uint8 {
	if hasBlock {
		return 1
	}
	return 0
}

func appendBlock(b []byte, rb reportBlock, hasBlock bool) []byte {
	if !hasBlock {
		return b
	}
	b = binary.BigEndian.AppendUint32(b, rb.ssrc)
	b = binary.BigEndian.AppendUint32(b, uint32(rb.fraction)<<24|rb.lost&0xffffff)
	b = binary.BigEndian.AppendUint32(b, rb.extSeq)
	b = binary.BigEndian.AppendUint32(b, rb.jitter)
	b = binary.BigEndian.AppendUint32(b, rb.lsr)
	return binary.BigEndian.AppendUint32(b, rb.dlsr)
}

// appendSDES writes one chunk with a CNAME item, ended by the null octets
// that also pad the chunk to 32 bits.
func appendSDES(b []byte, ssrc uint32, cname string) []byte {
	const itemCNAME = 1
	items := 2 + len(cname) + 1 // type, length, text, at least one null
	chunk := 4 + (items+3)/4*4
	b = appendHeader(b, 1, typeSDES, rtcpHeaderLen+chunk)
	b = binary.BigEndian.AppendUint32(b, ssrc)
	b = append(b, itemCNAME, byte(len(cname)))
	b = append(b, cname...)
	for range chunk - 4 - 2 - len(cname) {
		b = append(b, 0)
	}
	return b
}

func appendBYE(b []byte, ssrc uint32) []byte {
	b = appendHeader(b, 1, typeBYE, rtcpHeaderLen+4)
	return binary.BigEndian.AppendUint32(b, ssrc)
}
