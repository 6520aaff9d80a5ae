package sdp

import "testing"

func TestEvents(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0-15", "0-15"},
		{"0-16", "0-16"},
		{"0-11,16", "0-11,16"},
		{" 0 - 15 ", "0-15"},
		{"16,0-15", "0-16"},
		{"1,3,5", "1,3,5"},
		{"0-15,32,66", "0-15"},
		{"garbage", "0-15"},
		{"5-x,7", "7"},
		{"", "0-15"},
		{"40-50", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in+" reads as "+tc.want, func(t *testing.T) {
			if got := (parseEvents(tc.in) & ourEvents).String(); got != tc.want {
				t.Errorf("got %q", got)
			}
		})
	}
}
