package sdp

import (
	"strconv"
	"strings"
)

// Direction is a stream's direction attribute (RFC 3264 §5.1), from the point
// of view of the side that wrote it. The zero value is SendRecv, the SDP default.
type Direction uint8

// Directions.
const (
	SendRecv Direction = iota
	SendOnly
	RecvOnly
	Inactive
)

var directionNames = [...]string{"sendrecv", "sendonly", "recvonly", "inactive"}

// String returns the attribute name, e.g. "sendonly".
func (d Direction) String() string {
	if int(d) < len(directionNames) {
		return directionNames[d]
	}
	return "direction(" + strconv.Itoa(int(d)) + ")"
}

// Sends reports whether the side that wrote d sends media.
func (d Direction) Sends() bool { return d == SendRecv || d == SendOnly }

// Receives reports whether the side that wrote d receives media.
func (d Direction) Receives() bool { return d == SendRecv || d == RecvOnly }

// Reverse returns the same stream seen from the other side: sendonly ⇄
// recvonly; sendrecv and inactive stay.
func (d Direction) Reverse() Direction { return direction(d.Receives(), d.Sends()) }

// and returns the direction that does only what both d and o allow.
func (d Direction) and(o Direction) Direction {
	return direction(d.Sends() && o.Sends(), d.Receives() && o.Receives())
}

func direction(send, recv bool) Direction {
	switch {
	case send && recv:
		return SendRecv
	case send:
		return SendOnly
	case recv:
		return RecvOnly
	}
	return Inactive
}

// parseDirection recognises a direction attribute name, in any case.
func parseDirection(key string) (Direction, bool) {
	for i, name := range directionNames {
		if strings.EqualFold(key, name) {
			return Direction(i), true
		}
	}
	return SendRecv, false
}
