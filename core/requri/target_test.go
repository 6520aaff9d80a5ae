package requri

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		uri  string
		want Target
	}{
		{"a GIR conference leg with every parameter",
			"sip:msml=conf123@10.0.0.5:5070;dn=7001;record;gvp-tenant-id=acme;media-service=record;reel-profile=gold",
			Target{Kind: Conference, ID: "conf123", DN: "7001", Record: true, Tenant: "acme", MediaService: "record",
				Profile: "gold", Params: map[string]string{"dn": "7001", "record": "", "gvp-tenant-id": "acme",
					"media-service": "record", "reel-profile": "gold"}}},
		{"a recorder session with mixed-case names",
			"sip:record=abc-123@rec;calluuid=XYZ;dn=7001;recordDN=7001;otherDN=7002",
			Target{Kind: Recorder, ID: "abc-123", DN: "7001", CallUUID: "XYZ", RecordDN: "7001", OtherDN: "7002",
				Params: map[string]string{"calluuid": "XYZ", "dn": "7001", "recorddn": "7001", "otherdn": "7002"}}},
		{"a bare conference leg has no parameters",
			"sip:msml=00F8A2B4C7@mcp",
			Target{Kind: Conference, ID: "00F8A2B4C7"}},
		{"parameters in any order and case, prefix in upper case",
			"SIP:MSML=c1@h;Record;DN=7001;Gvp-Tenant-Id=Acme",
			Target{Kind: Conference, ID: "c1", DN: "7001", Record: true, Tenant: "Acme",
				Params: map[string]string{"record": "", "dn": "7001", "gvp-tenant-id": "Acme"}}},
		{"record=1 and record=true mean record",
			"sip:msml=c1@h;record=true",
			Target{Kind: Conference, ID: "c1", Record: true, Params: map[string]string{"record": "true"}}},
		{"record=false means do not record",
			"sip:msml=c1@h;record=false",
			Target{Kind: Conference, ID: "c1", Params: map[string]string{"record": "false"}}},
		{"escapes in the user part and in parameters are decoded",
			"sip:msml=conf%20one%3Ax@h;dn=%2B7001;x%2Dy=a%3Bb",
			Target{Kind: Conference, ID: "conf one:x", DN: "+7001", Params: map[string]string{"dn": "+7001", "x-y": "a;b"}}},
		{"a plus sign stays a plus sign",
			"sip:record=a+b@h",
			Target{Kind: Recorder, ID: "a+b"}},
		{"sips and an IPv6 host with a port",
			"sips:msml=c1@[2001:db8::1]:5061;dn=1",
			Target{Kind: Conference, ID: "c1", DN: "1", Params: map[string]string{"dn": "1"}}},
		{"an IPv6 host without a port",
			"sip:msml=c1@[::1];dn=1",
			Target{Kind: Conference, ID: "c1", DN: "1", Params: map[string]string{"dn": "1"}}},
		{"a headers part is ignored",
			"sip:msml=c1@h:5070;dn=1?X-Genesys-CallUUID=ABC&Subject=x",
			Target{Kind: Conference, ID: "c1", DN: "1", Params: map[string]string{"dn": "1"}}},
		{"headers right after the host are ignored",
			"sip:msml=c1@h?x=y",
			Target{Kind: Conference, ID: "c1"}},
		{"a colon in the user part stays in the id",
			"sip:msml=a:b@h",
			Target{Kind: Conference, ID: "a:b"}},
		{"a repeated parameter keeps its last value",
			"sip:msml=c1@h;reel-profile=client;reel-profile=rm",
			Target{Kind: Conference, ID: "c1", Profile: "rm", Params: map[string]string{"reel-profile": "rm"}}},
		{"empty parameters and names are skipped",
			"sip:msml=c1@h;;=x;dn=1;",
			Target{Kind: Conference, ID: "c1", DN: "1", Params: map[string]string{"dn": "1"}}},
		{"an id with '=' keeps it",
			"sip:record=a=b@h",
			Target{Kind: Recorder, ID: "a=b"}},
		{"surrounding blanks and angle brackets are tolerated",
			" <sip:msml=c1@h> ",
			Target{Kind: Conference, ID: "c1"}},
		{"UTF-8 in an id is kept",
			"sip:msml=caf%C3%A9@h",
			Target{Kind: Conference, ID: "café"}},
		{"an id of 128 bytes is accepted",
			"sip:msml=" + strings.Repeat("a", 128) + "@h",
			Target{Kind: Conference, ID: strings.Repeat("a", 128)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.uri)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		uri  string
		want error
	}{
		{"a plain DN is not ours", "sip:7001@host", ErrNotReel},
		{"a URI without a user part is not ours", "sip:mcp.example.com;transport=tcp", ErrNotReel},
		{"an unknown prefix is not ours", "sip:conf=c1@h", ErrNotReel},
		{"msml without '=' is not ours", "sip:msml@h", ErrNotReel},
		{"an escaped '=' is not the prefix separator", "sip:msml%3Dc1@h", ErrNotReel},
		{"an empty string is malformed", "", ErrMalformed},
		{"a tel: URI is malformed", "tel:+15551234", ErrMalformed},
		{"an http URI is malformed", "http://x/y", ErrMalformed},
		{"no scheme is malformed", "msml=c1@h", ErrMalformed},
		{"an empty id is malformed", "sip:msml=@h", ErrMalformed},
		{"an empty user part is malformed", "sip:@h", ErrMalformed},
		{"an empty host is malformed", "sip:msml=c1@;dn=1", ErrMalformed},
		{"an empty host before a port is malformed", "sip:msml=c1@:5060", ErrMalformed},
		{"a bad escape in the id is malformed", "sip:msml=c%zz@h", ErrMalformed},
		{"a truncated escape is malformed", "sip:msml=c%4@h", ErrMalformed},
		{"a bad escape in a parameter is malformed", "sip:msml=c1@h;dn=%", ErrMalformed},
		{"a bad escape in a URI that is not ours is still malformed", "sip:70%g1@h", ErrMalformed},
		{"an escaped NUL in the id is malformed", "sip:msml=a%00b@h", ErrMalformed},
		{"an escaped newline in a parameter is malformed", "sip:msml=c1@h;dn=1%0a2", ErrMalformed},
		{"invalid UTF-8 in the id is malformed", "sip:msml=%ff@h", ErrMalformed},
		{"a raw control character is malformed", "sip:msml=c\x01@h", ErrMalformed},
		{"a space inside is malformed", "sip:msml=c 1@h", ErrMalformed},
		{"an id of 129 bytes is malformed", "sip:msml=" + strings.Repeat("a", 129) + "@h", ErrMalformed},
		{"a URI over 2048 bytes is malformed", "sip:msml=c1@h;x=" + strings.Repeat("a", 2048), ErrMalformed},
		{"port 0 is malformed", "sip:msml=c1@h:0", ErrMalformed},
		{"port 70000 is malformed", "sip:msml=c1@h:70000", ErrMalformed},
		{"a non-numeric port is malformed", "sip:msml=c1@h:sip", ErrMalformed},
		{"an IPv6 host without ']' is malformed", "sip:msml=c1@[::1;dn=1", ErrMalformed},
		{"an IPv4 address in brackets is malformed", "sip:msml=c1@[10.0.0.1]", ErrMalformed},
		{"junk after an IPv6 host is malformed", "sip:msml=c1@[::1]x", ErrMalformed},
		{"a host with a slash is malformed", "sip:msml=c1@h/../x", ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.uri)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if err.Error() == tc.want.Error() {
				t.Errorf("error %q carries no detail", err)
			}
			if got.Kind != Unknown || got.ID != "" || got.Params != nil {
				t.Errorf("target %+v with an error, want the zero Target", got)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Unknown: "unknown", Conference: "conference", Recorder: "recorder", 9: "unknown"} {
		if k.String() != want {
			t.Errorf("Kind(%d) = %q, want %q", k, k, want)
		}
	}
}

func TestParseRecorderTakesAnyUserAndKeepsParameters(t *testing.T) {
	got, err := ParseRecorder("sip:srs@10.0.0.5:5070;reel-profile=gold;gvp-tenant-id=acme", "call-1@src")
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != Recorder || got.ID != "call-1@src" || got.Profile != "gold" || got.Tenant != "acme" {
		t.Errorf("got %+v", got)
	}
	for _, bad := range []struct{ uri, id string }{{"http://x", "a"}, {"sip:srs@h;p=%zz", "a"}, {"sip:srs@h", ""}} {
		if _, err := ParseRecorder(bad.uri, bad.id); !errors.Is(err, ErrMalformed) {
			t.Errorf("ParseRecorder(%q, %q): %v, want ErrMalformed", bad.uri, bad.id, err)
		}
	}
}
