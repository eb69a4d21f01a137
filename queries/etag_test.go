package queries

import (
	"strings"
	"testing"
)

func TestIfNoneMatch(t *testing.T) {
	t.Parallel()
	const etag = `"abc123"`
	tests := []struct {
		header string
		want   bool
	}{
		{`"abc123"`, true},
		{`W/"abc123"`, true},
		{`"x", "abc123"`, true},
		{`"x",W/"abc123" , "y"`, true},
		{`*`, true},
		{` *`, true},
		{``, false},
		{`"abc12"`, false},
		{`abc123`, false},
		{`"abc123`, false},
		{`"x" "abc123"`, false},
		{`W/ "abc123"`, false},
		{`"ab"c123"`, false},
	}
	for _, tt := range tests {
		if got := IfNoneMatch(tt.header, etag); got != tt.want {
			t.Errorf("IfNoneMatch(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
	if IfNoneMatch(`"abc123"`, `W/"abc123"`) != true {
		t.Error("weak comparison must ignore W/ on the stored tag too")
	}
}

func TestIfNoneMatch_DoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { IfNoneMatch(`"a", W/"b", "abc123"`, `"abc123"`) })
	if allocs != 0 {
		t.Errorf("%v allocations per call", allocs)
	}
}

// reference is a plain, allocating reading of RFC 9110 §13.1.2 for
// well-formed headers.
func reference(header, etag string) (match, wellFormed bool) {
	if strings.Trim(header, " \t") == "*" { // OWS is SP and HTAB only
		return true, true
	}
	etag = strings.TrimPrefix(etag, "W/")
	for _, part := range strings.Split(header, ",") {
		part = strings.Trim(part, " \t")
		if part == "" {
			continue
		}
		tag := strings.TrimPrefix(part, "W/")
		if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' || !isETagc(tag[1:len(tag)-1]) {
			return false, false
		}
		if tag == etag {
			match = true
		}
	}
	return match, true
}

// isETagc reports whether s is made only of RFC 9110 etagc characters:
// %x21 / %x23-7E / obs-text.
func isETagc(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != 0x21 && (c < 0x23 || c > 0x7E) && c < 0x80 {
			return false
		}
	}
	return true
}

func FuzzIfNoneMatch(f *testing.F) {
	for _, seed := range []string{`"abc123"`, `W/"abc123"`, `"x", "abc123"`, `*`, ``, `"`, `W/`, `,,,`, "\"\x00\"", `"a",`, strings.Repeat(`"x",`, 100)} {
		f.Add(seed, `"abc123"`)
	}
	f.Fuzz(func(t *testing.T, header, etag string) {
		got := IfNoneMatch(header, etag) // must never panic
		// Only well-formed strong tags are compared with the reference; the
		// server never produces anything else.
		if len(etag) < 2 || etag[0] != '"' || etag[len(etag)-1] != '"' {
			return
		}
		if !isETagc(etag[1 : len(etag)-1]) {
			return
		}
		want, wellFormed := reference(header, etag)
		if wellFormed && got != want {
			t.Errorf("IfNoneMatch(%q, %q) = %v, reference %v", header, etag, got, want)
		}
		if header == etag && got != true {
			t.Errorf("an identical tag must match: %q", header)
		}
	})
}

// TestIfNoneMatch2_EitherRepresentation: a client holding the tag of the
// plain or of the gzip-compressed representation is up to date.
func TestIfNoneMatch2_EitherRepresentation(t *testing.T) {
	const plain, gz = `"abc123"`, `"abc123-gz"`
	tests := []struct {
		header string
		want   bool
	}{
		{plain, true},
		{gz, true},
		{`W/"abc123-gz"`, true},
		{`"old", "abc123-gz"`, true},
		{`"abc123-g"`, false},
		{`"old"`, false},
	}
	for _, tt := range tests {
		if got := IfNoneMatch2(tt.header, plain, gz); got != tt.want {
			t.Errorf("IfNoneMatch2(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
	if IfNoneMatch2(gz, plain, "") {
		t.Error("without an alternative tag, only the plain one matches")
	}
	if allocs := testing.AllocsPerRun(100, func() { IfNoneMatch2(`"a", "abc123-gz"`, plain, gz) }); allocs != 0 {
		t.Errorf("%v allocations per call", allocs)
	}
}
