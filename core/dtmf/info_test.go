package dtmf

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseRelay(t *testing.T) {
	for body, want := range map[string]Press{
		"Signal=5\r\nDuration=160\r\n":     {'5', 160 * time.Millisecond},
		"Signal=#\nDuration=250":           {'#', 250 * time.Millisecond},
		"signal = *\r\nduration = 100\r\n": {'*', 100 * time.Millisecond},
		"Duration=80\r\nSignal=d\r\n":      {'D', 80 * time.Millisecond},
		"Signal=10\r\n":                    {'*', 0},
		"Signal=11\r\n":                    {'#', 0},
		"Signal=0\r\nVolume=10\r\n":        {'0', 0},
	} {
		got, err := ParseRelay([]byte(body))
		if err != nil || got != want {
			t.Errorf("%q: got %+v, %v; want %+v", body, got, err, want)
		}
	}
}

func TestParseRelayRejects(t *testing.T) {
	for body, msg := range map[string]string{
		"":                         "no Signal",
		"Duration=160\r\n":         "no Signal",
		"Signal=E\r\n":             `Signal "E"`,
		"Signal=12\r\n":            `Signal "12"`,
		"Signal=\r\n":              `Signal ""`,
		"Signal=5\r\nDuration=-1":  `Duration "-1"`,
		"Signal=5\r\nDuration=1e3": `Duration "1e3"`,
		strings.Repeat("x", 2000):  "2000 bytes",
	} {
		_, err := ParseRelay([]byte(body))
		if !errors.Is(err, ErrBody) || !strings.Contains(err.Error(), msg) {
			t.Errorf("%.20q: got %v, want %q", body, err, msg)
		}
	}
}

func TestParseDTMF(t *testing.T) {
	for body, want := range map[string]byte{"5": '5', " #\r\n": '#', "a": 'A', "*": '*'} {
		if got, err := ParseDTMF([]byte(body)); err != nil || got.Key != want {
			t.Errorf("%q: got %+v, %v", body, got, err)
		}
	}
	for _, body := range []string{"", "55", "x", "Signal=5"} {
		if _, err := ParseDTMF([]byte(body)); !errors.Is(err, ErrBody) {
			t.Errorf("%q: got %v", body, err)
		}
	}
}
