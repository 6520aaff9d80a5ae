package sdp

import "testing"

func TestDirection(t *testing.T) {
	tests := []struct {
		d               Direction
		name            string
		reverse         Direction
		sends, receives bool
	}{
		{SendRecv, "sendrecv", SendRecv, true, true},
		{SendOnly, "sendonly", RecvOnly, true, false},
		{RecvOnly, "recvonly", SendOnly, false, true},
		{Inactive, "inactive", Inactive, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name+" reverses to "+tc.reverse.String(), func(t *testing.T) {
			if tc.d.String() != tc.name || tc.d.Reverse() != tc.reverse ||
				tc.d.Sends() != tc.sends || tc.d.Receives() != tc.receives {
				t.Errorf("%d: %s reverse %s sends %v receives %v", tc.d, tc.d, tc.d.Reverse(), tc.d.Sends(), tc.d.Receives())
			}
			if got, ok := parseDirection(tc.name); !ok || got != tc.d {
				t.Errorf("parseDirection(%q) = %v, %v", tc.name, got, ok)
			}
		})
	}
	if Direction(7).String() != "direction(7)" {
		t.Errorf("unknown direction prints %q", Direction(7).String())
	}
}

func TestDirectionAndIsTheIntersection(t *testing.T) {
	for a := SendRecv; a <= Inactive; a++ {
		for b := SendRecv; b <= Inactive; b++ {
			got := a.and(b)
			if got.Sends() != (a.Sends() && b.Sends()) || got.Receives() != (a.Receives() && b.Receives()) {
				t.Errorf("%s and %s = %s", a, b, got)
			}
		}
	}
}
