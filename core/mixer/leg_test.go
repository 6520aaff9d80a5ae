package mixer

import (
	"testing"

	"github.com/reel-project/reel/codecs"
)

func TestSide(t *testing.T) {
	tests := []struct {
		name string
		in   Side
		want Side
		str  string
	}{
		{"left stays left", Left, Left, "left"},
		{"right stays right", Right, Right, "right"},
		{"an unknown side counts as right", Side(7), Right, "right"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := New().AddLeg("x", tt.in)
			if l.side != tt.want || tt.in.String() != tt.str {
				t.Errorf("side = %v (%q), want %v (%q)", l.side, tt.in.String(), tt.want, tt.str)
			}
			l.SetSide(tt.in)
			if l.side != tt.want {
				t.Errorf("after SetSide: side = %v, want %v", l.side, tt.want)
			}
		})
	}
}

func TestNewLeg(t *testing.T) {
	l := New().AddLeg("conn-1", Left)
	if l.ID() != "conn-1" || len(l.In()) != codecs.FrameSamples {
		t.Errorf("ID = %q, len(In) = %d; want conn-1 and %d", l.ID(), len(l.In()), codecs.FrameSamples)
	}
	if l.Out() != nil {
		t.Error("a leg that has not been through a Tick has output, want nil")
	}
}
