package sdp

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"LF lines become CRLF lines",
			"v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nt=0 0\n",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=x|t=0 0"},
		{"CR-only lines, blank lines and trailing blanks are accepted",
			"v=0\r\ro=- 1 1 IN IP4 1.2.3.4 \rs=x\t\r\rt=0 0",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=x|t=0 0"},
		{"missing s= and t= are supplied",
			"v=0\no=- 1 1 IN IP4 1.2.3.4\nc=IN IP4 1.2.3.4\nm=audio 1 RTP/AVP 0\n",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=-|c=IN IP4 1.2.3.4|t=0 0|m=audio 1 RTP/AVP 0"},
		{"session lines are put in RFC order and lines we do not use dropped",
			"v=0\na=tool:x\no=- 1 1 IN IP4 1.2.3.4\nt=0 0\nc=IN IP4 1.2.3.4\nb=AS:64\nu=http://x\nz=0 0\ns=x\n",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=x|c=IN IP4 1.2.3.4|t=0 0|a=tool:x"},
		{"media lines are put in RFC order, m-line names in pion's spelling",
			"v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nt=0 0\nm=Audio 1 rtp/avp 0\na=sendonly\nb=AS:64\nc=IN IP4 5.6.7.8\nk=clear:x\n",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=x|t=0 0|m=audio 1 RTP/AVP 0|c=IN IP4 5.6.7.8|a=sendonly"},
		{"a user name with blanks in o= is joined",
			"v=0\no=Some UA  1 2 IN IP4 1.2.3.4\ns=x\nt=0 0\n",
			"v=0|o=Some_UA 1 2 IN IP4 1.2.3.4|s=x|t=0 0"},
		{"an m-line pion does not know becomes a neutral line with its port",
			"v=0\no=- 1 1 IN IP4 1.2.3.4\ns=x\nt=0 0\nm=image 4000 udptl t38\n",
			"v=0|o=- 1 1 IN IP4 1.2.3.4|s=x|t=0 0|m=application 4000 UDP t38"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := normalize([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(tc.want, "|", "\r\n") + "\r\n"; got != want {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestNormalizeKeepsMLinesAsWritten(t *testing.T) {
	_, lines, err := normalize([]byte("v=0\no=- 1 1 IN IP4 1.2.3.4\nm=image 0 udptl t38\nm=audio 1 rtp/avp 0 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].media != "image" || lines[0].proto != "udptl" ||
		lines[1].proto != "rtp/avp" || strings.Join(lines[1].formats, " ") != "0 8" {
		t.Errorf("lines %+v", lines)
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"a line without type= is malformed", "v=0\no=- 1 1 IN IP4 1.2.3.4\nhello\n"},
		{"an upper-case type is malformed", "v=0\nO=- 1 1 IN IP4 1.2.3.4\n"},
		{"a missing v= is malformed", "o=- 1 1 IN IP4 1.2.3.4\n"},
		{"an m-line with a quote in a token is malformed", "v=0\no=- 1 1 IN IP4 1.2.3.4\nm=audio 1 RTP/AVP \"0\"\n"},
		{"DEL is a control character", "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=\x7f\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := normalize([]byte(tc.in)); !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v, want ErrMalformed", err)
			}
		})
	}
}
