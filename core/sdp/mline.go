package sdp

import (
	"fmt"
	"strings"
)

// The media and proto names pion's parser accepts (its IANA lists).
var (
	pionMedia  = canonical("audio", "video", "text", "application", "message")
	pionProtos = canonical("UDP", "RTP", "AVP", "SAVP", "SAVPF", "TLS", "DTLS", "SCTP",
		"AVPF", "TCP", "MSRP", "BFCP", "UDT", "IX", "MRCPv2", "FEC")
)

func canonical(names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[strings.ToLower(n)] = n
	}
	return m
}

// parseMLine reads "m=<media> <port> <proto> <fmt> …" as written and returns
// the line pion will parse: media and proto in pion's spelling, or, for media
// pion does not know (m=image 0 udptl t38), a neutral application line that
// keeps the port, so the stream can still be refused in its position.
func parseMLine(line string) (mLine, string, error) {
	f := strings.Fields(line[2:])
	if len(f) < 4 {
		return mLine{}, "", fmt.Errorf("%w: m-line needs media, port, proto and a format: %.60q", ErrMalformed, line)
	}
	for _, tok := range f {
		if !isToken(tok) {
			return mLine{}, "", fmt.Errorf("%w: m-line token %.20q", ErrMalformed, tok)
		}
	}
	ml := mLine{media: f[0], proto: f[2], formats: f[3:]}
	media, okMedia := pionMedia[strings.ToLower(f[0])]
	proto, okProto := canonicalProto(f[2])
	if !okMedia || !okProto {
		media, proto = "application", "UDP"
	}
	return ml, "m=" + media + " " + f[1] + " " + proto + " " + strings.Join(f[3:], " "), nil
}

// canonicalProto spells every part of a proto such as "rtp/avp" as pion does.
func canonicalProto(p string) (string, bool) {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		c, ok := pionProtos[strings.ToLower(part)]
		if !ok {
			return "", false
		}
		parts[i] = c
	}
	return strings.Join(parts, "/"), true
}

// isToken reports whether s is an RFC 4566 token (visible ASCII except
// " ( ) , / : ; < = > ? @ [ \ ] { }, with '/' allowed for protos).
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return s != ""
}
